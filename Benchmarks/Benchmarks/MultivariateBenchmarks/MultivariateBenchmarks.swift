// Benchmarks of the DriftMultivariate module: the MMD two-sample test with n = m = 2 000 rows,
// d = 50 columns (100 permutations and 1, with the median heuristic and with a fixed bandwidth,
// so the phases can be told apart through the public API), PCA fit and reconstruction, and the
// raw OpenBLAS routines of the kernel step (dsyrk, dsymm) and square/thin dgemm for this
// machine's BLAS rate.
//
// Inputs are generated in each benchmark's setup closure (not timed) from fixed seeds.
// Names are matched by Benchmarks/compare_numpy.py (group `multivariate`): keep them in sync.
import Benchmark
import BenchmarkData
import CBLASBench
import DriftMultivariate
import Foundation

let benchmarks: @Sendable () -> Void = {
    // Which OpenBLAS kernels this process runs (compare_numpy.py reads this line from the log).
    let config = openblas_get_config().map { String(cString: $0) } ?? "?"
    let core = openblas_get_corename().map { String(cString: $0) } ?? "?"
    FileHandle.standardError.write(Data(
        "MultivariateBenchmarks OpenBLAS: config=\(config); core=\(core); threads=\(openblas_get_num_threads())\n".utf8))

    registerMMDBenchmarks()
    registerPCABenchmarks()
    registerBLASBenchmarks()
}

/// A custom metric for the BLAS benchmarks: the floating-point operations of one iteration
/// divided by its own wall time (the flop conventions are in `registerBLASBenchmarks`).
let megaflopsPerSecond = BenchmarkMetric.custom("MFLOP/s", polarity: .prefersLarger, useScalingFactor: false)

/// wallClock for the comparison, throughput (required by the JMH export), peak resident memory
/// and the malloc count.
let standardMetrics: [BenchmarkMetric] = [.wallClock, .throughput, .peakMemoryResident, .mallocCountTotal]

/// One warm-up run, then as many iterations as fit in `seconds` (at most `iterations`): the
/// machine has 2 shared cores, so the budgets stay small.
func configuration(iterations: Int, seconds: Int, metrics: [BenchmarkMetric] = standardMetrics) -> Benchmark.Configuration {
    .init(metrics: metrics, warmupIterations: 1, maxDuration: .seconds(seconds), maxIterations: iterations)
}

// MARK: - Data

let referenceSeed: UInt64 = 0x5EED_0101
let productionSeed: UInt64 = 0x5EED_0102
/// The shape of the MMD and PCA inputs.
let mmdRows = 2_000
let featureCount = 50
/// Features come in blocks of this many sharing one latent factor.
let blockSize = 10
/// The correlation of two features in one block (0 across blocks).
let withinBlockCorrelation = 0.5
/// The production rows: every feature's mean moved by 0.02 and its standard deviation scaled
/// by 1.05 (the univariate benchmarks' "slightly shifted" N(0.02, 1.05²)), same correlations.
let productionShift = 0.02
let productionScale = 1.05

/// `rows × featureCount` rows of N(mean·1, scale²·Σ), Σ block-diagonal: unit variances, and
/// correlation `withinBlockCorrelation` inside each block of `blockSize` features. Row by row:
/// one standard normal per block (the factor), then per feature
/// `mean + scale · (√ρ · factor + √(1 − ρ) · noise)` (SplitMix64, Marsaglia polar normals).
func correlatedRows(_ rows: Int, seed: UInt64, mean: Double = 0, scale: Double = 1) -> Matrix {
    var generator = SplitMix64(seed: seed)
    let (a, b) = (withinBlockCorrelation.squareRoot(), (1 - withinBlockCorrelation).squareRoot())
    var elements = [Double]()
    elements.reserveCapacity(rows * featureCount)
    var factor = 0.0
    for _ in 0..<rows {
        for j in 0..<featureCount {
            if j % blockSize == 0 { factor = generator.nextNormal() }
            elements.append(mean + scale * (a * factor + b * generator.nextNormal()))
        }
    }
    return try! Matrix(rows: rows, columns: featureCount, elements: elements)
}

