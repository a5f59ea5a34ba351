// Two-sample Kolmogorov–Smirnov benchmarks (scipy.stats.ks_2samp counterparts).
import Benchmark
import BenchmarkData
import DriftStatistics

/// A pre-sorted reference (as a stored reference profile would be) and a raw production sample.
struct SortedReferenceAndProduction {
    let reference: SortedSample
    let production: [Double]
}

func registerKolmogorovSmirnovBenchmarks() {
    for n in [10_000, 100_000, 1_000_000] {
        let size = powerOfTenLabel(n)
        // method .auto: exact p-value for max(n, m) <= 10 000 (so n=1e4 is exact), asymptotic above.
        var methods: [(name: String, method: KSMethod)] = [("auto", .auto)]
        // n=1e4 also forced asymptotic, to compare with ks_2samp(method='asymp').
        if n == 10_000 { methods.append(("asymp", .asymptotic)) }

        for (methodName, method) in methods {
            // Raw arrays: both samples are sorted (and validated) inside the call.
            Benchmark("ks raw n=\(size) \(methodName)", configuration: configuration(forCount: n)) { (benchmark: Benchmark, input: TwoSamples) in
                for _ in benchmark.scaledIterations {
                    blackHole(try kolmogorovSmirnov(input.reference, input.production, method: method))
                }
            } setup: {
                TwoSamples(count: n)
            }

            // Reference pre-sorted in setup (SortedSample(presorted:)); timed: sorting the
            // production sample into a SortedSample, then the test.
            Benchmark("ks presorted-reference n=\(size) \(methodName)", configuration: configuration(forCount: n)) { (benchmark: Benchmark, input: SortedReferenceAndProduction) in
                for _ in benchmark.scaledIterations {
                    let production = try SortedSample(input.production, label: "production")
                    blackHole(try kolmogorovSmirnov(input.reference, production, method: method))
                }
            } setup: {
                let samples = TwoSamples(count: n)
                return SortedReferenceAndProduction(
                    reference: try SortedSample(presorted: samples.reference.sorted(), label: "reference"),
                    production: samples.production)
            }
        }
    }

    // No drift: both samples N(0, 1), raw arrays. A small statistic takes a cheaper asymptotic
    // p-value path (in scipy too), so this isolates sorting and the merge pass.
    Benchmark("ks null n=1e6 auto", configuration: configuration(forCount: 1_000_000)) { (benchmark: Benchmark, input: TwoSamples) in
        for _ in benchmark.scaledIterations {
            blackHole(try kolmogorovSmirnov(input.reference, input.production))
        }
    } setup: {
        TwoSamples(count: 1_000_000, productionMean: 0, productionSD: 1)
    }
}
