import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An exclusive lock that keeps overlapping runs of the same job apart.
///
/// Uses `flock(2)` on a lock file, so the lock is released by the kernel when the process
/// exits for any reason (a crash or SIGKILL never leaves a stale lock behind). The holder's
/// PID is written into the file for the error message of a second run.
///
/// ```swift
/// let lock = try RunLock(path: "/var/lib/driftwatch/churn.lock")
/// defer { lock.release() }
/// ```
public final class RunLock {
    /// The lock file.
    public let path: String
    private let descriptor: Int32
    private var released = false

    /// Takes the lock without waiting.
    ///
    /// - Parameter path: The lock file (created if missing; its folder must exist).
    /// - Throws: ``RunLockError/held(path:holder:)`` when another process holds it,
    ///   ``RunLockError/cannotOpen(path:reason:)`` when the file cannot be created.
    public init(path: String) throws {
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw RunLockError.cannotOpen(path: path, reason: String(cString: strerror(errno)))
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let holder = (try? String(contentsOfFile: path, encoding: .utf8))?
                .trimmingCharacters(in: .whitespacesAndNewlines)
            close(descriptor)
            throw RunLockError.held(path: path, holder: holder.flatMap { $0.isEmpty ? nil : $0 })
        }
        let pid = "\(getpid())\n"
        _ = ftruncate(descriptor, 0)
        _ = pid.withCString { write(descriptor, $0, strlen($0)) }
        self.path = path
        self.descriptor = descriptor
    }

    deinit { release() }

    /// Releases the lock (also released when the process exits). Calling it again does nothing.
    public func release() {
        guard !released else { return }
        released = true
        _ = ftruncate(descriptor, 0)
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}

/// Why the run lock could not be taken.
public enum RunLockError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Another run holds the lock.
    case held(path: String, holder: String?)
    /// The lock file cannot be created or opened.
    case cannotOpen(path: String, reason: String)

    /// A one-line description.
    public var description: String {
        switch self {
        case let .held(path, holder):
            let who = holder.map { " by process \($0)" } ?? ""
            return "another driftwatch check is running (lock \(path) held\(who)); this run exits without checking"
        case let .cannotOpen(path, reason):
            return "cannot create the lock file \(path): \(reason)"
        }
    }
}
