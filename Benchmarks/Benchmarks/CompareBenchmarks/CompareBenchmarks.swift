// The whole `driftwatch compare` path on two CSV files: load both, compare every feature
// (KS, Cramér–von Mises, Wasserstein, PSI per numeric column).
import Benchmark
import BenchmarkData
import DriftReport
import DriftTables

let benchmarks: @Sendable () -> Void = {
    let columns = ComparisonCSV.columns
    let rows = ComparisonCSV.rows
    // About 0.5 s per iteration: a handful of iterations within the budget.
    let configuration = Benchmark.Configuration(
        metrics: [.wallClock, .throughput, .peakMemoryResident, .mallocCountTotal],
        warmupIterations: 1, maxDuration: .seconds(8), maxIterations: 10)

    // Timed: CSVTable.load of both files + compareTables (features run in parallel on all cores).
    Benchmark("compare \(columns)x\(rows)", configuration: configuration) { (benchmark: Benchmark, paths: ComparisonFiles) in
        for _ in benchmark.scaledIterations {
            let reference = try CSVTable.load(path: paths.reference)
            let production = try CSVTable.load(path: paths.production)
            blackHole(try compareTables(reference: reference, production: production))
        }
    } setup: {
        // Written once into the cache directory (see benchmarkCacheDirectory()), not timed.
        let files = try ComparisonCSV.ensureFiles()
        return ComparisonFiles(reference: files.reference, production: files.production)
    }
}

struct ComparisonFiles {
    let reference: String
    let production: String
}
