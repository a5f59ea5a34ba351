import DriftTestSupport
import Foundation
@testable import DriftMultivariate

/// One case of `Fixtures/multivariate/vectors.json` (made by `make_vectors.py` with numpy).
struct MultivariateVector: Decodable {
    struct MMDExpected: Decodable {
        let statistic: Double
        let p_value: Double
        let bandwidth: Double
        let min_gap_to_permuted: Double
        /// The p-value when every permuted statistic within 1e-12 of the observed one counts
        /// below it, and when every one counts at or above it: the exact range rounding allows.
        let p_value_min: Double
        let p_value_max: Double
    }
    struct PCAExpected: Decodable {
        let components: Int
        let explained_variance_ratio: [Double]
        let means: [Double]
        let scales: [Double]
        let holdout_mean_error: Double
        let error: Double
        let lower: Double
        let upper: Double
        let chunk_rows: Int
        let production_errors_head: [Double]
    }
    let id: String
    let kind: String
    // MMD cases
    let permutations: Int?
    let seed: UInt64
    let bandwidth: Double?
    let x: [[Double]]?
    let y: [[Double]]?
    // PCA cases
    let variance_fraction: Double?
    let bootstrap: Int?
    let sigmas: Double?
    let reference: [[Double]]?
    let production: [[Double]]?
    let expected: Expected

    enum Expected: Decodable {
        case mmd(MMDExpected)
        case pca(PCAExpected)

        init(from decoder: any Decoder) throws {
            if let mmd = try? MMDExpected(from: decoder) { self = .mmd(mmd) } else { self = .pca(try PCAExpected(from: decoder)) }
        }
    }

    static func all() throws -> [MultivariateVector] {
        struct File: Decodable { let cases: [MultivariateVector] }
        let url = fixtures.appendingPathComponent("multivariate/vectors.json")
        return try JSONDecoder().decode(File.self, from: Data(contentsOf: url)).cases
    }
}

/// `|actual − expected| ≤ absolute + relative · |expected|`.
func isClose(_ actual: Double, _ expected: Double, absolute: Double = 0, relative: Double = 0) -> Bool {
    abs(actual - expected) <= absolute + relative * abs(expected)
}

/// A deterministic standard normal stream (Box–Muller on SplitMix64), for generated test data.
struct NormalStream {
    var generator: DriftStatistics.SplitMix64
    init(seed: UInt64) { generator = .init(seed: seed) }
    mutating func next() -> Double {
        let u = generator.nextOpenUnit(), v = generator.nextOpenUnit()
        return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
    }
}

import DriftStatistics

/// `rows` rows of `d` standard normal features where feature j+1 = ρ·feature j + √(1−ρ²)·noise
/// (every marginal N(0, 1), neighbours correlated ρ).
func chainCorrelated(rows: Int, features d: Int, rho: Double, seed: UInt64) -> Matrix {
    var normal = NormalStream(seed: seed)
    var elements: [Double] = []
    elements.reserveCapacity(rows * d)
    for _ in 0..<rows {
        var previous = normal.next()
        elements.append(previous)
        for _ in 1..<d {
            previous = rho * previous + (1 - rho * rho).squareRoot() * normal.next()
            elements.append(previous)
        }
    }
    return Matrix(rows: rows, columns: d, unchecked: elements)
}

/// Each column of `matrix` shuffled on its own: every marginal keeps exactly its values, every
/// dependence between columns is destroyed.
func shuffledColumns(_ matrix: Matrix, seed: UInt64) -> Matrix {
    var generator = DriftStatistics.SplitMix64(seed: seed)
    var result = matrix
    for column in 0..<matrix.columns {
        var values = (0..<matrix.rows).map { matrix[$0, column] }
        values.shuffle(using: &generator)
        for row in 0..<matrix.rows { result[row, column] = values[row] }
    }
    return result
}
