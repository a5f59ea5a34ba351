// Reference profiles and production windows (issue 3): profile build throughput from CSV and
// SQLite, window read throughput, the "100 000 rows × 50 features read and histogrammed in
// under 1 s" target, and peak memory of a profile build from 1 M vs 10 M CSV rows.
//
// Inputs are written once into the cache folder (`benchmarkCacheDirectory()`) by the setup
// closures, never timed. Throughput: ordo-one's `throughput` metric is whole iterations per
// second, rounded to an integer (0 and dropped when an iteration takes over ~2 s), so every
// benchmark here also records `rows/s` (a custom metric: rows handled in the iteration divided
// by its own wall time). (A `scalingFactor: .mega` would make `throughput` read in M rows/s, but
// it also turns the wall-clock columns and exports into time per row, which compare_numpy.py
// and the other targets do not expect.)
import Benchmark
import BenchmarkData
import DriftProfiles
import DriftSources
import DriftStatistics
import DriftTables
import Foundation
import ProfileData

let benchmarks: @Sendable () -> Void = {
    let rowsPerSecond = BenchmarkMetric.custom("rows/s", polarity: .prefersLarger, useScalingFactor: false)

    /// Runs `body` (which returns the number of rows it handled) and records rows/s.
    @inline(__always)
    func measureRows(_ benchmark: Benchmark, _ body: () throws -> Int) rethrows {
        let clock = ContinuousClock()
        let start = clock.now
        let rows = try body()
        let elapsed = start.duration(to: clock.now)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        benchmark.measurement(rowsPerSecond, Int((Double(rows) / seconds).rounded()))
    }

    // MARK: 1. Profile build throughput, 1 M rows × 10 numeric features, default caps

    let buildConfiguration = Benchmark.Configuration(
        metrics: [.wallClock, .throughput, rowsPerSecond, .peakMemoryResident],
        warmupIterations: 1, maxDuration: .seconds(20), maxIterations: 5)

    // ProfileBuilder.fromCSV with ProfileSettings() (100 000-value reservoir, 10 PSI bins): the
    // first pass parses every cell, the second pass (reservoir features) counts the exact PSI
    // bins, and a third raw-byte pass hashes the file.
    Benchmark("profile build csv 1e6x10", configuration: buildConfiguration) { (benchmark: Benchmark, path: String) in
        try measureRows(benchmark) {
            let profile = try ProfileBuilder.fromCSV(path: path, model: "bench")
            precondition(profile.source.rowCount == 1_000_000 && profile.features.count == 10)
            blackHole(profile)
            return profile.source.rowCount
        }
    } setup: {
        try ProfileData.ensureCSV(rows: 1_000_000)
    }

    // ProfileBuilder.fromSQLite on the 10 REAL columns of the 1 M-row `samples` table (a
    // SELECT of the feature columns, so the input is the same 10 numbers per row as the CSV).
    let sampleFeatures = ProfileData.featureNames(ProfileData.samples.columns)
    Benchmark("profile build sqlite 1e6x10", configuration: buildConfiguration) { (benchmark: Benchmark, path: String) in
        try measureRows(benchmark) {
            let profile = try ProfileBuilder.fromSQLite(
                path: path,
                source: .query("SELECT \(sampleFeatures.joined(separator: ", ")) FROM \(ProfileData.samples.table)"),
                model: "bench")
            precondition(profile.source.rowCount == 1_000_000 && profile.features.count == 10)
            blackHole(profile)
            return profile.source.rowCount
        }
    } setup: {
        try ProfileData.ensureDatabase(ProfileData.samples)
    }

    // MARK: 2. Window read throughput (rows in the window per second)

    let readConfiguration = Benchmark.Configuration(
        metrics: [.wallClock, .throughput, rowsPerSecond, .peakMemoryResident],
        warmupIterations: 1, maxDuration: .seconds(10), maxIterations: 20)

    // SQLiteProductionSource.read of 2019-05-01 [12:00, 13:00) from the 1 M-row table (indexed ISO
    // `ts`): 36 000 rows × 10 features. Includes the reader's full-table count of unreadable
    // timestamps (one index scan of all 1 M rows).
    Benchmark("window read 1h 36000 of 1e6 rows x10", configuration: readConfiguration) { (benchmark: Benchmark, path: String) in
        try measureRows(benchmark) {
            let source = SQLiteProductionSource(path: path, source: .table(ProfileData.samples.table), timestampColumn: "ts")
            let sample = try source.read(
                window: try TimeWindow(end: ProfileData.samplesWindowEnd, duration: 3_600),
                features: sampleFeatures.map { (name: $0, kind: .numeric) })
            precondition(sample.rowCount == 36_000 && sample.problems.isEmpty && sample.invalidTimestamps == 0)
            blackHole(sample)
            return sample.rowCount
        }
    } setup: {
        try ProfileData.ensureDatabase(ProfileData.samples)
    }

    // The read half of issue 3's target alone: 2019-05-01 [01:00, 02:00) of the 300 000-row
    // production table, 100 000 rows × 50 features.
    let productionFeatures = ProfileData.featureNames(ProfileData.production.columns)
    func readProductionWindow(_ path: String) throws -> ProductionSample {
        let source = SQLiteProductionSource(path: path, source: .table(ProfileData.production.table), timestampColumn: "ts")
        let sample = try source.read(
            window: try TimeWindow(end: ProfileData.productionWindowEnd, duration: 3_600),
            features: productionFeatures.map { (name: $0, kind: .numeric) })
        precondition(sample.rowCount == 100_000 && sample.problems.isEmpty && sample.columns.count == 50)
        return sample
    }
    Benchmark("window read 1h 1e5 of 3e5 rows x50", configuration: readConfiguration) { (benchmark: Benchmark, path: String) in
        try measureRows(benchmark) {
            let sample = try readProductionWindow(path)
            blackHole(sample)
            return sample.rowCount
        }
    } setup: {
        try ProfileData.ensureDatabase(ProfileData.production)
    }

    // MARK: 3. Issue 3's target: read 100 000 rows × 50 features and histogram them, < 1 s

    // Timed: the read above, then per feature histogram(values, bins: k, range:) with a fixed
    // per-feature range (ProfileData.histogramRange, standing in for the reference range).
    for bins in [10, 64] {
        Benchmark("read and histogram 1e5x50 bins=\(bins)", configuration: readConfiguration) { (benchmark: Benchmark, path: String) in
            try measureRows(benchmark) {
                let sample = try readProductionWindow(path)
                var binned = 0
                for (j, column) in sample.columns.enumerated() {
                    let h = try histogram(column.values, bins: bins, range: ProfileData.histogramRange(column: j))
                    binned += h.total
                }
                precondition(binned == 100_000 * 50)
                blackHole(binned)
                return sample.rowCount
            }
        } setup: {
            try ProfileData.ensureDatabase(ProfileData.production)
        }
    }

    // MARK: 4. Memory flatness: peak RSS of fromCSV on 1 M vs 10 M rows × 10 features

    // The builder streams: memory is bounded by the caps (10 features × a 100 000-value
    // reservoir, plus one 1 MiB read buffer), not by the file. `peakMemoryResident` is the
    // process's resident memory sampled during the iteration (the setup returns only a path);
    // `peakMemoryResidentDelta` subtracts the resident memory just before it. One or two
    // iterations, no warm-up: the 10 M-row build takes tens of seconds.
    let memoryConfiguration = Benchmark.Configuration(
        metrics: [.wallClock, rowsPerSecond, .peakMemoryResident, .peakMemoryResidentDelta],
        warmupIterations: 0, maxDuration: .seconds(30), maxIterations: 2)
    for rows in [1_000_000, 10_000_000] {
        Benchmark("profile memory csv \(powerOfTenLabel(rows))x10", configuration: memoryConfiguration) { (benchmark: Benchmark, path: String) in
            try measureRows(benchmark) {
                let profile = try ProfileBuilder.fromCSV(path: path, model: "bench")
                precondition(profile.source.rowCount == rows && profile.features.count == 10)
                blackHole(profile)
                return profile.source.rowCount
            }
        } setup: {
            try ProfileData.ensureCSV(rows: rows)
        }
    }
}
