import DriftMonitor
import DriftProfiles
import DriftReport
import DriftSources
import Foundation
import Testing

/// `compare` and `check` decide with the one `DriftPolicy`: on the same data and settings they
/// give the same verdicts, for every knob.
@Suite("compare and check agree")
struct DriftPolicyAgreementTests {
    static let knobs: [(String, @Sendable (inout CheckConfiguration) -> Void)] = [
        ("defaults", { _ in }),
        ("holm", { $0.correction = .holm }),
        ("bonferroni", { $0.correction = .bonferroni }),
        ("bh, alpha 0.05", { $0.correction = .benjaminiHochberg; $0.alpha = 0.05 }),
        ("cramer_von_mises decides age, satisfaction and total_charges", {
            $0.features = [FeatureConfiguration(name: "age", test: .cramerVonMises),
                           FeatureConfiguration(name: "satisfaction", test: .cramerVonMises),
                           FeatureConfiguration(name: "total_charges", test: .cramerVonMises),
                           FeatureConfiguration(name: "contract"), FeatureConfiguration(name: "monthly_charges")]
        }),
        ("min_samples 350 (data_usage_gb has 305)", { $0.minSamples = 350 }),
        ("min_samples 500 for support_calls only", {
            $0.features = [FeatureConfiguration(name: "support_calls", minSamples: 500), FeatureConfiguration(name: "tenure_months")]
        }),
        ("effect size psi 0.1", { $0.effectSize = EffectSizeGate(psi: 0.1) }),
        ("effect size wasserstein 0.2, holm", { $0.effectSize = EffectSizeGate(wassersteinNormalized: 0.2); $0.correction = .holm }),
    ]

    @Test("the same verdict, status, deciding test and adjusted p-value per feature", arguments: 0..<knobs.count)
    func agree(knob: Int) throws {
        let (name, adjust) = Self.knobs[knob]
        let configuration = try fixtureJob { adjust(&$0); $0.multivariate = nil }
        let run = try runCheck(configuration, windowEnd: hourEnd(11))

        let profile = try ProfileStore(path: configuration.profiles, createIfMissing: false).profile(model: "churn")
        let chosen = configuration.features.map { Set($0.map(\.name)) }
        let restricted = try chosen.map { try profile.restricted(to: profile.features.map(\.name).filter($0.contains)) } ?? profile
        let window = try TimeWindow(end: hourEnd(11), duration: 3_600)
        let production = try configuration.production.productionSource.read(
            window: window, features: restricted.features.map { (name: $0.name, kind: $0.kind) })
        var options = ComparisonOptions()
        options.policy = configuration.policy
        options.multivariate = nil
        let report = try compareProfile(restricted, production: production.columns, options: options)

        // The job follows its features: list, compare the profile's order.
        #expect(Set(run.features.map(\.name)) == Set(report.features.map(\.name)), "\(name)")
        let reports = Dictionary(uniqueKeysWithValues: report.features.map { ($0.name, $0) })
        for check in run.features {
            let feature = try #require(reports[check.name])
            #expect(check.drifted == feature.drifted, "\(name): \(check.name) drifted")
            #expect(check.status == feature.status, "\(name): \(check.name) status")
            #expect(check.primary?.test == (feature.status == .tested ? feature.decidingTest : check.primary?.test), "\(name): \(check.name) test")
            #expect(check.primary?.pValueAdjusted == feature.pValueAdjusted, "\(name): \(check.name) adjusted")
            #expect(check.primary?.pValue == feature.primaryPValue, "\(name): \(check.name) p")
        }
        // Each knob changes something against the defaults, or it would test nothing.
        if knob > 0 {
            let defaults = try runCheck(try fixtureJob { $0.multivariate = nil }, windowEnd: hourEnd(11))
            #expect(defaults.features != run.features, "\(name) changed nothing")
        }
    }
}
