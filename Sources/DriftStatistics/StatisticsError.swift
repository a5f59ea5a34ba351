/// The one error type every function in ``DriftStatistics`` throws.
///
/// Each case names what was wrong and where, so that the message printed by a caller
/// (`"\(error)"`) is enough to fix the input:
///
/// ```swift
/// do {
///     _ = try SortedSample([1.0, .nan, 3.0], label: "production")
/// } catch let error as StatisticsError {
///     print(error)   // production: value at index 1 is NaN; drop or count missing values first
/// }
/// ```
public enum StatisticsError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A sample that must hold at least one value is empty.
    case emptySample(sample: String)
    /// A sample holds fewer values than the test needs.
    case sampleTooSmall(sample: String, count: Int, minimum: Int)
    /// A value is NaN or infinite where the computation cannot take it.
    case nonFiniteValue(sample: String, index: Int, value: Double)
    /// A histogram or PSI was asked for fewer than the minimum number of bins.
    case tooFewBins(requested: Int, minimum: Int)
    /// A range whose lower bound exceeds its upper bound, or that is not finite.
    case invalidRange(lower: Double, upper: Double)
    /// Explicit bin edges that are not non-decreasing (or contain NaN) at `index`.
    case invalidEdges(index: Int, reason: String)
    /// A presorted sample that is not in ascending order at `index`.
    case notSorted(sample: String, index: Int)
    /// Weights of the wrong length, negative, or with a zero or non-finite sum.
    case invalidWeights(sample: String, reason: String)
    /// Counts that are negative, non-finite, or leave a row or column empty.
    case invalidCounts(reason: String)
    /// A reference sample that cannot define the requested quantity (say a constant column for PSI).
    case degenerateReference(reason: String)
    /// Any other argument outside its documented domain.
    case invalidArgument(name: String, reason: String)
    /// A result that does not fit in a `Double` for finite inputs (values near ±1.8e308): an
    /// error with its reason rather than an infinity that would read as a measurement.
    case overflow(quantity: String, reason: String)

    /// A one-line, human-readable description of the problem.
    public var description: String {
        switch self {
        case let .emptySample(sample):
            return "\(sample): sample is empty"
        case let .sampleTooSmall(sample, count, minimum):
            return "\(sample): \(count) value\(count == 1 ? "" : "s"), at least \(minimum) needed"
        case let .nonFiniteValue(sample, index, value):
            let what = value.isNaN ? "NaN" : (value > 0 ? "+infinity" : "-infinity")
            return "\(sample): value at index \(index) is \(what); drop or count missing values first"
        case let .tooFewBins(requested, minimum):
            return "\(requested) bin\(requested == 1 ? "" : "s") requested, at least \(minimum) needed"
        case let .invalidRange(lower, upper):
            return "invalid range [\(lower), \(upper)]: bounds must be finite with lower <= upper"
        case let .invalidEdges(index, reason):
            return "invalid bin edges at index \(index): \(reason)"
        case let .notSorted(sample, index):
            return "\(sample): presorted sample is not ascending at index \(index)"
        case let .invalidWeights(sample, reason):
            return "\(sample) weights: \(reason)"
        case let .invalidCounts(reason):
            return "invalid counts: \(reason)"
        case let .degenerateReference(reason):
            return "degenerate reference: \(reason)"
        case let .invalidArgument(name, reason):
            return "invalid \(name): \(reason)"
        case let .overflow(quantity, reason):
            return "\(quantity) overflows a double: \(reason)"
        }
    }
}
