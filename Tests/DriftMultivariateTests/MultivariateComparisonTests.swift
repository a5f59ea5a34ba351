import Testing
@testable import DriftMultivariate

@Suite struct MultivariateComparisonTests {
    @Test func oneTestFailingDoesNotHideTheOther() throws {
        let reference = try MultivariateReference.fit(
            sample: sample(chainCorrelated(rows: 40, features: 3, rho: 0.6, seed: 1)), settings: MultivariateSettings())
        // One production row: MMD needs two, the reconstruction error does not.
        let one = try sample(chainCorrelated(rows: 1, features: 3, rho: 0.6, seed: 2))
        let comparison = compareMultivariate(reference: reference, production: one, settings: MultivariateSettings(), seed: 1)
        #expect(comparison.mmd == .failure(.tooFewRows(sample: "production", rows: 1, needed: 2)))
        guard case .success(let drift) = comparison.reconstruction else {
            Issue.record("reconstruction failed: \(comparison.reconstruction)")
            return
        }
        #expect(drift.chunkRows == 1)
        #expect(comparison.referenceRows == 40 && comparison.productionRows == 1 && comparison.encodedColumns == 3)
    }

    @Test func mismatchedFeaturesFailBothWithTheReason() throws {
        let reference = try MultivariateReference.fit(
            sample: sample(chainCorrelated(rows: 40, features: 3, rho: 0.6, seed: 1)), settings: MultivariateSettings())
        let other = try sample(chainCorrelated(rows: 10, features: 2, rho: 0.6, seed: 2))
        let comparison = compareMultivariate(reference: reference, production: other, settings: MultivariateSettings(), seed: 1)
        guard case .failure(let error) = comparison.mmd, case .failure(let same) = comparison.reconstruction else {
            Issue.record("expected failures")
            return
        }
        #expect(error == same)
        #expect(error.description.hasPrefix("features do not match the reference"))
    }

    /// With categorical features: a new category mix moves both tests.
    @Test func categoricalShiftIsDetected() throws {
        func mixed(rows: Int, premiumShare: Double, seed: UInt64) throws -> MultivariateSample {
            var normal = NormalStream(seed: seed)
            var builder = MultivariateSampleBuilder(features: [("spend", false), ("plan", true)], capacity: 2_000, seed: seed)
            for _ in 0..<rows {
                let premium = (normal.next() + 3) / 6 < premiumShare
                let spend = normal.next() + (premium ? 1 : 0)
                builder.addRow { $0 == 0 ? .number(spend) : .category(premium ? "premium" : "basic") }
            }
            return builder.build()
        }
        let reference = try MultivariateReference.fit(sample: mixed(rows: 1_000, premiumShare: 0.3, seed: 1), settings: MultivariateSettings())
        let same = compareMultivariate(reference: reference, production: try mixed(rows: 500, premiumShare: 0.3, seed: 2), settings: MultivariateSettings(), seed: 3)
        let moved = compareMultivariate(reference: reference, production: try mixed(rows: 500, premiumShare: 0.7, seed: 4), settings: MultivariateSettings(), seed: 3)
        #expect(try same.mmd.get().pValue > 0.01)
        #expect(try moved.mmd.get().pValue < 0.01)
        #expect(reference.encoding.columnNames == ["spend", "plan=basic", "plan=premium", "plan=__other__"])
    }
}
