import DriftTestSupport
import Foundation

/// scipy's results for the churn fixtures (`Fixtures/churn/expected_scipy.py`).
func scipyExpectations(_ hour: String) throws -> [String: [String: Any]] {
    let data = try Data(contentsOf: fixtures.appendingPathComponent("churn/expected-scipy.json"))
    let root = try JSONSerialization.jsonObject(with: data) as? [String: Any]
    let features = root?[hour] as? [[String: Any]] ?? []
    var byName: [String: [String: Any]] = [:]
    for feature in features {
        if let name = feature["name"] as? String { byName[name] = feature }
    }
    return byName
}

/// Independent Cramér–von Mises expectations for the churn features with ties
/// (`Fixtures/churn/expected_cvm_ties.py`): scipy's mid-rank statistic is not valid there.
func tiedCramerVonMisesExpectations(_ hour: String) throws -> [String: [String: Any]] {
    let data = try Data(contentsOf: fixtures.appendingPathComponent("churn/expected-cvm-ties.json"))
    let root = try JSONSerialization.jsonObject(with: data) as? [String: Any]
    return root?[hour] as? [String: [String: Any]] ?? [:]
}

/// `|actual - expected| <= max(absolute, relative * |expected|)`.
func close(_ actual: Double?, _ expected: Any?, relative: Double, absolute: Double = 0) -> Bool {
    guard let actual, let expected = (expected as? NSNumber)?.doubleValue else { return false }
    return abs(actual - expected) <= max(absolute, relative * abs(expected))
}

/// A p-value against scipy's at `Fixtures/vectors/README.md`'s rule: `abs 1e-14, rel 1e-9`
/// from 1e-14 up, `rel 1e-6` in [1e-300, 1e-14) (the tiny number must really be produced, so 0
/// fails), `abs 1e-305` below.
func closePValue(_ actual: Double?, _ expected: Any?) -> Bool {
    guard let expectedValue = (expected as? NSNumber)?.doubleValue else { return false }
    if expectedValue >= 1e-14 { return close(actual, expected, relative: 1e-9, absolute: 1e-14) }
    if expectedValue >= 1e-300 { return close(actual, expected, relative: 1e-6) }
    return close(actual, expected, relative: 0, absolute: 1e-305)
}
