/// A categorical feature's reference and production counts per category: what the bar panel
/// shows, with unseen categories (none in the reference) marked and a long tail folded.
///
/// ```swift
/// let shares = CategoryShares(names: ["a", "b", "new"], reference: [6, 4, 0], production: [5, 3, 2])
/// shares?.unseen            // ["new"]
/// ```
package struct CategoryShares: Sendable, Hashable {
    /// One category's counts.
    package struct Category: Sendable, Hashable {
        /// The category.
        package let name: String
        /// Its reference count.
        package let reference: Int
        /// Its production count.
        package let production: Int
        /// Whether it is the profile's pooled "other" category.
        package let isPooled: Bool

        /// Whether production has it and the reference does not.
        package var isUnseen: Bool { reference == 0 && production > 0 && !isPooled }
    }

    /// The categories shown, largest share (either side) first.
    package let shown: [Category]
    /// The categories folded into "more" (beyond the display limit).
    package let folded: [Category]
    /// The reference total (all categories).
    package let referenceTotal: Int
    /// The production total (all categories).
    package let productionTotal: Int

    /// The categories to show; nil for mismatched lengths, negative counts or an empty side.
    ///
    /// - Parameters:
    ///   - names: The categories.
    ///   - reference: Reference count per category.
    ///   - production: Production count per category.
    ///   - pooled: The name of the profile's pooled category, if any.
    ///   - limit: At most this many bars; the rest are counted in ``folded``.
    ///   - extra: Production categories and values recorded only as a total (a run keeps its
    ///     largest categories by name): added to ``productionTotal`` and reported as folded.
    /// - Complexity: O(k log k) for k categories.
    package init?(
        names: [String], reference: [Int], production: [Int], pooled: String? = nil, limit: Int = 24,
        extra: (categories: Int, count: Int)? = nil
    ) {
        guard names.count == reference.count, names.count == production.count,
              !reference.contains(where: { $0 < 0 }), !production.contains(where: { $0 < 0 }) else { return nil }
        let referenceTotal = reference.reduce(0, +)
        let productionTotal = production.reduce(0, +) + (extra?.count ?? 0)
        guard referenceTotal > 0, productionTotal > 0 else { return nil }
        let categories = names.indices.map {
            Category(name: names[$0], reference: reference[$0], production: production[$0], isPooled: names[$0] == pooled)
        }
        func weight(_ category: Category) -> Double {
            max(Double(category.reference) / Double(referenceTotal), Double(category.production) / Double(productionTotal))
        }
        let ordered = categories.enumerated().sorted { left, right in
            let (a, b) = (weight(left.element), weight(right.element))
            return a != b ? a > b : left.offset < right.offset
        }.map(\.element)
        shown = Array(ordered.prefix(max(1, limit)))
        var folded = Array(ordered.dropFirst(max(1, limit)))
        if let extra, extra.categories > 0 {
            folded.append(Category(name: "\(extra.categories) more production categories", reference: 0,
                                   production: extra.count, isPooled: true))
        }
        self.folded = folded
        self.referenceTotal = referenceTotal
        self.productionTotal = productionTotal
    }

    /// The unseen categories among all (shown and folded), by name.
    package var unseen: [String] { (shown + folded).filter(\.isUnseen).map(\.name) }
}
