import Foundation

/// The exact permutation p-value of the two-sample Cramér–von Mises statistic.
///
/// Xiao, Gordon & Yakovlev (2006, J. Stat. Software 17(8)) map every arrangement of the
/// pooled sample (m values from x, n from y, without ties) to a monotone lattice path from
/// (0, 0) to (n, m) and the statistic to the integer sum of `(a·v - b·u)²` over the points
/// (u, v) on the path, where `a = lcm(m, n)/m` and `b = lcm(m, n)/n`. The frequency table
/// of these sums is built cell by cell: the table of (u, v) is the union of the tables of
/// (u - 1, v) and (u, v - 1) (counts of equal sums added), shifted by the cell's own
/// `(a·v - b·u)²`. Only one row of tables is kept, as sorted (sum, count) arrays merged in
/// linear time.
///
/// The observed `U` (from mid-ranks) is put on the same scale as scipy does, in floating
/// point and floored (Anderson 1962, eq. 9 combined with XGY eq. 2):
/// `zeta = floor(lcm²·N·(6U - mn(4mn - 1)) / (6 m² n²))`, and
/// `p = #{paths with sum >= zeta} / binom(N, m)`. With ties `U` is not on the lattice and the
/// floor decides which neighbouring lattice value counts.
@usableFromInline
internal enum CramerVonMisesExact {
    /// The enumeration budget, ``CramerVonMisesMethod/exactStateLimit``.
    @usableFromInline static let stateLimit = CramerVonMisesMethod.exactStateLimit

    /// One cell's frequency table: distinct path sums in ascending order and their counts.
    @usableFromInline
    struct Table {
        @usableFromInline var sums: [Int64] = []
        @usableFromInline var counts: [Double] = []

        @usableFromInline init() {}

        @usableFromInline init(sums: [Int64], counts: [Double]) {
            self.sums = sums
            self.counts = counts
        }

        /// The union of two tables (counts of equal sums added), every sum shifted by `shift`.
        @usableFromInline
        static func merged(_ left: Table, _ up: Table, shift: Int64) -> Table {
            var result = Table()
            result.sums.reserveCapacity(left.sums.count + up.sums.count)
            result.counts.reserveCapacity(left.sums.count + up.sums.count)
            var i = 0
            var j = 0
            while i < left.sums.count || j < up.sums.count {
                if j >= up.sums.count || (i < left.sums.count && left.sums[i] < up.sums[j]) {
                    result.sums.append(left.sums[i] + shift)
                    result.counts.append(left.counts[i])
                    i += 1
                } else if i >= left.sums.count || up.sums[j] < left.sums[i] {
                    result.sums.append(up.sums[j] + shift)
                    result.counts.append(up.counts[j])
                    j += 1
                } else {
                    result.sums.append(left.sums[i] + shift)
                    result.counts.append(left.counts[i] + up.counts[j])
                    i += 1
                    j += 1
                }
            }
            return result
        }
    }

    /// The exact p-value for the observed `U` with sample sizes `nx` and `ny`.
    ///
    /// - Parameters:
    ///   - u: The observed `U` (a multiple of 1/4).
    ///   - nx: Size of the first sample, >= 1.
    ///   - ny: Size of the second sample, >= 1.
    /// - Returns: `#{arrangements with statistic >= observed} / binom(nx + ny, nx)`.
    /// - Throws: ``StatisticsError/invalidArgument(name:reason:)`` when the enumeration would
    ///   exceed ``stateLimit`` states.
    /// - Complexity: O(total lattice states) time, O(states of one row) memory.
    @usableFromInline
    static func pValue(u: Double, nx: Int, ny: Int) throws -> Double {
        let table = try distribution(nx: nx, ny: ny, stateLimit: stateLimit)
        let zeta = threshold(u: u, nx: nx, ny: ny)
        var atLeast = 0.0
        var total = 0.0
        for (sum, count) in zip(table.sums, table.counts) {
            total += count
            if Double(sum) >= zeta { atLeast += count }
        }
        return atLeast / total
    }

