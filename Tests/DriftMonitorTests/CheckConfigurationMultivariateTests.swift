import DriftMonitor
import DriftMultivariate
import Foundation
import Testing

@Suite("CheckConfiguration: multivariate")
struct CheckConfigurationMultivariateTests {
    func load(_ yaml: String) throws -> CheckConfiguration { try loadMinimal(plus: yaml) }

    func loadError(_ yaml: String) throws -> String { try loadMinimalError(plus: yaml) }

    @Test("bad values name the key")
    func badValues() throws {
        #expect(try loadError("multivariate: maybe").contains("multivariate: expected true or false"))
        #expect(try loadError("multivariate: {permutations: 0}").contains("multivariate.permutations: 0 is below 1"))
        #expect(try loadError("multivariate: {bandwidth: wide}").contains("multivariate.bandwidth: must be median or a number above 0"))
        #expect(try loadError("multivariate: {sample_cap: 3}").contains("multivariate.sample_cap: 3 is below 4 (the PCA fit needs 4 complete rows)"))
        #expect(try loadError("multivariate: {sample_cap: 50001}").contains("multivariate.sample_cap: 50001 is above 50000"))
        #expect(try loadError("multivariate: {bootstrap: 1}").contains("multivariate.bootstrap: 1 is below 2"))
        #expect(try loadError("multivariate: {band_sigmas: 0}").contains("multivariate.band_sigmas: 0.0 is not above 0"))
        #expect(try loadError("multivariate: {seed: -1}").contains("multivariate.seed: must be at least 0"))
        #expect(try loadError("multivariate: {permutatons: 5}").contains("multivariate.permutatons: unknown key"))
    }

    @Test("on by default with the documented knobs; off with false or enabled: false; every key read")
    func values() throws {
        let defaults = try load("")
        #expect(defaults.multivariate == MultivariateSettings())
        #expect(defaults.seed == 0x5EED)
        #expect(try load("multivariate: false").multivariate == nil)
        #expect(try load("multivariate: {enabled: false}").multivariate == nil)
        #expect(try load("multivariate: true").multivariate == MultivariateSettings())
        let custom = try load("""
            multivariate:
              permutations: 500
              bandwidth: 1.5
              sample_cap: 1000
              bootstrap: 200
              band_sigmas: 4
              seed: 7
            """)
        var expected = MultivariateSettings()
        expected.permutations = 500
        expected.bandwidth = .fixed(1.5)
        expected.sampleCap = 1_000
        expected.bootstrap = 200
        expected.bandSigmas = 4
        #expect(custom.multivariate == expected)
        #expect(custom.seed == 7)
    }
}