struct TwoMatrices {
    let reference: Matrix
    let production: Matrix
    /// The median-heuristic σ of the pooled sample (for the fixed-bandwidth cases).
    let medianBandwidth: Double
}

func twoMatrices(rows: Int) throws -> TwoMatrices {
    let reference = correlatedRows(rows, seed: referenceSeed)
    let production = correlatedRows(rows, seed: productionSeed, mean: productionShift, scale: productionScale)
    let sigma = try maximumMeanDiscrepancy(reference: reference, production: production, permutations: 1, seed: 1).bandwidth
    return TwoMatrices(reference: reference, production: production, medianBandwidth: sigma)
}

// MARK: - MMD

func registerMMDBenchmarks() {
    let n = mmdRows
    let d = featureCount
    // perms=100 is the case; perms=1 leaves the permutation work out (the kernel step
    // is not public: perms=100 − perms=1 is the cost of 99 permutations); the fixed bandwidth
    // (σ = the median heuristic's own value, computed in setup) leaves out the median search.
    let cases: [(permutations: Int, fixed: Bool)] = [(100, false), (1, false), (1, true), (100, true)]
    for (permutations, fixed) in cases {
        let name = "mmd n=m=\(n) d=\(d) perms=\(permutations)" + (fixed ? " fixed-bandwidth" : "")
        Benchmark(name, configuration: configuration(iterations: 12, seconds: 4)) { (benchmark: Benchmark, input: TwoMatrices) in
            let bandwidth: KernelBandwidth = fixed ? .fixed(input.medianBandwidth) : .medianHeuristic
            for _ in benchmark.scaledIterations {
                blackHole(try maximumMeanDiscrepancy(
                    reference: input.reference, production: input.production, bandwidth: bandwidth,
                    permutations: permutations, seed: 42))
            }
        } setup: {
            try twoMatrices(rows: n)
        }
    }
}

// MARK: - PCA

struct ModelAndRows {
    let model: PCAModel
    let rows: Matrix
}

func registerPCABenchmarks() {
    let d = featureCount
    // PCAModel.fit: standardization, dsyrk covariance, dsyevd, component choice (65 %).
    Benchmark("pca fit n=\(mmdRows) d=\(d)", configuration: configuration(iterations: 200, seconds: 2)) { (benchmark: Benchmark, reference: Matrix) in
        for _ in benchmark.scaledIterations {
            blackHole(try PCAModel.fit(reference))
        }
    } setup: {
        correlatedRows(mmdRows, seed: referenceSeed)
    }

    // reconstructionErrors of 100 000 production rows against a model fitted on 2 000 reference rows.
    let m = 100_000
    Benchmark("pca reconstruction m=\(m) d=\(d)", configuration: configuration(iterations: 60, seconds: 2)) { (benchmark: Benchmark, input: ModelAndRows) in
        for _ in benchmark.scaledIterations {
            blackHole(try input.model.reconstructionErrors(input.rows))
        }
    } setup: {
        let model = try PCAModel.fit(correlatedRows(mmdRows, seed: referenceSeed))
        return ModelAndRows(
            model: model, rows: correlatedRows(m, seed: productionSeed, mean: productionShift, scale: productionScale))
    }
}

// MARK: - Raw OpenBLAS (Debian's libopenblas, the one DriftMultivariate links)

/// Row-major operands of one BLAS call.
struct BLASOperands {
    var a: [Double]
    var b: [Double]
    var c: [Double]
}

func uniformMatrix(_ count: Int, seed: UInt64) -> [Double] {
    var generator = SplitMix64(seed: seed)
    return (0..<count).map { _ in generator.nextUniform() - 0.5 }
}

