import Testing
@testable import DriftMultivariate

@Suite struct MultivariateSettingsTests {
    @Test func defaultsAreTheDocumentedOnes() throws {
        let settings = MultivariateSettings()
        try settings.validate()
        #expect(settings.sampleCap == 2_000 && settings.permutations == 100 && settings.bandwidth == .medianHeuristic)
        #expect(settings.varianceFraction == 0.65 && settings.maxCategories == 20 && settings.bootstrap == 1_000 && settings.bandSigmas == 3)
    }

    @Test func everyKnobIsChecked() {
        let breakers: [(String, (inout MultivariateSettings) -> Void)] = [
            ("sample_cap", { $0.sampleCap = 3 }), ("sample_cap", { $0.sampleCap = 60_000 }),
            ("permutations", { $0.permutations = 0 }), ("bandwidth", { $0.bandwidth = .fixed(-1) }),
            ("variance", { $0.varianceFraction = 1 }), ("max_categories", { $0.maxCategories = 0 }),
            ("bootstrap", { $0.bootstrap = 1 }), ("band_sigmas", { $0.bandSigmas = .nan }),
        ]
        for (name, breaker) in breakers {
            var settings = MultivariateSettings()
            breaker(&settings)
            let error = #expect(throws: MultivariateError.self) { try settings.validate() }
            #expect(error?.description.hasPrefix("\(name): ") == true, "\(name): \(String(describing: error))")
        }
    }
}
