import Foundation
import Testing
@testable import DriftMultivariate

@Suite struct PCAModelTests {
    // MARK: Edge cases

    @Test func rejectsTooFewRowsBadFractionAndNoVariance() throws {
        #expect(throws: MultivariateError.tooFewRows(sample: "reference", rows: 1, needed: 2)) {
            try PCAModel.fit(Matrix(rowArrays: [[1, 2]]))
        }
        let two = try Matrix(rowArrays: [[1, 2], [3, 5]])
        for fraction in [0.0, 1.0, -0.1, .nan] {
            #expect(throws: MultivariateError.self) { try PCAModel.fit(two, varianceFraction: fraction) }
        }
        #expect(throws: MultivariateError.noVariance(sample: "reference")) {
            try PCAModel.fit(Matrix(rowArrays: [[1, 2], [1, 2], [1, 2]]))
        }
        var infinite = two
        infinite[0, 1] = .infinity
        #expect(throws: MultivariateError.self) { try PCAModel.fit(infinite) }
    }

    @Test func reconstructionRejectsOtherColumnCountsAndNonFinite() throws {
        let model = try PCAModel.fit(chainCorrelated(rows: 50, features: 3, rho: 0.7, seed: 1))
        #expect(throws: MultivariateError.self) { try model.reconstructionErrors(Matrix(rowArrays: [[1, 2]])) }
        #expect(throws: MultivariateError.self) { try model.reconstructionErrors(Matrix(rowArrays: [[1, .nan, 2]])) }
    }

    @Test func partsInitializerChecksSizes() throws {
        let standardization = try Standardization(means: [0, 0], scales: [1, 1])
        #expect(throws: MultivariateError.self) {
            try PCAModel(standardization: standardization, components: Matrix(rowArrays: [[1, 0, 0]]), explainedVarianceRatio: [1, 0])
        }
        let model = try PCAModel(standardization: standardization, components: Matrix(rowArrays: [[1, 0]]), explainedVarianceRatio: [0.7, 0.3])
        #expect(model.componentCount == 1)
    }

    // MARK: numpy vectors (SVD of the standardized fit rows)

    @Test func matchesNumpyVectors() throws {
        let cases = try MultivariateVector.all().filter { $0.kind == "pca" }
        #expect(cases.count >= 2)
        for vector in cases {
            guard case .pca(let expected) = vector.expected, let reference = vector.reference,
                  let production = vector.production, let fraction = vector.variance_fraction else {
                Issue.record("\(vector.id): malformed case")
                continue
            }
            let encoded = try Matrix(rowArrays: reference)
            let model = try PCAModel.fit(encoded.selectingRows(stride(from: 0, to: encoded.rows, by: 2)), varianceFraction: fraction)
            #expect(model.componentCount == expected.components, "\(vector.id)")
            for (actual, wanted) in zip(model.explainedVarianceRatio, expected.explained_variance_ratio) {
                #expect(isClose(actual, wanted, absolute: 1e-12, relative: 1e-9), "\(vector.id): ratio \(actual) vs \(wanted)")
            }
            for (actual, wanted) in zip(model.standardization.means + model.standardization.scales, expected.means + expected.scales) {
                #expect(isClose(actual, wanted, absolute: 1e-13, relative: 1e-12), "\(vector.id): \(actual) vs \(wanted)")
            }
            let errors = try model.reconstructionErrors(Matrix(rowArrays: production))
            for (actual, wanted) in zip(errors.prefix(5), expected.production_errors_head) {
                #expect(isClose(actual, wanted, relative: 1e-9), "\(vector.id): error \(actual) vs \(wanted)")
            }
            let mean = errors.reduce(0, +) / Double(errors.count)
            #expect(isClose(mean, expected.error, relative: 1e-9), "\(vector.id): mean error \(mean) vs \(expected.error)")
        }
    }

    // MARK: Independent checks

    @Test func componentsAreOrthonormalAndSigned() throws {
        let model = try PCAModel.fit(chainCorrelated(rows: 300, features: 6, rho: 0.6, seed: 4), varianceFraction: 0.9)
        #expect(model.componentCount >= 2)
        for a in 0..<model.componentCount {
            var largest = 0.0
            for j in 0..<6 where abs(model.components[a, j]) > abs(largest) { largest = model.components[a, j] }
            #expect(largest > 0)
            for b in 0..<model.componentCount {
                let dot = (0..<6).reduce(0.0) { $0 + model.components[a, $1] * model.components[b, $1] }
                #expect(isClose(dot, a == b ? 1 : 0, absolute: 1e-12), "⟨c\(a), c\(b)⟩ = \(dot)")
            }
        }
        #expect(isClose(model.explainedVarianceRatio.reduce(0, +), 1, absolute: 1e-12))
        #expect(zip(model.explainedVarianceRatio, model.explainedVarianceRatio.dropFirst()).allSatisfy { $0 >= $1 })
    }

    /// Rows in the span of the components reconstruct exactly; a row along the discarded
    /// direction loses all of its (standardized) length.
    @Test func reconstructionErrorIsTheDistanceToTheSubspace() throws {
        // Two perfectly correlated features plus tiny noise: one component explains > 99 %.
        var normal = NormalStream(seed: 3)
        var rows: [[Double]] = []
        for _ in 0..<400 {
            let t = normal.next()
            rows.append([t, t + 1e-3 * normal.next()])
        }
        let model = try PCAModel.fit(Matrix(rowArrays: rows), varianceFraction: 0.65)
        #expect(model.componentCount == 1)
        let s = model.standardization
        // Along the component: standardized (a, a); across it: (a, −a) at distance a·√2.
        let along = try Matrix(rowArrays: [[s.means[0] + 2 * s.scales[0], s.means[1] + 2 * s.scales[1]]])
        let across = try Matrix(rowArrays: [[s.means[0] + 2 * s.scales[0], s.means[1] - 2 * s.scales[1]]])
        #expect(try model.reconstructionErrors(along)[0] < 1e-3)
        #expect(isClose(try model.reconstructionErrors(across)[0], 2 * 2.0.squareRoot(), relative: 1e-3))
    }

    /// The rule is scikit-learn's: the fewest components whose cumulative share *exceeds* the
    /// fraction.
    @Test func componentCountFollowsTheCumulativeShare() throws {
        let data = chainCorrelated(rows: 500, features: 8, rho: 0.5, seed: 9)
        for fraction in [0.1, 0.3, 0.5, 0.65, 0.8, 0.95, 0.999] {
            let model = try PCAModel.fit(data, varianceFraction: fraction)
            let ratios = model.explainedVarianceRatio
            let kept = ratios.prefix(model.componentCount).reduce(0, +)
            let fewer = ratios.prefix(model.componentCount - 1).reduce(0, +)
            #expect(kept > fraction && fewer <= fraction, "fraction \(fraction): k \(model.componentCount)")
        }
    }
}
