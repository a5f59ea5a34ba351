/// A numeric feature's reference and production counts in the PSI bins: what the histogram
/// panel overlays.
///
/// ```swift
/// let bins = BinnedShares(edges: [0, 1, 2], reference: [5, 5], production: [2, 8])
/// bins?.productionShares   // [0.2, 0.8]
/// ```
package struct BinnedShares: Sendable, Hashable {
    /// The `bins + 1` edges.
    package let edges: [Double]
    /// Reference count per bin.
    package let reference: [Int]
    /// Production count per bin.
    package let production: [Int]

    /// Bins whose counts match the edges, or nil (mismatched lengths, fewer than one bin, a
    /// negative count or an empty side).
    ///
    /// - Parameters:
    ///   - edges: The bin edges.
    ///   - reference: The reference counts.
    ///   - production: The production counts.
    package init?(edges: [Double], reference: [Int], production: [Int]) {
        guard edges.count >= 2, reference.count == edges.count - 1, production.count == reference.count,
              !reference.contains(where: { $0 < 0 }), !production.contains(where: { $0 < 0 }),
              reference.reduce(0, +) > 0, production.reduce(0, +) > 0 else { return nil }
        self.edges = edges
        self.reference = reference
        self.production = production
    }

    /// Each bin's share of the reference values.
    package var referenceShares: [Double] { shares(reference) }
    /// Each bin's share of the production values.
    package var productionShares: [Double] { shares(production) }

    private func shares(_ counts: [Int]) -> [Double] {
        let total = Double(counts.reduce(0, +))
        return counts.map { Double($0) / total }
    }
}
