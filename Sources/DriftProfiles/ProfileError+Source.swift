import DriftSources

extension ProfileError {
    /// The profile builder's error for a source error: the same case and message, so a build
    /// from SQLite fails with ``invalidSource(description:reason:)`` as documented.
    ///
    /// ```swift
    /// ProfileError(SourceError.invalidSource(description: "sqlite:a.db table=t", reason: "no such file"))
    /// // .invalidSource(description: "sqlite:a.db table=t", reason: "no such file")
    /// ```
    ///
    /// - Parameter error: The source's error.
    init(_ error: SourceError) {
        switch error {
        case let .invalidSource(description, reason): self = .invalidSource(description: description, reason: reason)
        case let .invalidArgument(name, reason): self = .invalidArgument(name: name, reason: reason)
        }
    }

    /// Runs `body`, rethrowing a ``SourceError`` as the ``ProfileError`` with the same message.
    ///
    /// - Parameter body: Work that reads a source.
    /// - Returns: What `body` returns.
    /// - Throws: `body`'s errors, source errors translated.
    static func translatingSourceErrors<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as SourceError {
            throw ProfileError(error)
        }
    }
}
