/// A Population Stability Index together with everything needed to explain it: the bins,
/// both samples' counts and proportions, and each bin's contribution.
///
/// ```swift
/// let result = try populationStabilityIndex(reference: reference, production: production)
/// if result.value > 0.25 {
///     let worst = result.contributions.indices.max { result.contributions[$0] < result.contributions[$1] }
///     print("major shift, largest in bin \(worst!)")
/// }
/// ```
public struct PSIResult: Sendable, Hashable {
    /// The index, `Σ contributions` (>= 0; 0 when the proportions agree).
    public let value: Double
    /// The `bins + 1` bin edges (empty for categorical counts).
    public let edges: [Double]
    /// The reference count in each bin or category.
    public let referenceCounts: [Int]
    /// The production count in each bin or category.
    public let productionCounts: [Int]
    /// `referenceCounts[i] / total`, with a zero count replaced by epsilon (not renormalised).
    public let referenceProportions: [Double]
    /// `productionCounts[i] / total`, with a zero count replaced by epsilon (not renormalised).
    public let productionProportions: [Double]
    /// The per-bin terms `(production - reference) * ln(production / reference)`, each >= 0.
    public let contributions: [Double]

    /// The number of bins or categories.
    ///
    /// ```swift
    /// let result = try populationStabilityIndex(referenceCounts: [5, 5], productionCounts: [4, 6])
    /// result.bins   // 2
    /// ```
    ///
    /// - Complexity: O(1).
    public var bins: Int {
        referenceCounts.count
    }

    @usableFromInline
    internal init(
        value: Double, edges: [Double], referenceCounts: [Int], productionCounts: [Int],
        referenceProportions: [Double], productionProportions: [Double], contributions: [Double]
    ) {
        self.value = value
        self.edges = edges
        self.referenceCounts = referenceCounts
        self.productionCounts = productionCounts
        self.referenceProportions = referenceProportions
        self.productionProportions = productionProportions
        self.contributions = contributions
    }
}
