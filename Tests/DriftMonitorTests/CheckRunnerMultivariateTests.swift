import DriftMonitor
import DriftProfiles
import DriftTestSupport
import Foundation
import Testing

@Suite("runCheck: multivariate")
struct CheckRunnerMultivariateTests {
    @Test("an empty window: both tests failed with the reason, nothing drifts")
    func emptyWindow() throws {
        let run = try runCheck(try fixtureJob(), windowEnd: hourEnd(30))
        let multivariate = try #require(run.multivariate)
        #expect(multivariate.mmdStatus == .failed && multivariate.reconstructionStatus == .failed)
        #expect(multivariate.reason?.contains("production: 0 complete rows") == true)
        #expect(!run.hasDrift)
    }

    @Test("a profile built before multivariate references: unavailable, with the reason")
    func legacyProfile() throws {
        let run = try runCheck(try fixtureJob { configuration in
            try? FileManager.default.removeItem(atPath: configuration.profiles)
            try? FileManager.default.copyItem(atPath: fixtures.appendingPathComponent("legacy/profiles-v2.db").path, toPath: configuration.profiles)
        }, windowEnd: hourEnd(11))
        let multivariate = try #require(run.multivariate)
        #expect(multivariate.mmdStatus == .unavailable && multivariate.reconstructionStatus == .unavailable)
        #expect(multivariate.reason == "profile churn v1: \(ReferenceProfile.builtBeforeMultivariate)")
        #expect(run.driftedFeatures.count == 4)   // the per-feature tests are unaffected
    }

    @Test("switched off: no multivariate part at all")
    func switchedOff() throws {
        let run = try runCheck(try fixtureJob { $0.multivariate = nil }, windowEnd: hourEnd(11))
        #expect(run.multivariate == nil)
        #expect(!renderMetrics(run).contains("drift_multivariate"))
    }

    @Test("the drifted hour drifts jointly; every clean hour does not; rows add up")
    func hours() throws {
        let drifted = try #require(try runCheck(try fixtureJob(), windowEnd: hourEnd(11)).multivariate)
        #expect(drifted.mmd?.drifted == true && drifted.reconstruction?.drifted == true)
        #expect(drifted.mmd?.pValue == 1.0 / 101)
        #expect(drifted.features.count == 10)
        #expect(drifted.productionRows + drifted.productionDroppedRows == 400)
        #expect(drifted.referenceRows == 2_000)
        for hour in 7...10 {
            let clean = try #require(try runCheck(try fixtureJob(), windowEnd: hourEnd(hour)).multivariate)
            #expect(clean.drifted == false, "hour \(hour): mmd p \(clean.mmd?.pValue ?? -1), error \(clean.reconstruction?.error ?? -1)")
            #expect(clean.mmdStatus == .tested && clean.reconstructionStatus == .tested)
        }
    }

    @Test("checking only some features still tests the joint distribution of all of the profile's")
    func subsetOfFeatures() throws {
        let run = try runCheck(try fixtureJob { $0.features = [FeatureConfiguration(name: "age"), FeatureConfiguration(name: "tenure_months")] },
                               windowEnd: hourEnd(11))
        #expect(run.features.map(\.name) == ["age", "tenure_months"])
        #expect(run.driftedFeatures.isEmpty)
        let multivariate = try #require(run.multivariate)
        #expect(multivariate.features.count == 10 && multivariate.drifted)
        #expect(run.hasDrift)
    }
}
