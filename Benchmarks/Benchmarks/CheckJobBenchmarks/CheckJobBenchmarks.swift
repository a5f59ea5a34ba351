// Issue 4's target: one full run of the hourly job (`performCheck`), end to end, on 50 numeric
// features × 100 000 production rows in the window against 100 000-row reference profiles:
// lock, read the active profile and the window, test every feature (KS, Cramér–von Mises,
// Wasserstein, PSI), record the run in the history table, render the metrics, and push them to
// a real Pushgateway. Target: under 1 s wall and under 200 MB peak memory.
//
// The Pushgateway URL comes from `DRIFTWATCH_BENCH_PUSHGATEWAY_URL`, else
// `DRIFTWATCH_TEST_PUSHGATEWAY_URL` (what `scripts/stack/start DIR` writes to `DIR/env`).
// Without either, the job runs without a `pushgateway:` block (everything but the HTTP PUT)
// and the benchmark's name says "no push".
import Benchmark
import BenchmarkData
import DriftMonitor
import DriftProfiles
import Foundation
import Logging
import ProfileData

let benchmarks: @Sendable () -> Void = {
    let environment = ProcessInfo.processInfo.environment
    let pushgatewayURL = ["DRIFTWATCH_BENCH_PUSHGATEWAY_URL", "DRIFTWATCH_TEST_PUSHGATEWAY_URL"]
        .lazy.compactMap { environment[$0] }.first { !$0.isEmpty }.flatMap(URL.init(string:))
    let name = pushgatewayURL == nil
        ? "job 50x1e5 vs 1e5 reference no push (no Pushgateway URL set)"
        : "job 50x1e5 vs 1e5 reference push"
    if pushgatewayURL == nil {
        FileHandle.standardError.write(Data("""
            CheckJobBenchmarks: neither DRIFTWATCH_BENCH_PUSHGATEWAY_URL nor DRIFTWATCH_TEST_PUSHGATEWAY_URL \
            is set: the job renders its metrics but pushes nothing (start one with scripts/stack/start DIR).

            """.utf8))
    }

    let configuration = Benchmark.Configuration(
        metrics: [.wallClock, .throughput, .peakMemoryResident, .peakMemoryResidentDelta, .mallocCountTotal],
        warmupIterations: 1, maxDuration: .seconds(15), maxIterations: 15)

    Benchmark(name, configuration: configuration) { (benchmark: Benchmark, job: JobSetup) async throws in
        let result = try await performCheck(job.configuration, windowEnd: ProfileData.productionWindowEnd, logger: job.logger)
        // A run that did not do the whole job must not pass as a fast one.
        guard result.inputFailure == nil, result.deliveryErrors.isEmpty, let run = result.run,
              run.productionRows == 100_000, run.checkedFeatures.count == 50,
              result.metricsBody != nil
        else {
            throw JobBenchmarkError.incomplete(
                "input failure: \(result.inputFailure ?? "none"); delivery: \(result.deliveryErrors); "
                    + "rows: \(result.run?.productionRows ?? 0); checked: \(result.run?.checkedFeatures.count ?? 0)")
        }
        blackHole(result)
    } setup: {
        try await JobSetup.make(pushgateway: pushgatewayURL)
    } teardown: {
        try? FileManager.default.removeItem(at: JobSetup.folder)
    }
}

enum JobBenchmarkError: Error, CustomStringConvertible {
    case incomplete(String)

    var description: String {
        switch self {
        case .incomplete(let detail): return "the job run was incomplete: \(detail)"
        }
    }
}

/// The job's configuration and a fresh profile database (so the history table starts empty on
/// every benchmark run), built in the setup, not timed.
struct JobSetup: Sendable {
    let configuration: CheckConfiguration
    let logger: Logger

    /// The folder of this process's profile database (removed by the teardown).
    static var folder: URL {
        benchmarkCacheDirectory()
            .appendingPathComponent("job-\(ProcessInfo.processInfo.processIdentifier)", isDirectory: true)
    }

    static func make(pushgateway: URL?) async throws -> JobSetup {
        let production = try ProfileData.ensureDatabase(ProfileData.production)
        let reference = try ProfileData.ensureDatabase(ProfileData.reference)

        // A fresh profile database in a per-process folder: build the reference profile (exact:
        // sampleCap = 100 000 = the reference rows) and store it as the active version 1.
        let folder = JobSetup.folder
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let profiles = folder.appendingPathComponent("profiles.db").path
        var settings = ProfileSettings()
        settings.sampleCap = 100_000
        let profile = try ProfileBuilder.fromSQLite(
            path: reference, source: .table(ProfileData.reference.table), model: "bench-churn", settings: settings)
        precondition(profile.features.allSatisfy { $0.testedCount == 100_000 })
        _ = try ProfileStore(path: profiles).write(profile)

        var configuration = CheckConfiguration(
            model: "bench-churn", profiles: profiles,
            production: ProductionConfiguration(
                sqlite: production, source: .table(ProfileData.production.table), timestampColumn: "ts",
                window: 3_600))
        if let pushgateway {
            configuration.pushgateway = PushgatewayConfiguration(url: pushgateway, job: "driftwatch-benchmark")
        }
        // The job logs one line per feature at info; a benchmark has no one to read them.
        let logger = Logger(label: "driftwatch.benchmark") { _ in SwiftLogNoOpLogHandler() }
        return JobSetup(configuration: configuration, logger: logger)
    }
}
