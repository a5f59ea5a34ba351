/// The result of one statistical test on one feature: a value, or the reason it could not run.
///
/// A test that cannot run on a column (say PSI on a constant reference) does not stop the
/// others; its outcome carries the error message instead.
///
/// ```swift
/// let outcome = TestOutcome { try kolmogorovSmirnov(reference, production) }
/// if case .failed(let reason) = outcome { print("KS skipped:", reason) }
/// ```
public enum TestOutcome<Value: Sendable>: Sendable {
    /// The test ran.
    case value(Value)
    /// The test could not run; the message says why.
    case failed(String)

    /// Runs `body`, capturing a thrown error's description as ``failed(_:)``.
    public init(_ body: () throws -> Value) {
        do {
            self = .value(try body())
        } catch {
            self = .failed(String(describing: error))
        }
    }

    /// The value, if the test ran.
    public var value: Value? {
        if case .value(let value) = self { return value }
        return nil
    }

    /// The error message, if the test could not run.
    public var failure: String? {
        if case .failed(let message) = self { return message }
        return nil
    }
}
