import Dispatch
import DriftStatistics

/// The result of ``maximumMeanDiscrepancy(reference:production:bandwidth:permutations:seed:)``.
///
/// ```swift
/// let result = try maximumMeanDiscrepancy(reference: x, production: y, seed: 42)
/// if result.pValue < 0.01 { print("joint distribution moved: MMD² = \(result.statistic)") }
/// ```
public struct MMDResult: Sendable, Hashable {
    /// The unbiased estimate of MMD² (Gretton et al., 2012, eq. 3). It can be slightly negative
    /// when the samples come from one distribution.
    public var statistic: Double
    /// The permutation p-value `(1 + #{permuted MMD² ≥ observed}) / (1 + permutations)`, in
    /// `[1 / (1 + permutations), 1]`.
    public var pValue: Double
    /// The number of permutations drawn.
    public var permutations: Int
    /// The kernel width σ used, in standardized units (0 when every pooled row is identical).
    public var bandwidth: Double
    /// The rows of the reference sample.
    public var referenceRows: Int
    /// The rows of the production sample.
    public var productionRows: Int
}

/// Two-sample Maximum Mean Discrepancy test with a Gaussian kernel: does `production` come
/// from the same joint distribution as `reference`?
///
/// ```swift
/// let reference = try Matrix(rowArrays: referenceRows)     // n × d
/// let production = try Matrix(rowArrays: productionRows)   // m × d
/// let result = try maximumMeanDiscrepancy(reference: reference, production: production,
///                                         permutations: 100, seed: 7)
/// result.statistic   // unbiased MMD²
/// result.pValue      // permutation p-value
/// ```
///
/// The steps:
/// 1. The pooled rows (reference first) are standardized column by column with the pooled mean
///    and population standard deviation (a constant column is only centred). Pooled, so the
///    standardization is the same for every relabelling and the permutation test stays exact.
/// 2. Squared distances come from the Gram matrix, `‖zᵢ‖² + ‖zⱼ‖² − 2 zᵢᵀzⱼ` (clamped at 0),
///    built for the upper triangle only, as row blocks of BLAS `dgemm` (``UpperBlocks``).
/// 3. The kernel `k = exp(−d² / (2σ²))`, σ by ``KernelBandwidth``.
/// 4. The unbiased MMD² (diagonal terms left out) for the observed split and for
///    `permutations` random relabellings of the pooled rows, all from the one pooled kernel
///    matrix: every split's within-reference sum is `zᵀKz` for its indicator `z`, so one
///    product of the kernel with the matrix of all indicators (and a column of ones for the
///    row sums; two BLAS `dgemm`s per block) gives every statistic.
///
/// Relabellings are seeded: permutation `b` shuffles `0..<(n + m)` by Fisher–Yates
/// (`SplitMix64(seed:)`, Lemire's bounded draws, from the last index down) starting from the
/// identity, and the first `n` shuffled rows play the reference.
///
/// - Parameters:
///   - reference: The reference rows (`n × d`, n ≥ 2), complete and finite.
///   - production: The production rows (`m × d`, m ≥ 2), same columns.
///   - bandwidth: The kernel width; by default the median heuristic.
///   - permutations: The number of relabellings (≥ 1; 100 by default).
///   - seed: Seeds the relabellings.
/// - Returns: MMD², its p-value and the bandwidth.
/// - Throws: ``MultivariateError/tooFewRows(sample:rows:needed:)`` for fewer than two rows on
///   a side; ``MultivariateError/invalidArgument(name:reason:)`` for different column counts,
///   no columns, a non-finite element, an invalid fixed bandwidth or fewer than one permutation.
/// - Complexity: O((n + m)² · (d + permutations)) time, dominated by BLAS; memory
///   O((n + m)² / 2 + (n + m) · permutations): 68 MB for n = m = 2 000.
public func maximumMeanDiscrepancy(
    reference: Matrix, production: Matrix, bandwidth: KernelBandwidth = .medianHeuristic,
    permutations: Int = 100, seed: UInt64
) throws -> MMDResult {
    try MMDComputation.validate(reference: reference, production: production, bandwidth: bandwidth, permutations: permutations)
    let stacked = reference.stacked(on: production)
    let pooled = Standardization.fit(stacked).apply(stacked)
    let kernel = MMDComputation.PooledKernel(pooled, bandwidth: bandwidth)
    let statistics = MMDComputation.statistics(
        kernel: kernel, referenceRows: reference.rows, permutations: permutations, seed: seed)
    let observed = statistics[0]
    let exceeding = statistics.dropFirst().filter { $0 >= observed }.count
    return MMDResult(
        statistic: observed, pValue: Double(1 + exceeding) / Double(1 + permutations),
        permutations: permutations, bandwidth: kernel.bandwidth,
        referenceRows: reference.rows, productionRows: production.rows)
}

