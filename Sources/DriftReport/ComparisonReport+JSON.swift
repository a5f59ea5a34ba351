import DriftStatistics
import DriftTables

extension ComparisonReport {
    /// The report as the JSON document `driftwatch compare --format json` prints.
    ///
    /// Keys are snake_case; every double has full round-trip precision; NaN or infinity
    /// becomes `null`. A test that could not run is `{"error": "…"}` in that test's place; a
    /// part of a test that is undefined while the rest is not (the normalized Wasserstein
    /// distance of a constant reference) is `null` with a `…_error` member beside it. A feature
    /// decided by another test than its kind's default has `"deciding_test"`; one that was not
    /// tested has `"status"` (`insufficient_samples`, `failed`) and `"reason"`.
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
            members.append(("wasserstein", wasserstein.json { result in
                var members: [(String, JSONValue)] = [
                    ("distance", .double(result.distance)),
                    ("normalized", result.normalized.map { .double($0) } ?? .null),
                ]
                if let reason = result.normalizedUnavailableReason { members.append(("normalized_error", .string(reason))) }
                return .object(members)
            }))
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
        // Only what differs from the defaults, so default documents keep their shape.
        if decidingTest != .default(for: kind) { members.append(("deciding_test", .string(decidingTest.rawValue))) }
        if status != .tested {
            members.append(("status", .string(status.rawValue)))
            members.append(("reason", statusReason.map { .string($0) } ?? .null))
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
