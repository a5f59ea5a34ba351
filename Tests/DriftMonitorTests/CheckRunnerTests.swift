import DriftMonitor
import DriftReport
import DriftProfiles
import DriftTestSupport
import Foundation
import Testing

@Suite("runCheck")
struct CheckRunnerTests {
    @Test("a missing profile database is an input failure, not a crash")
    func missingProfiles() throws {
        let configuration = try fixtureJob { $0.profiles = "/nonexistent/profiles.db" }
        #expect(throws: InputFailure.self) { try runCheck(configuration, windowEnd: hourEnd(11)) }
    }

    @Test("a missing production table is an input failure naming it")
    func missingTable() throws {
        let configuration = try fixtureJob { $0.production.source = .table("predicitons") }
        do {
            _ = try runCheck(configuration, windowEnd: hourEnd(11))
            Issue.record("expected an input failure")
        } catch let failure as InputFailure {
            #expect(failure.message.contains("predicitons"))
        }
    }

    @Test("a profile for another model is an input failure listing the known models")
    func otherModel() throws {
        let configuration = try fixtureJob { $0.model = "fraud" }
        do {
            _ = try runCheck(configuration, windowEnd: hourEnd(11))
            Issue.record("expected an input failure")
        } catch let failure as InputFailure {
            #expect(failure.message.contains("churn"))
        }
    }

    @Test("a configured feature that is not in the profile is an input failure")
    func unknownFeature() throws {
        let configuration = try fixtureJob { $0.features = [FeatureConfiguration(name: "ages")] }
        #expect(throws: InputFailure.self) { try runCheck(configuration, windowEnd: hourEnd(11)) }
    }

    @Test("an empty window reports every feature as insufficient, with no p-value")
    func emptyWindow() throws {
        let run = try runCheck(try fixtureJob(), windowEnd: hourEnd(30))
        #expect(run.productionRows == 0)
        #expect(run.features.count == 10)
        #expect(run.features.allSatisfy { $0.status == .insufficientSamples && $0.tests.isEmpty && !$0.drifted })
    }

    @Test("the drifted hour: the shifted features drift, every count adds up")
    func driftedHour() throws {
        let run = try runCheck(try fixtureJob(), windowEnd: hourEnd(11))
        #expect(run.productionRows == 400)
        #expect(run.profileVersion == 1)
        #expect(run.windowEnd == hourEnd(11))
        #expect(run.windowStart == hourEnd(10))
        #expect(Set(run.driftedFeatures.map(\.name)) == ["monthly_charges", "total_charges", "support_calls", "contract"])
        for feature in run.features {
            #expect(feature.status == .tested, "\(feature.name): \(feature.reason ?? "")")
            #expect(feature.primary?.test == DriftTest.default(for: feature.kind))
            #expect(feature.tests.allSatisfy { $0.pValue.isFinite && (0...1).contains($0.pValue) })
            #expect((0...1).contains(feature.productionMissingRatio))
        }
    }

    @Test("the hour before drifts nowhere")
    func cleanHour() throws {
        let run = try runCheck(try fixtureJob(), windowEnd: hourEnd(10))
        #expect(run.driftedFeatures.isEmpty)
        #expect(run.checkedFeatures.count == 10)
    }

    @Test("min_samples above the window's rows: insufficient, not tested")
    func minSamples() throws {
        let run = try runCheck(try fixtureJob { $0.minSamples = 401 }, windowEnd: hourEnd(11))
        #expect(run.features.allSatisfy { $0.status == .insufficientSamples })
        #expect(run.features.first?.reason?.contains("min_samples is 401") == true)
    }

    @Test("a column missing from production is reported by its status, the others still run")
    func missingColumn() throws {
        let configuration = try fixtureJob {
            $0.production.source = .query("SELECT ts, tenure_months, contract FROM predictions")
            $0.features = [FeatureConfiguration(name: "tenure_months"), FeatureConfiguration(name: "contract"),
                           FeatureConfiguration(name: "age")]
        }
        let run = try runCheck(configuration, windowEnd: hourEnd(11))
        let age = try #require(run.features.first { $0.name == "age" })
        #expect(age.status == .missingColumn)
        #expect(age.tests.isEmpty)
        #expect(run.features.first { $0.name == "contract" }?.status == .tested)
        #expect(run.features.first { $0.name == "contract" }?.drifted == true)
    }

    @Test("text in a numeric production column fails that feature only")
    func textInNumericColumn() throws {
        let configuration = try fixtureJob {
            $0.production.source = .query("SELECT ts, CASE WHEN id % 7 = 0 THEN 'n/a' ELSE age END AS age, contract FROM predictions")
            $0.features = [FeatureConfiguration(name: "age"), FeatureConfiguration(name: "contract")]
        }
        let run = try runCheck(configuration, windowEnd: hourEnd(11))
        let age = try #require(run.features.first { $0.name == "age" })
        #expect(age.status == .failed)
        #expect(age.reason?.contains("text") == true)
        #expect(run.features.first { $0.name == "contract" }?.status == .tested)
    }

