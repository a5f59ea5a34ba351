import DriftTestSupport
import Foundation
import Testing
@testable import DriftProfiles

@Suite struct ReferenceProfileRestrictionTests {
    private typealias Support = BuilderTestSupport

    @Test func keepsTheNamedFeaturesInProfileOrderAndRefitsTheSameRows() throws {
        let profile = try ProfileBuilder.fromCSV(path: Support.churnReference, model: "churn")
        let full = try #require(profile.multivariate)
        let restricted = try profile.restricted(to: ["contract", "age"])
        #expect(restricted.features.map(\.name) == ["age", "contract"])
        #expect(restricted.features == profile.features.filter { ["age", "contract"].contains($0.name) })
        #expect(restricted.model == profile.model && restricted.version == profile.version && restricted.source == profile.source)
        let reference = try #require(restricted.multivariate)
        #expect(reference.sample.names == ["age", "contract"])
        #expect(reference.sample.rowCount == full.sample.rowCount)
        #expect(restricted.multivariateProblem == nil)
    }

    @Test func unknownNamesAreOneError() throws {
        let profile = try ProfileBuilder.fromCSV(path: Support.churnReference, model: "churn")
        let error = ProfileError.unknownFeatures(model: "churn", version: 0, names: ["Age", "nope"])
        #expect(throws: error) { try profile.restricted(to: ["age", "Age", "nope"]) }
        #expect(error.description == "profile \"churn\" version 0 has no feature named Age, nope")
    }

    @Test func aFailedRefitBecomesTheProblemWithTheNote() throws {
        let rows = (0..<20).map { "\($0),1" }.joined(separator: "\n")
        let profile = try ProfileBuilder.fromCSV(path: try temporaryFile("x,constant\n" + rows + "\n"), model: "m")
        #expect(profile.multivariate != nil)
        let plain = try profile.restricted(to: ["constant"])
        #expect(plain.multivariate == nil)
        let problem = try #require(plain.multivariateProblem)
        #expect(problem.hasSuffix(" (restricted to constant)"))
        let noted = try profile.restricted(to: ["constant"], refitNote: "with --columns constant")
        #expect(noted.multivariateProblem == problem.replacingOccurrences(of: "(restricted to constant)", with: "(with --columns constant)"))
    }

    @Test func aProfileWithoutAReferenceKeepsItsProblem() throws {
        var settings = ProfileSettings()
        settings.multivariate = false
        let profile = try ProfileBuilder.fromCSV(path: Support.churnReference, model: "churn", settings: settings)
        let restricted = try profile.restricted(to: ["age"])
        #expect(restricted.multivariate == nil && restricted.multivariateProblem == ReferenceProfile.multivariateDisabled)
    }
}
