import DriftStatistics
import DriftTables

extension DriftReport {
    /// The report as the JSON document `driftwatch compare --format json` prints.
    ///
    /// Keys are snake_case; every double has full round-trip precision; NaN or infinity
    /// becomes `null`. A test that could not run is `{"error": "…"}` in that test's place.
    /// With the multivariate tests on, a `"multivariate"` member follows the features (see
    /// ``MultivariateReport/json()``).
    ///
    /// ```swift
    /// print(report.json().rendered(indent: 2))
    /// ```
    ///
    /// - Complexity: O(features).
    public func json() -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("alpha", .double(alpha)),
            ("features", .array(features.map { $0.json(correction: correction) })),
        ]
        if let multivariate { members.append(("multivariate", multivariate.json())) }
        return .object(members)
    }
}

extension FeatureReport {
    func json(correction: PValueCorrection) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("name", .string(name)),
            ("kind", .string(kind.rawValue)),
            ("reference_count", .int(referenceCount)),
            ("production_count", .int(productionCount)),
            ("missing", .object([
                ("reference", .int(referenceMissing.total)),
                ("production", .int(productionMissing.total)),
            ])),
        ]
        if let ks = kolmogorovSmirnov {
            members.append(("ks", ks.json { .object([
                ("statistic", .double($0.statistic)),
                ("p_value", .double($0.pValue)),
                ("method", .string($0.method == .exact ? "exact" : "asymptotic")),
            ]) }))
        }
        if let cvm = cramerVonMises {
            members.append(("cramer_von_mises", cvm.json { result in
                var fields: [(String, JSONValue)] = [
                    ("statistic", .double(result.statistic)),
                    ("p_value", .double(result.pValue)),
                    ("method", .string(result.method.rawValue)),
                ]
                if let permutations = result.permutations { fields.append(("permutations", .int(permutations))) }
                return .object(fields)
            }))
        }
        if let wasserstein {
            members.append(("wasserstein", wasserstein.json { .object([
                ("distance", .double($0.distance)),
                ("normalized", .double($0.normalized)),
            ]) }))
        }
        if let chiSquare {
            members.append(("chi_square", chiSquare.json { .object([
                ("statistic", .double($0.statistic)),
                ("p_value", .double($0.pValue)),
                ("dof", .int($0.degreesOfFreedom)),
            ]) }))
        }
        if let jensenShannon {
            members.append(("jensen_shannon", jensenShannon.json { .object([("distance", .double($0))]) }))
        }
        members.append(("psi", psi.json { .object([
            ("value", .double($0.value)),
            ("bins", .int($0.bins)),
        ]) }))
        if correction != .none {
            members.append(("p_value_adjusted", pValueAdjusted.map { .double($0) } ?? .null))
        }
        members.append(("drifted", .bool(drifted)))
        return .object(members)
    }
}

extension TestOutcome {
    func json(_ render: (Value) -> JSONValue) -> JSONValue {
        switch self {
        case .value(let value): return render(value)
        case .failed(let message): return .object([("error", .string(message))])
        }
    }
}
