import Foundation
import Testing
@testable import DriftMultivariate

@Suite struct ReconstructionDriftTests {
    let model = try! PCAModel.fit(chainCorrelated(rows: 200, features: 4, rho: 0.8, seed: 1))

    // MARK: Edge cases

    @Test func rejectsBadArguments() throws {
        let production = chainCorrelated(rows: 10, features: 4, rho: 0.8, seed: 2)
        #expect(throws: MultivariateError.self) { try reconstructionDrift(model: model, holdoutErrors: [1], production: production, seed: 1) }
        #expect(throws: MultivariateError.self) { try reconstructionDrift(model: model, holdoutErrors: [1, .nan], production: production, seed: 1) }
        #expect(throws: MultivariateError.self) { try reconstructionDrift(model: model, holdoutErrors: [1, 2], production: production, bootstrap: 1, seed: 1) }
        #expect(throws: MultivariateError.self) { try reconstructionDrift(model: model, holdoutErrors: [1, 2], production: production, sigmas: 0, seed: 1) }
        #expect(throws: MultivariateError.self) {
            try reconstructionDrift(model: model, holdoutErrors: [1, 2], production: Matrix(rows: 0, columns: 4, elements: []), seed: 1)
        }
    }

    // MARK: numpy vectors (bootstrap replayed with the same generator)

    @Test func matchesNumpyVectors() throws {
        let cases = try MultivariateVector.all().filter { $0.kind == "pca" }
        #expect(cases.count >= 2)
        for vector in cases {
            guard case .pca(let expected) = vector.expected, let reference = vector.reference, let production = vector.production,
                  let fraction = vector.variance_fraction, let bootstrap = vector.bootstrap, let sigmas = vector.sigmas else {
                Issue.record("\(vector.id): malformed case")
                continue
            }
            let encoded = try Matrix(rowArrays: reference)
            let model = try PCAModel.fit(encoded.selectingRows(stride(from: 0, to: encoded.rows, by: 2)), varianceFraction: fraction)
            let holdout = try model.reconstructionErrors(encoded.selectingRows(stride(from: 1, to: encoded.rows, by: 2)))
            let drift = try reconstructionDrift(
                model: model, holdoutErrors: holdout, production: Matrix(rowArrays: production),
                bootstrap: bootstrap, sigmas: sigmas, seed: vector.seed)
            #expect(drift.chunkRows == expected.chunk_rows, "\(vector.id)")
            #expect(drift.components == expected.components, "\(vector.id)")
            for (name, actual, wanted) in [("error", drift.error, expected.error), ("centre", drift.referenceError, expected.holdout_mean_error),
                                           ("lower", drift.lower, expected.lower), ("upper", drift.upper, expected.upper)] {
                #expect(isClose(actual, wanted, relative: 1e-9), "\(vector.id): \(name) \(actual) vs \(wanted)")
            }
            #expect(drift.isDrifted == (expected.error < expected.lower || expected.error > expected.upper), "\(vector.id)")
        }
    }

    // MARK: Independent checks

    @Test func chunkSizeCombinesBothSampleSizes() throws {
        let holdout = [Double](repeating: 1, count: 100)
        for (rows, chunk) in [(1, 1), (100, 50), (300, 75), (10_000, 99)] {
            let production = chainCorrelated(rows: rows, features: 4, rho: 0.8, seed: 3)
            #expect(try reconstructionDrift(model: model, holdoutErrors: holdout, production: production, seed: 1).chunkRows == chunk)
        }
        // Constant held-out errors: a band of zero width at that value.
        let flat = try reconstructionDrift(model: model, holdoutErrors: holdout, production: chainCorrelated(rows: 5, features: 4, rho: 0.8, seed: 3), seed: 1)
        #expect(flat.lower == 1 && flat.upper == 1)
    }

    /// Unchanged data stays inside the band (3 σ: about 0.3 % outside); over 40 independent
    /// reference/production pairs at most two may fall outside.
    @Test func unchangedDataStaysInsideTheBand() throws {
        var outside = 0
        for seed in 0..<40 {
            let reference = try MultivariateReference.fit(
                sample: sample(chainCorrelated(rows: 400, features: 5, rho: 0.7, seed: UInt64(100 + 2 * seed))),
                settings: MultivariateSettings())
            let production = chainCorrelated(rows: 300, features: 5, rho: 0.7, seed: UInt64(101 + 2 * seed))
            let drift = try reconstructionDrift(
                model: reference.model, holdoutErrors: reference.holdoutErrors(), production: production, seed: UInt64(seed))
            if drift.isDrifted { outside += 1 }
        }
        #expect(outside <= 2, "\(outside) of 40 unchanged windows outside the band")
    }

    /// The correlation-only shift of the issue: marginals identical, dependence gone.
    @Test func correlationOnlyShiftLeavesTheBand() throws {
        let reference = try MultivariateReference.fit(
            sample: sample(chainCorrelated(rows: 1_000, features: 5, rho: 0.8, seed: 21)), settings: MultivariateSettings())
        let production = shuffledColumns(chainCorrelated(rows: 500, features: 5, rho: 0.8, seed: 22), seed: 23)
        let drift = try reconstructionDrift(
            model: reference.model, holdoutErrors: reference.holdoutErrors(), production: production, seed: 4)
        #expect(drift.isDrifted && drift.error > drift.upper, "error \(drift.error), band [\(drift.lower), \(drift.upper)]")
    }
}

/// A numeric sample `x0, x1, …` holding the rows of `matrix`.
func sample(_ matrix: Matrix) throws -> MultivariateSample {
    try MultivariateSample(
        names: (0..<matrix.columns).map { "x\($0)" },
        columns: (0..<matrix.columns).map { column in .numeric((0..<matrix.rows).map { matrix[$0, column] }) },
        completeRows: matrix.rows, droppedRows: 0)
}
