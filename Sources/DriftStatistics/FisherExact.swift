import Foundation

/// The one-sided Fisher exact test that a second group's share of events is larger than a
/// first group's: the p-value of seeing at least `events2` events among the second group's
/// `trials2` when both groups share one rate, given the pooled events.
///
/// Driftwatch asks it whether a feature's missing share rose in a production window above the
/// reference's (`FeatureMissingSpike`): group 1 is the reference (missing cells, rows), group 2
/// the window. Conditioning on the margins makes the test exact for any sample sizes, so it is
/// never anti-conservative (the share of p-values below alpha under the null is at most alpha;
/// with small counts it is below, as for any exact discrete test). It equals
/// `scipy.stats.fisher_exact([[events2, trials2 - events2], [events1, trials1 - events1]],
/// alternative="greater").pvalue`.
///
/// ```swift
/// // 2 % missing in 10 000 reference rows, 9 % in a 400-row window:
/// let p = try fisherExactIncrease(events1: 200, trials1: 10_000, events2: 36, trials2: 400)
/// p < 1e-10   // true
/// ```
///
/// - Parameters:
///   - events1: Events in the first group (0...trials1).
///   - trials1: Trials in the first group (at least 0).
///   - events2: Events in the second group (0...trials2).
///   - trials2: Trials in the second group (at least 0).
/// - Returns: The p-value in [0, 1]; 1 when either group is empty or no event happened
///   anywhere (nothing can have risen).
/// - Throws: ``StatisticsError/invalidCounts(reason:)`` for a negative count or more events
///   than trials.
/// - Complexity: O(the terms of the tail above `events2` that are not negligible), at most
///   O(min(trials2, events1 + events2)).
public func fisherExactIncrease(events1: Int, trials1: Int, events2: Int, trials2: Int) throws -> Double {
    for (name, events, trials) in [("first", events1, trials1), ("second", events2, trials2)] {
        guard trials >= 0, events >= 0, events <= trials else {
            throw StatisticsError.invalidCounts(
                reason: "\(name) group has \(events) events in \(trials) trials (need 0 <= events <= trials)")
        }
    }
    let (population, marked) = (trials1 + trials2, events1 + events2)
    guard trials1 > 0, trials2 > 0, marked > 0 else { return 1 }
    return Hypergeometric.upperTail(atLeast: events2, draws: trials2, marked: marked, population: population)
}

extension Hypergeometric {
    /// P(X ≥ `atLeast`) for X the marked items among `draws` taken without replacement from
    /// `population` items of which `marked` are marked.
    ///
    /// Sums the shorter side away from the mode, where terms only shrink: above the mode the
    /// upper tail itself, at or below it one minus the lower tail. The first term comes from
    /// log-gamma, the next from the ratio of consecutive probabilities, until they no longer
    /// change the sum; a first term below the smallest double contributes 0.
    static func upperTail(atLeast low: Int, draws n: Int, marked k: Int, population total: Int) -> Double {
        let high = min(n, k)
        let floor = max(0, n + k - total)
        if low <= floor { return 1 }
        if low > high { return 0 }
        let (dn, dk, dt) = (Double(n), Double(k), Double(total))
        let mode = Int((dn + 1) * (dk + 1) / (dt + 2))
        func probability(_ x: Int) -> Double {
            exp(logChoose(k, x) + logChoose(total - k, n - x) - logChoose(total, n))
        }
        if low > mode {
            var term = probability(low)
            var sum = term
            var x = low
            while x < high {
                let dx = Double(x)
                term *= (dk - dx) * (dn - dx) / ((dx + 1) * (dt - dk - dn + dx + 1))
                x += 1
                let before = sum
                sum += term
                if sum == before { break }
            }
            return min(1, sum)
        }
        // P(X <= low - 1), summed downwards from low - 1 (below the mode terms shrink as x falls).
        var x = low - 1
        var term = probability(x)
        var sum = term
        while x > floor {
            let dx = Double(x)
            term *= dx * (dt - dk - dn + dx) / ((dk - dx + 1) * (dn - dx + 1))
            x -= 1
            let before = sum
            sum += term
            if sum == before { break }
        }
        return max(0, 1 - sum)
    }
}
