// swift-tools-version: 6.1
// Driftwatch: data-drift statistics, reference profiles and an hourly drift job.
//
// Layers (acyclic, each folder under Sources/ is one module):
//   DriftStatistics <- DriftMultivariate (MMD, PCA on OpenBLAS) <- DriftProfiles (SQLite)
//   DriftTables (CSV input) <- DriftSources (production windows: SQLite, CSV) <- DriftProfiles
//     <- DriftReport (comparison) <- DriftHTML (the HTML report: own SVG charts, page through Plot)
//     <- DriftMonitor (the hourly job: config, run history, Pushgateway, Alertmanager) <- driftwatch (CLI)
// DriftStatistics depends on the standard library and Foundation only; DriftMultivariate adds
// OpenBLAS (CBLAS + LAPACKE) through the COpenBLAS system library target.
import PackageDescription

let package = Package(
    name: "Driftwatch",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "DriftStatistics", targets: ["DriftStatistics"]),
        .library(name: "DriftMultivariate", targets: ["DriftMultivariate"]),
        .library(name: "DriftTables", targets: ["DriftTables"]),
        .library(name: "DriftSources", targets: ["DriftSources"]),
        .library(name: "DriftProfiles", targets: ["DriftProfiles"]),
        .library(name: "DriftReport", targets: ["DriftReport"]),
        .library(name: "DriftMonitor", targets: ["DriftMonitor"]),
        .executable(name: "driftwatch", targets: ["driftwatch"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/JohnSundell/Plot.git", from: "0.14.0"),
    ],
    targets: [
        .target(name: "DriftStatistics"),
        .systemLibrary(name: "COpenBLAS", path: "Sources/COpenBLAS"),
        .target(name: "DriftMultivariate", dependencies: ["DriftStatistics", "COpenBLAS"]),
        .target(name: "DriftTables"),
        .target(
            name: "DriftSources",
            dependencies: [
                "DriftStatistics", "DriftTables",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        .target(
            name: "DriftProfiles",
            dependencies: [
                "DriftStatistics", "DriftMultivariate", "DriftTables", "DriftSources",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        .target(name: "DriftReport", dependencies: ["DriftStatistics", "DriftMultivariate", "DriftTables", "DriftProfiles"]),
        .target(
            name: "DriftHTML",
            dependencies: [
                "DriftReport", "DriftStatistics", "DriftTables", "DriftMultivariate",
                .product(name: "Plot", package: "Plot"),
            ]
        ),
        .target(
            name: "DriftMonitor",
            dependencies: [
                "DriftHTML", "DriftReport", "DriftProfiles", "DriftSources", "DriftMultivariate", "DriftStatistics", "DriftTables",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "driftwatch",
            dependencies: [
                "DriftReport", "DriftMonitor", "DriftMultivariate", "DriftProfiles", "DriftSources", "DriftStatistics",
                "DriftTables", "DriftHTML",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Helpers shared by the test targets (fixture and repository paths, temporary files and
        // databases); a regular target whose sources live under Tests/.
        .target(
            name: "DriftTestSupport",
            dependencies: [.product(name: "GRDB", package: "GRDB.swift")],
            path: "Tests/DriftTestSupport"
        ),
        .testTarget(name: "DriftStatisticsTests", dependencies: ["DriftStatistics", "DriftTestSupport"]),
        .testTarget(
            name: "DriftMultivariateTests", dependencies: ["DriftMultivariate", "DriftStatistics", "DriftTestSupport"]
        ),
        .testTarget(name: "DriftTablesTests", dependencies: ["DriftTables", "DriftTestSupport"]),
        .testTarget(
            name: "DriftSourcesTests",
            dependencies: ["DriftSources", "DriftTables", "DriftTestSupport", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(
            name: "DriftProfilesTests",
            dependencies: [
                "DriftProfiles", "DriftSources", "DriftMultivariate", "DriftStatistics", "DriftTables", "DriftTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .testTarget(
            name: "DriftReportTests",
            dependencies: [
                "DriftReport", "DriftMultivariate", "DriftProfiles", "DriftStatistics", "DriftTables", "DriftTestSupport",
            ]
        ),
        .testTarget(
            name: "DriftHTMLTests",
            dependencies: [
                "DriftHTML", "DriftReport", "DriftProfiles", "DriftStatistics", "DriftTables", "DriftTestSupport",
            ]
        ),
        .testTarget(
            name: "DriftMonitorTests",
            dependencies: [
                "DriftMonitor", "DriftMultivariate", "DriftProfiles", "DriftReport", "DriftSources", "DriftStatistics", "DriftTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "DriftwatchCLITests",
            dependencies: ["driftwatch", "DriftProfiles", "DriftTestSupport", .product(name: "GRDB", package: "GRDB.swift")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
