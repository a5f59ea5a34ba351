import Foundation

/// Draws from the hypergeometric distribution: the number of marked items among `draws`
/// items taken without replacement from `population` items of which `marked` are marked.
///
/// Used level by level, it draws a multivariate hypergeometric vector (how a random
/// relabelling of a pooled sample splits each value's count between the two samples) in
/// O(levels) draws.
///
/// * One marked item (the common case for nearly continuous data): one bounded integer draw.
/// * At most ``sequentialLimit`` items on the smaller side: item by item with bounded integer
///   draws, exact.
/// * Otherwise inversion from the mode: the probability of the mode from `lgamma`, then the
///   neighbours by the ratio recurrence, alternately above and below (chop-down search), so the
///   expected cost is proportional to the standard deviation plus four `lgamma` calls.
@usableFromInline
internal enum Hypergeometric {
    /// The largest smaller side drawn item by item.
    @usableFromInline static let sequentialLimit = 24

    /// One draw.
    ///
    /// - Parameters:
    ///   - draws: Items taken, `0...population`.
    ///   - marked: Marked items, `0...population`.
    ///   - population: All items, >= 0.
    ///   - generator: The seeded generator.
    ///   - logFactorials: `log(i!)` for `i` in `0...population`, to save the `lgamma` calls of
    ///     the inversion when many draws share one population (see ``logFactorialTable(upTo:)``).
    /// - Returns: The marked items taken, in `max(0, draws + marked − population)...min(draws, marked)`.
    /// - Complexity: O(1) for one marked item, O(min(draws, marked, …)) up to ``sequentialLimit``,
    ///   O(standard deviation) expected otherwise.
    @usableFromInline
    static func draw(
        draws: Int, marked: Int, population: Int, using generator: inout SplitMix64,
        logFactorials: [Double]? = nil
    ) -> Int {
        if draws == 0 || marked == 0 { return 0 }
        if marked == population { return draws }
        if draws == population { return marked }
        if marked == 1 { return generator.nextIndex(below: population) < draws ? 1 : 0 }
        // Reduce to the smaller side: marked ↔ unmarked and taken ↔ left behind are symmetric.
        let flipMarked = marked * 2 > population
        let smallMarked = flipMarked ? population - marked : marked
        let flipDraws = draws * 2 > population
        let smallDraws = flipDraws ? population - draws : draws
        var taken: Int
        if min(smallMarked, smallDraws) <= sequentialLimit {
            taken = sequential(draws: smallDraws, marked: smallMarked, population: population, using: &generator)
        } else {
            taken = inversion(draws: smallDraws, marked: smallMarked, population: population, using: &generator,
                              logFactorials: logFactorials)
        }
        // Undo the reductions: marked items left behind, then unmarked ones taken.
        if flipDraws { taken = smallMarked - taken }
        if flipMarked { taken = draws - taken }
        return taken
    }

    /// Item by item over the smaller of `draws` and `marked` (the two are exchangeable).
    @usableFromInline
    static func sequential(draws: Int, marked: Int, population: Int, using generator: inout SplitMix64) -> Int {
        let (steps, targets) = draws <= marked ? (draws, marked) : (marked, draws)
        var remainingTargets = targets
        var remaining = population
        var hits = 0
        for _ in 0..<steps {
            if generator.nextIndex(below: remaining) < remainingTargets {
                hits += 1
                remainingTargets -= 1
            }
            remaining -= 1
        }
        return hits
    }

    /// Chop-down inversion starting at the mode.
    @usableFromInline
    static func inversion(
        draws n: Int, marked k: Int, population total: Int, using generator: inout SplitMix64,
        logFactorials: [Double]? = nil
    ) -> Int {
        let low = max(0, n + k - total)
        let high = min(n, k)
        let mode = min(high, max(low, Int((Double(n + 1) * Double(k + 1)) / Double(total + 2))))
        let logMode: Double
        if let table = logFactorials, table.count > total {
            logMode = table[k] - table[mode] - table[k - mode] + table[total - k] - table[n - mode]
                - table[total - k - n + mode] - table[total] + table[n] + table[total - n]
        } else {
            logMode = logChoose(k, mode) + logChoose(total - k, n - mode) - logChoose(total, n)
        }
        let atMode = exp(logMode)
        var u = generator.nextOpenUnit() - atMode
        if u <= 0 { return mode }
        var below = mode
        var above = mode
        var probabilityBelow = atMode
        var probabilityAbove = atMode
        let (dn, dk, dt) = (Double(n), Double(k), Double(total))
        while below > low || above < high {
            if above < high {
                let x = Double(above)
                probabilityAbove *= (dk - x) * (dn - x) / ((x + 1) * (dt - dk - dn + x + 1))
                above += 1
                u -= probabilityAbove
                if u <= 0 { return above }
            }
            if below > low {
                let x = Double(below)
                probabilityBelow *= x * (dt - dk - dn + x) / ((dk - x + 1) * (dn - x + 1))
                below -= 1
                u -= probabilityBelow
                if u <= 0 { return below }
            }
        }
        // Only reachable through rounding (the probabilities sum to 1 - O(ulp)).
        return mode
    }

    /// `log(i!)` for `i` in `0...count`, from `lgamma`.
    ///
    /// - Complexity: O(count) `lgamma` calls.
    @usableFromInline
    static func logFactorialTable(upTo count: Int) -> [Double] {
        (0...count).map { lgamma(Double($0) + 1) }
    }

    /// `log binom(n, k)`.
    @usableFromInline
    static func logChoose(_ n: Int, _ k: Int) -> Double {
        lgamma(Double(n) + 1) - lgamma(Double(k) + 1) - lgamma(Double(n - k) + 1)
    }
}