    /// scipy's `zeta`: the observed `U` on the lattice scale, computed and floored in `Double`.
    ///
    /// - Parameters:
    ///   - u: The observed `U`.
    ///   - nx: Size of the first sample (`m`).
    ///   - ny: Size of the second sample (`n`).
    /// - Returns: `floor(lcm²·N·(6U - mn(4mn - 1)) / (6m²n²))`, rounding each operation as
    ///   NumPy's float64 arithmetic and `floor_divide` do.
    @usableFromInline
    static func threshold(u: Double, nx: Int, ny: Int) -> Double {
        let lcm = Double(nx / gcd(nx, ny) * ny)
        let mn = Double(nx) * Double(ny)
        let scale = lcm * lcm * Double(nx + ny)
        let numerator = scale * (6 * u - mn * (4 * mn - 1))
        return flooredQuotient(numerator, 6 * mn * mn)
    }

    /// NumPy's float64 `floor_divide` (`npy_divmod`): `(a - fmod(a, b)) / b`, adjusted to the
    /// floor and rounded to the nearest integer when within 1/2.
    @usableFromInline
    static func flooredQuotient(_ a: Double, _ b: Double) -> Double {
        let remainder = a.truncatingRemainder(dividingBy: b)
        var quotient = (a - remainder) / b
        if remainder != 0 && ((b < 0) != (remainder < 0)) {
            quotient -= 1
        }
        if quotient == 0 {
            return (a / b).sign == .minus ? -0.0 : 0.0
        }
        var floored = quotient.rounded(.down)
        if quotient - floored > 0.5 { floored += 1 }
        return floored
    }

    /// The frequency table of the lattice statistic over all `binom(nx + ny, nx)` paths.
    ///
    /// - Parameters:
    ///   - m: Size of the first sample, >= 1.
    ///   - n: Size of the second sample, >= 1.
    ///   - stateLimit: The budget of visited states (``stateLimit`` in production, smaller in tests).
    /// - Returns: The table of the final cell: every path sum with its number of paths.
    /// - Throws: ``StatisticsError/invalidArgument(name:reason:)`` past `stateLimit`.
    @usableFromInline
    static func distribution(nx m: Int, ny n: Int, stateLimit: Int) throws -> Table {
        func refusal() -> StatisticsError {
            .invalidArgument(
                name: "method",
                reason: "the exact Cramér–von Mises p-value for sample sizes \(m) and \(n) needs more than "
                    + "\(stateLimit) lattice states; use .asymptotic (or .auto)")
        }
        let lcm = m / gcd(m, n) * n
        let a = Int64(lcm / m)
        let b = Int64(lcm / n)
        // Every sum is at most (N - 1)·lcm²; refuse sizes whose sums would not fit comfortably.
        let (square, overflow1) = lcm.multipliedReportingOverflow(by: lcm)
        let (bound, overflow2) = square.multipliedReportingOverflow(by: m + n)
        let (cells, overflow3) = (m + 1).multipliedReportingOverflow(by: n + 1)
        guard !overflow1, !overflow2, !overflow3, bound < (1 << 53), cells <= stateLimit else {
            throw refusal()
        }
        // row[v] holds the table of cell (u - 1, v) before row u is processed.
        var row = [Table](repeating: Table(), count: m + 1)
        row[0] = Table(sums: [0], counts: [1])
        var visited = 0
        for uIndex in 0...n {
            var left = Table()
            for v in 0...m {
                let offset = a * Int64(v) - b * Int64(uIndex)
                left = Table.merged(left, row[v], shift: offset * offset)
                row[v] = left
                visited += left.sums.count
                if visited > stateLimit { throw refusal() }
            }
        }
        return row[m]
    }

    /// Greatest common divisor of two positive integers.
    @usableFromInline
    static func gcd(_ a: Int, _ b: Int) -> Int {
        var (x, y) = (a, b)
        while y != 0 { (x, y) = (y, x % y) }
        return x
    }
}
