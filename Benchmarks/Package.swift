// swift-tools-version: 6.1
// Driftwatch benchmarks (ordo-one/benchmark), kept in a nested package so that the root
// package's `swift build` and CI never build the benchmark tooling.
//
// Run from the repository root:
//   swift package --package-path Benchmarks benchmark                 # everything, text table
//   swift package --package-path Benchmarks benchmark --filter '^histogram'
//   python3 Benchmarks/compare_numpy.py                               # side by side with numpy/scipy
import Foundation
import PackageDescription

// A path dependency's package identity is the last component of its path, which differs
// between clones (`main`, `driftwatch`, a worktree name...): derive it from where this
// manifest lives.
let root = URL(fileURLWithPath: Context.packageDirectory).deletingLastPathComponent().lastPathComponent

let package = Package(
    name: "DriftwatchBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark.git", from: "1.38.1", traits: ["MallocInterposer"]),
        // The same versions as the root package: GRDB writes the generated SQLite inputs,
        // swift-log gives the job benchmark its (silent) logger.
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
    ],
    targets: [
        // Deterministic input data shared by the benchmark targets (not itself a benchmark).
        .target(name: "BenchmarkData", path: "Support/BenchmarkData"),
        // CBLAS of Debian's libopenblas-dev for the raw dgemm/dsyrk/dsymm benchmarks (the root
        // package's COpenBLAS is a system library target, not a product).
        .systemLibrary(name: "CBLASBench", path: "Support/CBLASBench"),
        // The CSV files and SQLite databases of the profile and job benchmarks (not a benchmark).
        .target(
            name: "ProfileData",
            dependencies: ["BenchmarkData", .product(name: "GRDB", package: "GRDB.swift")],
            path: "Support/ProfileData"
        ),
        .executableTarget(
            name: "DriftStatisticsBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "DriftStatistics", package: root),
                "BenchmarkData",
            ],
            path: "Benchmarks/DriftStatisticsBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "CompareBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "DriftTables", package: root),
                .product(name: "DriftReport", package: root),
                "BenchmarkData",
            ],
            path: "Benchmarks/CompareBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "ProfileBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "DriftProfiles", package: root),
                .product(name: "DriftSources", package: root),
                .product(name: "DriftStatistics", package: root),
                .product(name: "DriftTables", package: root),
                "BenchmarkData",
                "ProfileData",
            ],
            path: "Benchmarks/ProfileBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "CheckJobBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "DriftMonitor", package: root),
                .product(name: "DriftProfiles", package: root),
                .product(name: "Logging", package: "swift-log"),
                "BenchmarkData",
                "ProfileData",
            ],
            path: "Benchmarks/CheckJobBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "MultivariateBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "DriftMultivariate", package: root),
                "BenchmarkData",
                "CBLASBench",
            ],
            path: "Benchmarks/MultivariateBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