/// The steps of the MMD test, kept apart so benchmarks and tests can time and check them.
enum MMDComputation {
    static func validate(reference: Matrix, production: Matrix, bandwidth: KernelBandwidth, permutations: Int) throws {
        guard reference.rows >= 2 else { throw MultivariateError.tooFewRows(sample: "reference", rows: reference.rows, needed: 2) }
        guard production.rows >= 2 else { throw MultivariateError.tooFewRows(sample: "production", rows: production.rows, needed: 2) }
        guard reference.columns == production.columns else {
            throw MultivariateError.invalidArgument(
                name: "production", reason: "\(production.columns) columns, the reference has \(reference.columns)")
        }
        guard reference.columns >= 1 else {
            throw MultivariateError.invalidArgument(name: "reference", reason: "no columns")
        }
        try reference.requireFinite("reference")
        try production.requireFinite("production")
        if case .fixed(let sigma) = bandwidth, !(sigma.isFinite && sigma > 0) {
            throw MultivariateError.invalidArgument(name: "bandwidth", reason: "\(sigma) is not a finite number above 0")
        }
        guard permutations >= 1 else {
            throw MultivariateError.invalidArgument(name: "permutations", reason: "\(permutations) is below 1")
        }
    }

    /// The Gaussian kernel of the pooled standardized rows, as ``UpperBlocks`` (half the
    /// memory of the full matrix).
    struct PooledKernel {
        var blocks: UpperBlocks
        let order: Int
        let bandwidth: Double

        /// Builds the kernel matrix: the Gram blocks (`dgemm`), then in parallel per block the
        /// squared distances and their top-bits histogram, the median, then the exponential in
        /// place (also in parallel).
        init(_ pooled: Matrix, bandwidth requested: KernelBandwidth) {
            let n = pooled.rows
            order = n
            var blocks = UpperBlocks(gramOf: pooled)
            var norms = [Double](repeating: 0, count: n)
            for block in 0..<blocks.count {
                let (first, width) = (blocks.start(block), blocks.width(block))
                for row in 0..<blocks.rows(block) {
                    norms[first + row] = blocks.storage[blocks.offsets[block] + row * width + row]
                }
            }
            // Squared distances in place, and one histogram of their top 16 bits per block
            // (the strict upper triangle only).
            let histogramSize = 1 << 16
            var histograms = [Int](repeating: 0, count: blocks.count * histogramSize)
            let (blockRows, fixedNorms) = (blocks.blockRows, norms)
            histograms.withUnsafeMutableBufferPointer { counts in
                let shared = SharedBuffer(counts)
                blocks.forEachBlockConcurrently { block, values in
                    let first = block * blockRows
                    let width = n - first
                    let rows = min(blockRows, width)
                    let histogram = UnsafeMutableBufferPointer(rebasing: shared.buffer[(block * histogramSize)..<((block + 1) * histogramSize)])
                    fixedNorms.withUnsafeBufferPointer { norms in
                        for row in 0..<rows {
                            let normI = norms[first + row]
                            let line = row * width
                            for column in 0..<width {
                                let squared = max(0, normI + norms[first + column] - 2 * values[line + column])
                                values[line + column] = squared
                                if column > row {
                                    histogram[Int(truncatingIfNeeded: squared.bitPattern &>> 48)] &+= 1
                                }
                            }
                            values[line + row] = 0
                        }
                    }
                }
            }
            var median = PairwiseMedian()
            for block in 0..<blocks.count {
                for bucket in 0..<histogramSize { median.histogram[bucket] += histograms[block * histogramSize + bucket] }
            }
            median.count = n * (n - 1) / 2
            var sigma: Double
            switch requested {
            case .fixed(let fixed):
                sigma = fixed
            case .medianHeuristic:
                let collect = { (top: UInt64) in Self.collect(top, in: blocks) }
                sigma = median.medianOfSquareRoots(collect: collect)
                if sigma == 0 {
                    // More than half of the pairs coincide: the median of the positive distances.
                    // Bucket 0 holds the exact zeros (and subnormals, zero for any purpose here).
                    var positive = median
                    positive.count -= positive.histogram[0]
                    positive.histogram[0] = 0
                    sigma = positive.medianOfSquareRoots(collect: collect)
                }
            }
            bandwidth = sigma
            let scale = sigma > 0 ? -1 / (2 * sigma * sigma) : 0
            blocks.forEachBlockConcurrently { _, values in exponentiateNonPositive(values, scale: scale) }
            self.blocks = blocks
        }

