/// The Population Stability Index of a categorical feature from aligned category counts.
///
/// `referenceCounts[i]` and `productionCounts[i]` count the same category (the caller aligns
/// the category lists, with 0 for a category absent from one side). Proportions and terms are
/// as in ``populationStabilityIndex(reference:production:bins:binning:epsilon:)``; the
/// result's ``PSIResult/edges`` is empty.
///
/// ```swift
/// // categories: ["red", "green", "blue"]
/// let result = try populationStabilityIndex(referenceCounts: [50, 30, 20],
///                                           productionCounts: [40, 30, 30])
/// result.value   // ≈ 0.0629
/// ```
///
/// - Parameters:
///   - referenceCounts: Whole, non-negative, finite counts with a positive total.
///   - productionCounts: Whole, non-negative, finite counts with a positive total, one per
///     reference category.
///   - epsilon: The proportion used for an empty category, in `(0, 1)`.
/// - Returns: The index with the counts, proportions and per-category contributions.
/// - Throws: ``StatisticsError/invalidCounts(reason:)`` for mismatched lengths, no categories,
///   negative, fractional or non-finite counts, or a zero total;
///   ``StatisticsError/invalidArgument(name:reason:)`` for an invalid `epsilon`.
/// - Complexity: O(B) for B categories.
public func populationStabilityIndex(
    referenceCounts: [Double], productionCounts: [Double], epsilon: Double = 1e-4
) throws -> PSIResult {
    try validatePSIEpsilon(epsilon)
    guard !referenceCounts.isEmpty else { throw StatisticsError.invalidCounts(reason: "no categories") }
    guard referenceCounts.count == productionCounts.count else {
        throw StatisticsError.invalidCounts(
            reason: "\(referenceCounts.count) reference categories but \(productionCounts.count) production categories")
    }
    let (reference, referenceTotal) = try wholeCounts(referenceCounts, label: "reference")
    let (production, productionTotal) = try wholeCounts(productionCounts, label: "production")
    return psiFromCounts(
        edges: [], referenceCounts: reference, referenceTotal: Double(referenceTotal),
        productionCounts: production, productionTotal: Double(productionTotal), epsilon: epsilon)
}

/// Converts category counts held as doubles to `Int`, checking they are whole, non-negative,
/// finite and sum to a positive total that fits in an `Int`.
private func wholeCounts(_ counts: [Double], label: String) throws -> ([Int], Int) {
    var result: [Int] = []
    result.reserveCapacity(counts.count)
    var total = 0
    for (index, count) in counts.enumerated() {
        guard count >= 0, let whole = Int(exactly: count) else {
            throw StatisticsError.invalidCounts(
                reason: "\(label) count \(count) at index \(index) is not a whole non-negative number")
        }
        let (sum, overflow) = total.addingReportingOverflow(whole)
        guard !overflow else { throw StatisticsError.invalidCounts(reason: "\(label) total overflows Int") }
        total = sum
        result.append(whole)
    }
    guard total > 0 else { throw StatisticsError.invalidCounts(reason: "\(label) counts sum to 0") }
    return (result, total)
}