/// Flop conventions (the same in compare_numpy.py): dgemm m·n·k multiply-adds = 2·m·n·k flops;
/// dsyrk of an N × k operand computes N(N+1)/2 entries, 2·N(N+1)/2·k = N(N+1)·k flops; dsymm
/// with an N × N symmetric operand and N × c right side 2·N²·c flops.
func registerBLASBenchmarks() {
    let metrics = standardMetrics + [megaflopsPerSecond]

    func measureFlops(_ benchmark: Benchmark, flops: Double, _ body: () -> Void) {
        let clock = ContinuousClock()
        let start = clock.now
        body()
        let elapsed = start.duration(to: clock.now)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        benchmark.measurement(megaflopsPerSecond, Int((flops / seconds / 1e6).rounded()))
    }

    // C (m × n) = A (m × k) · B (k × n), row-major, no transposes.
    let gemmShapes: [(m: Int, n: Int, k: Int)] = [(4_000, 4_000, 50), (2_000, 2_000, 2_000)]
    for (m, n, k) in gemmShapes {
        Benchmark("dgemm \(m)x\(n)x\(k)", configuration: configuration(iterations: 30, seconds: 3, metrics: metrics)) { (benchmark: Benchmark, input: BLASOperands) in
            var operands = input
            for _ in benchmark.scaledIterations {
                measureFlops(benchmark, flops: 2 * Double(m) * Double(n) * Double(k)) {
                    cblas_dgemm(
                        CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(m), Int32(n), Int32(k),
                        1.0, operands.a, Int32(k), operands.b, Int32(n), 0.0, &operands.c, Int32(n))
                }
            }
            blackHole(operands.c[0])
        } setup: {
            BLASOperands(a: uniformMatrix(m * k, seed: 1), b: uniformMatrix(k * n, seed: 2), c: [Double](repeating: 0, count: m * n))
        }
    }

    // The kernel step's dsyrk: the upper triangle of Z·Zᵀ for the pooled 4 000 × 50 rows.
    let pooled = 2 * mmdRows
    Benchmark("dsyrk \(pooled)x\(featureCount)", configuration: configuration(iterations: 30, seconds: 3, metrics: metrics)) { (benchmark: Benchmark, input: BLASOperands) in
        var operands = input
        for _ in benchmark.scaledIterations {
            measureFlops(benchmark, flops: Double(pooled) * Double(pooled + 1) * Double(featureCount)) {
                cblas_dsyrk(
                    CblasRowMajor, CblasUpper, CblasNoTrans, Int32(pooled), Int32(featureCount),
                    1.0, operands.a, Int32(featureCount), 0.0, &operands.c, Int32(pooled))
            }
        }
        blackHole(operands.c[0])
    } setup: {
        BLASOperands(a: uniformMatrix(pooled * featureCount, seed: 3), b: [], c: [Double](repeating: 0, count: pooled * pooled))
    }

    // The permutations' dsymm: the 4 000 × 4 000 kernel (upper triangle) times the 4 000 × 102
    // indicators (observed split, 100 permutations, a column of ones).
    let columns = 100 + 2
    Benchmark("dsymm \(pooled)x\(pooled)x\(columns)", configuration: configuration(iterations: 30, seconds: 3, metrics: metrics)) { (benchmark: Benchmark, input: BLASOperands) in
        var operands = input
        for _ in benchmark.scaledIterations {
            measureFlops(benchmark, flops: 2 * Double(pooled) * Double(pooled) * Double(columns)) {
                cblas_dsymm(
                    CblasRowMajor, CblasLeft, CblasUpper, Int32(pooled), Int32(columns),
                    1.0, operands.a, Int32(pooled), operands.b, Int32(columns), 0.0, &operands.c, Int32(columns))
            }
        }
        blackHole(operands.c[0])
    } setup: {
        BLASOperands(
            a: uniformMatrix(pooled * pooled, seed: 4), b: uniformMatrix(pooled * columns, seed: 5),
            c: [Double](repeating: 0, count: pooled * columns))
    }
}