        /// The strict-upper-triangle values whose top 16 bits are `top`, block by block in
        /// parallel.
        private static func collect(_ top: UInt64, in blocks: UpperBlocks) -> [Double] {
            var perBlock = [[Double]](repeating: [], count: blocks.count)
            blocks.storage.withUnsafeBufferPointer { storage in
                let values = SharedBuffer(reading: storage)
                perBlock.withUnsafeMutableBufferPointer { results in
                    let slots = SharedBuffer(results)
                    DispatchQueue.concurrentPerform(iterations: blocks.count) { block in
                        var members: [Double] = []
                        let (width, offset) = (blocks.width(block), blocks.offsets[block])
                        for row in 0..<blocks.rows(block) {
                            var column = row + 1
                            let line = offset + row * width
                            while column < width {
                                let value = values.buffer[line + column]
                                if value.bitPattern &>> 48 == top { members.append(value) }
                                column += 1
                            }
                        }
                        slots.buffer[block] = members
                    }
                }
            }
            return Array(perBlock.joined())
        }
    }

    /// The unbiased MMD² of the observed split (element 0) and of `permutations` relabellings.
    static func statistics(kernel: PooledKernel, referenceRows n: Int, permutations: Int, seed: UInt64) -> [Double] {
        let total = kernel.order
        let m = total - n
        let splits = permutations + 1
        // Column s < splits: the indicator of split s's reference rows; the last column: ones.
        let width = splits + 1
        var indicators = [Double](repeating: 0, count: total * width)
        for row in 0..<n { indicators[row * width] = 1 }
        for row in 0..<total { indicators[row * width + splits] = 1 }
        var generator = SplitMix64(seed: seed)
        var order = [Int](repeating: 0, count: total)
        for split in 1..<splits {
            for index in 0..<total { order[index] = index }
            var index = total - 1
            while index > 0 {
                order.swapAt(index, generator.nextIndex(below: index + 1))
                index -= 1
            }
            for position in 0..<n { indicators[order[position] * width + split] = 1 }
        }
        let products = kernel.blocks.product(with: indicators, columns: width)
        var rowSums = 0.0
        for row in 0..<total { rowSums += products[row * width + splits] }
        var results = [Double](repeating: 0, count: splits)
        for split in 0..<splits {
            var withinReference = 0.0   // zᵀ K z
            var referenceRowSums = 0.0  // zᵀ K 1
            for row in 0..<total where indicators[row * width + split] != 0 {
                withinReference += products[row * width + split]
                referenceRowSums += products[row * width + splits]
            }
            let across = referenceRowSums - withinReference
            let withinProduction = rowSums - withinReference - 2 * across
            // The kernel's diagonal is exactly 1: leave it out of the within-sample means.
            let (dn, dm) = (Double(n), Double(m))
            results[split] = (withinReference - dn) / (dn * (dn - 1))
                + (withinProduction - dm) / (dm * (dm - 1))
                - 2 * across / (dn * dm)
        }
        return results
    }
}
