/// How many cells of a column were left out of the tests, and why.
///
/// Nothing is dropped silently: every cell of a column is either tested or counted here.
///
/// ```swift
/// var missing = MissingCounts()
/// missing.empty += 1
/// print(missing.total)   // 1
/// ```
public struct MissingCounts: Sendable, Hashable, Codable {
    /// Empty cells (and SQL NULLs).
    public var empty = 0
    /// Cells holding NaN.
    public var notANumber = 0
    /// Cells holding +infinity or -infinity (including literals that overflow a double).
    public var infinite = 0

    /// No missing cells.
    public init() {}

    /// Creates counts from their parts.
    public init(empty: Int, notANumber: Int, infinite: Int) {
        self.empty = empty
        self.notANumber = notANumber
        self.infinite = infinite
    }

    /// All cells left out of the tests.
    public var total: Int { empty + notANumber + infinite }
}