    @Test("a per-feature decision test and a correction change what drifts")
    func overrides() throws {
        let raw = try runCheck(try fixtureJob(), windowEnd: hourEnd(11))
        let corrected = try runCheck(try fixtureJob { $0.correction = .bonferroni }, windowEnd: hourEnd(11))
        for (before, after) in zip(raw.features, corrected.features) {
            let p = try #require(before.primary?.pValue)
            #expect(after.primary?.pValueAdjusted == min(1, p * 10))
            #expect(after.drifted == (min(1, p * 10) < 0.01))
        }
        #expect(corrected.features.first { $0.name == "total_charges" }?.drifted == false)   // p = 0.0044 x 10
        let cvm = try runCheck(try fixtureJob {
            $0.features = [FeatureConfiguration(name: "monthly_charges", test: .cramerVonMises)]
        }, windowEnd: hourEnd(11))
        #expect(cvm.features.first?.primary?.test == .cramerVonMises)
    }

    @Test("cramer_von_mises deciding on the integer-valued features agrees with KS in every fixture hour (issue 10)")
    func cramerVonMisesOnDiscreteFeatures() throws {
        // scipy's mid-rank CvM gave age 8.5e-07 and satisfaction 7.9e-10 in the drifted hour,
        // where KS gives 0.38 and 0.68: a false alarm on every integer-valued feature.
        let discrete = ["tenure_months", "age", "support_calls", "satisfaction"]
        for hour in 7...12 {
            let cvm = try runCheck(try fixtureJob {
                $0.features = discrete.map { FeatureConfiguration(name: $0, test: .cramerVonMises) }
            }, windowEnd: hourEnd(hour))
            let ks = try runCheck(try fixtureJob {
                $0.features = discrete.map { FeatureConfiguration(name: $0, test: .kolmogorovSmirnov) }
            }, windowEnd: hourEnd(hour))
            #expect(cvm.features.allSatisfy { $0.primary?.test == .cramerVonMises })
            #expect(Set(cvm.driftedFeatures.map(\.name)) == Set(ks.driftedFeatures.map(\.name)), "hour \(hour)")
        }
        let drifted = try runCheck(try fixtureJob {
            $0.features = discrete.map { FeatureConfiguration(name: $0, test: .cramerVonMises) }
        }, windowEnd: hourEnd(11))
        for name in ["age", "satisfaction", "tenure_months"] {
            let p = try #require(drifted.features.first { $0.name == name }?.primary?.pValue)
            #expect(p > 0.1, "\(name): p = \(p)")
        }
        #expect(drifted.driftedFeatures.map(\.name) == ["support_calls"])
    }

    @Test("a decision test that does not fit the feature's kind is refused")
    func wrongTest() throws {
        let configuration = try fixtureJob { $0.features = [FeatureConfiguration(name: "contract", test: .kolmogorovSmirnov)] }
        #expect(throws: InputFailure.self) { try runCheck(configuration, windowEnd: hourEnd(11)) }
    }

    @Test("the effect-size gate keeps small but significant shifts from alerting")
    func effectSizeGate() throws {
        let run = try runCheck(try fixtureJob { $0.effectSize = EffectSizeGate(psi: 0.1) }, windowEnd: hourEnd(11))
        // monthly_charges (PSI 0.34) and support_calls (0.43) pass; total_charges (0.04) and contract (0.06) do not.
        #expect(Set(run.driftedFeatures.map(\.name)) == ["monthly_charges", "support_calls"])
        let contract = try #require(run.features.first { $0.name == "contract" })
        #expect((contract.primary?.pValue ?? 1) < 0.01)
    }

    @Test("a constant reference feature that moved: the raw Wasserstein distance is pushed, recorded and gates; only the normalized one is absent")
    func constantReference() throws {
        // A flag that was always 2 in training; production says -1 for every row.
        let csv = try temporaryFile(
            "flag,age\n" + (0..<200).map { "2,\(20 + $0 % 50)" }.joined(separator: "\n") + "\n", name: "reference.csv")
        var configuration = try fixtureJob {
            $0.production.source = .query("SELECT ts, -1.0 AS flag, age FROM predictions")
            $0.effectSize = EffectSizeGate(wassersteinNormalized: 0.5)
        }
        var settings = ProfileSettings()
        settings.multivariate = false
        let profile = try ProfileBuilder.fromCSV(path: csv, model: "flagged", settings: settings)
        _ = try ProfileStore(path: configuration.profiles).write(profile)
        configuration.model = "flagged"
        configuration.multivariate = nil
        let run = try runCheck(configuration, windowEnd: hourEnd(11))
        let flag = try #require(run.features.first { $0.name == "flag" })
        #expect(flag.status == .tested)
        #expect(flag.wasserstein == 3)
        #expect(flag.wassersteinNormalized == nil)
        #expect(flag.drifted)   // KS p ≈ 0 and an unbounded shift in reference SDs passes the gate
        let body = renderMetrics(run)
        #expect(body.contains(#"drift_feature_wasserstein{feature="flag"} 3.0"#), "\(body)")
        #expect(!body.contains(#"drift_feature_wasserstein_normalized{feature="flag""#))
        let decoded = try JSONDecoder().decode(CheckRun.self, from: JSONEncoder().encode(run))
        #expect(decoded.features.first { $0.name == "flag" }?.wasserstein == 3)
    }

    @Test("a run round-trips through its history JSON")
    func jsonRoundTrip() throws {
        let run = try runCheck(try fixtureJob(), windowEnd: hourEnd(11))
        let decoded = try CheckRun.fromJSON(try run.jsonText())
        #expect(decoded.features == run.features)
        #expect(decoded.model == run.model)
    }
}
