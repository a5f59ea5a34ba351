import DriftMonitor
import DriftReport
import Foundation

/// Builds runs and features for the delivery tests.
enum Runs {
    static let windowEnd = Date(timeIntervalSince1970: 1_717_200_000)  // 2024-06-01T00:00:00Z

    static func numeric(
        _ name: String, p: Double, statistic: Double = 0.2, adjusted: Double? = nil, psi: Double? = 0.05,
        drifted: Bool = false, cvm: Bool = true
    ) -> FeatureCheck {
        var tests = [TestResult(test: .kolmogorovSmirnov, statistic: statistic, pValue: p, pValueAdjusted: adjusted)]
        if cvm { tests.append(TestResult(test: .cramerVonMises, statistic: 0.9, pValue: p.isNaN ? p : min(1, p * 2))) }
        return FeatureCheck(
            name: name, kind: .numeric, status: .tested, reason: nil, referenceCount: 10_000, productionCount: 842,
            referenceMissingRatio: 0, productionMissingRatio: 0.0125, tests: tests, psi: psi, wasserstein: 1.5,
            wassersteinNormalized: 0.12, jensenShannon: nil, drifted: drifted)
    }

    static func categorical(_ name: String, p: Double, drifted: Bool = false) -> FeatureCheck {
        FeatureCheck(
            name: name, kind: .categorical, status: .tested, reason: nil, referenceCount: 10_000, productionCount: 842,
            referenceMissingRatio: 0.01, productionMissingRatio: 0, tests: [TestResult(test: .chiSquare, statistic: 41.5, pValue: p)],
            psi: 0.3, wasserstein: nil, wassersteinNormalized: nil, jensenShannon: 0.08, drifted: drifted)
    }

    static func untested(_ name: String, _ status: FeatureStatus, reason: String) -> FeatureCheck {
        FeatureCheck(
            name: name, kind: .numeric, status: status, reason: reason, referenceCount: 10_000, productionCount: 12,
            referenceMissingRatio: 0, productionMissingRatio: 0.5, tests: [], psi: nil, wasserstein: nil,
            wassersteinNormalized: nil, jensenShannon: nil, drifted: false)
    }

    static func run(model: String, correction: String = "none", features: [FeatureCheck], startedAt: Date = windowEnd.addingTimeInterval(60)) -> CheckRun {
        CheckRun(
            model: model, profileVersion: 3, windowStart: windowEnd.addingTimeInterval(-3600), windowEnd: windowEnd,
            startedAt: startedAt, duration: 0.75, alpha: 0.01, correction: correction, productionRows: 854,
            features: features)
    }

    /// A multivariate check: MMD drifted or not, reconstruction error inside or above its band.
    static func multivariate(mmdDrifted: Bool, reconstructionDrifted: Bool) -> MultivariateCheck {
        MultivariateCheck(
            features: ["age", "tenure", "plan"], mmdStatus: .tested, reconstructionStatus: .tested, reason: nil,
            mmd: .init(statistic: mmdDrifted ? 0.04 : 0.0001, pValue: mmdDrifted ? 0.0099 : 0.41, permutations: 100,
                       bandwidth: 2.5, drifted: mmdDrifted),
            reconstruction: .init(error: reconstructionDrifted ? 2.9 : 2.1, lower: 1.9, upper: 2.3, components: 2,
                                  drifted: reconstructionDrifted),
            referenceRows: 2_000, productionRows: 820, productionDroppedRows: 34)
    }

    /// tenure drifted (ks), plan drifted (chi_square), age fine, income too few samples.
    static func mixed(model: String) -> CheckRun {
        run(model: model, features: [
            numeric("age", p: 0.42),
            numeric("tenure", p: 0.0003, statistic: 0.31, psi: 0.41, drifted: true),
            categorical("plan", p: 1e-9, drifted: true),
            untested("income", .insufficientSamples, reason: "12 production values, fewer than min_samples 50"),
        ])
    }
}

/// One parsed sample line of Prometheus text format.
struct Sample: Hashable {
    let name: String
    let labels: [String: String]
    let value: Double
}

/// A minimal parser for the bodies we render (no escapes in our test label values).
struct ParsedMetrics {
    var samples: [Sample] = []
    var help: [String: String] = [:]
    var type: [String: String] = [:]

    init(_ text: String) {
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            if line.hasPrefix("# HELP ") {
                let rest = line.dropFirst(7)
                let name = rest.prefix(while: { $0 != " " })
                help[String(name)] = String(rest.dropFirst(name.count + 1))
            } else if line.hasPrefix("# TYPE ") {
                let parts = line.split(separator: " ")
                if parts.count == 4 { type[String(parts[2])] = String(parts[3]) }
            } else if !line.hasPrefix("#") {
                let nameEnd = line.firstIndex(where: { $0 == "{" || $0 == " " }) ?? line.endIndex
                let name = String(line[..<nameEnd])
                var labels: [String: String] = [:]
                var rest = line[nameEnd...]
                if rest.first == "{", let close = rest.lastIndex(of: "}") {
                    for pair in rest[rest.index(after: rest.startIndex)..<close].split(separator: ",") {
                        let kv = pair.split(separator: "=", maxSplits: 1)
                        if kv.count == 2 { labels[String(kv[0])] = String(kv[1].dropFirst().dropLast()) }
                    }
                    rest = rest[rest.index(after: close)...]
                }
                let value = Double(rest.trimmingCharacters(in: .whitespaces)) ?? .nan
                samples.append(Sample(name: name, labels: labels, value: value))
            }
        }
    }

    func values(_ name: String) -> [Sample] { samples.filter { $0.name == name } }

    func value(_ name: String, _ labels: [String: String] = [:]) -> Double? {
        samples.first { $0.name == name && $0.labels == labels }?.value
    }
}
