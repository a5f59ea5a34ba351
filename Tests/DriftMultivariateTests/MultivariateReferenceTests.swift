import Testing
@testable import DriftMultivariate

@Suite struct MultivariateReferenceTests {
    @Test func needsFourRowsAndValidSettings() throws {
        let three = try sample(chainCorrelated(rows: 3, features: 2, rho: 0.5, seed: 1))
        #expect(throws: MultivariateError.tooFewRows(sample: "reference", rows: 3, needed: 4)) {
            try MultivariateReference.fit(sample: three, settings: MultivariateSettings())
        }
        var settings = MultivariateSettings()
        settings.varianceFraction = 1
        #expect(throws: MultivariateError.self) {
            try MultivariateReference.fit(sample: sample(chainCorrelated(rows: 10, features: 2, rho: 0.5, seed: 1)), settings: settings)
        }
    }

    /// The model is fitted on the even rows only: refitting on them by hand gives it back, and
    /// the held-out errors are those of the odd rows.
    @Test func fitsOnEvenRowsAndHoldsOutOddRows() throws {
        let data = chainCorrelated(rows: 101, features: 3, rho: 0.6, seed: 2)
        let reference = try MultivariateReference.fit(sample: sample(data), settings: MultivariateSettings())
        let even = try PCAModel.fit(data.selectingRows(stride(from: 0, to: 101, by: 2)), varianceFraction: 0.65)
        #expect(reference.model == even)
        #expect(try reference.holdoutErrors() == even.reconstructionErrors(data.selectingRows(stride(from: 1, to: 101, by: 2))))
        #expect(try reference.holdoutErrors().count == 50)
    }

    @Test func partsMustFitTogether() throws {
        let reference = try MultivariateReference.fit(
            sample: sample(chainCorrelated(rows: 20, features: 3, rho: 0.6, seed: 2)), settings: MultivariateSettings())
        let other = try PCAModel.fit(chainCorrelated(rows: 20, features: 2, rho: 0.6, seed: 2))
        #expect(throws: MultivariateError.self) {
            try MultivariateReference(sample: reference.sample, encoding: reference.encoding, model: other)
        }
        #expect(try MultivariateReference(sample: reference.sample, encoding: reference.encoding, model: reference.model) == reference)
    }
}
