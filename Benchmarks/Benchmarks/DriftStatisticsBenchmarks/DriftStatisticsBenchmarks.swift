// Benchmarks of the DriftStatistics module: histograms, Wasserstein and PSI here, KS in
// KolmogorovSmirnovBenchmarks.swift.
//
// Inputs are generated in each benchmark's setup closure (not timed) from fixed seeds.
// Names are matched by Benchmarks/compare_numpy.py: keep them in sync.
import Benchmark
import BenchmarkData
import DriftStatistics

let benchmarks: @Sendable () -> Void = {
    registerHistogramBenchmarks()
    registerWassersteinBenchmarks()
    registerPSIBenchmarks()
    registerKolmogorovSmirnovBenchmarks()
}

/// wallClock for the comparison, throughput (required by the JMH export), peak resident
/// memory and the malloc count (how many buffers a call allocates).
let standardMetrics: [BenchmarkMetric] = [.wallClock, .throughput, .peakMemoryResident, .mallocCountTotal]

/// One warm-up run, then as many iterations as fit in `seconds` (at most `iterations`).
func configuration(iterations: Int, seconds: Int) -> Benchmark.Configuration {
    .init(metrics: standardMetrics, warmupIterations: 1, maxDuration: .seconds(seconds), maxIterations: iterations)
}

/// A size-dependent budget: small inputs get more iterations, 1e7 a handful.
func configuration(forCount n: Int) -> Benchmark.Configuration {
    switch n {
    case ..<100_000: configuration(iterations: 200, seconds: 1)
    case ..<1_000_000: configuration(iterations: 60, seconds: 1)
    case ..<10_000_000: configuration(iterations: 30, seconds: 2)
    default: configuration(iterations: 15, seconds: 3)
    }
}

// Seeds: one per role, so the reference (x) and production (y) samples are independent.
let referenceSeed: UInt64 = 0x5EED_0001
let productionSeed: UInt64 = 0x5EED_0002
/// The production samples of the two-sample benchmarks: N(0.02, 1.05^2), "slightly shifted".
let productionShift = 0.02
let productionScale = 1.05

/// A reference sample and a production sample.
struct TwoSamples {
    let reference: [Double]
    let production: [Double]

    /// N(0, 1) against N(productionMean, productionSD^2) (by default N(0.02, 1.05^2)), `n` values each.
    init(count n: Int, productionMean: Double = productionShift, productionSD: Double = productionScale) {
        reference = normalSample(count: n, seed: referenceSeed)
        production = normalSample(count: n, seed: productionSeed, mean: productionMean, sd: productionSD)
    }
}

/// A sample and explicit histogram edges.
struct ValuesAndEdges {
    let values: [Double]
    let edges: [Double]
}

func registerHistogramBenchmarks() {
    for n in [1_000_000, 10_000_000] {
        for bins in [10, 64, 1000] {
            // numpy.histogram(x, bins=k, range=(-4, 4))
            Benchmark("histogram uniform n=\(powerOfTenLabel(n)) bins=\(bins)", configuration: configuration(forCount: n)) { benchmark, values in
                for _ in benchmark.scaledIterations {
                    blackHole(try histogram(values, bins: bins, range: -4...4))
                }
            } setup: {
                normalSample(count: n, seed: referenceSeed)
            }
        }
        // numpy.histogram(x, bins=edges) with the 21 quantile edges of the data (20 bins).
        Benchmark("histogram edges n=\(powerOfTenLabel(n)) bins=20", configuration: configuration(forCount: n)) { (benchmark: Benchmark, input: ValuesAndEdges) in
            for _ in benchmark.scaledIterations {
                blackHole(try histogram(input.values, edges: input.edges))
            }
        } setup: {
            let values = normalSample(count: n, seed: referenceSeed)
            return ValuesAndEdges(values: values, edges: quantileEdges(values, bins: 20))
        }
    }
}

func registerWassersteinBenchmarks() {
    for n in [1_000_000] {
        // scipy.stats.wasserstein_distance(u, v): arrays in, both sorts included.
        Benchmark("wasserstein n=\(powerOfTenLabel(n))", configuration: configuration(forCount: n)) { (benchmark: Benchmark, input: TwoSamples) in
            for _ in benchmark.scaledIterations {
                blackHole(try wassersteinDistance(input.reference, input.production))
            }
        } setup: {
            TwoSamples(count: n)
        }
    }
}

func registerPSIBenchmarks() {
    for n in [1_000_000] {
        // PSI with 10 reference-quantile bins: arrays in, so the reference sort is included.
        Benchmark("psi quantile n=\(powerOfTenLabel(n)) bins=10", configuration: configuration(forCount: n)) { (benchmark: Benchmark, input: TwoSamples) in
            for _ in benchmark.scaledIterations {
                blackHole(try populationStabilityIndex(
                    reference: input.reference, production: input.production, bins: 10, binning: .quantile))
            }
        } setup: {
            TwoSamples(count: n)
        }
    }
}
