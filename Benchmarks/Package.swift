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
    ],
    targets: [
        // Deterministic input data shared by the benchmark targets (not itself a benchmark).
        .target(name: "BenchmarkData", path: "Support/BenchmarkData"),
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
    ],
    swiftLanguageModes: [.v6]
)
