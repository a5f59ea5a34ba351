import DriftMultivariate

extension MultivariateReport {
    /// The `"multivariate"` member of the `compare` JSON:
    ///
    /// ```json
    /// {"features": ["age", "plan"], "encoded_columns": 4,
    ///  "rows": {"reference": 2000, "production": 2000},
    ///  "dropped_rows": {"reference": 0, "production": 12},
    ///  "mmd": {"statistic": 0.0123, "p_value": 0.0099, "permutations": 100, "bandwidth": 2.41, "drifted": true},
    ///  "pca_reconstruction": {"error": 1.31, "lower": 1.02, "upper": 1.18, "components": 3, "drifted": true},
    ///  "drifted": true}
    /// ```
    ///
    /// A test that could not run is `{"error": "…"}` in its place; when neither could, the
    /// whole member is `{"error": "…"}`.
    ///
    /// - Complexity: O(features).
    public func json() -> JSONValue {
        let comparison: MultivariateComparison
        switch testResult {
        case .unavailable(let reason): return .object([("error", .string(reason))])
        case .compared(let compared): comparison = compared
        }
        let mmdJSON: JSONValue
        switch comparison.mmd {
        case .success(let mmd):
            mmdJSON = .object([
                ("statistic", .double(mmd.statistic)),
                ("p_value", .double(mmd.pValue)),
                ("permutations", .int(mmd.permutations)),
                ("bandwidth", .double(mmd.bandwidth)),
                ("drifted", .bool(mmdDrifted)),
            ])
        case .failure(let error):
            mmdJSON = .object([("error", .string(error.description))])
        }
        let pcaJSON: JSONValue
        switch comparison.reconstruction {
        case .success(let drift):
            pcaJSON = .object([
                ("error", .double(drift.error)),
                ("lower", .double(drift.lower)),
                ("upper", .double(drift.upper)),
                ("components", .int(drift.components)),
                ("reference_error", .double(drift.referenceError)),
                ("drifted", .bool(drift.isDrifted)),
            ])
        case .failure(let error):
            pcaJSON = .object([("error", .string(error.description))])
        }
        return .object([
            ("features", .array(comparison.features.map { .string($0) })),
            ("encoded_columns", .int(comparison.encodedColumns)),
            ("rows", .object([("reference", .int(comparison.referenceRows)), ("production", .int(comparison.productionRows))])),
            ("dropped_rows", .object([
                ("reference", referenceDroppedRows.map { .int($0) } ?? .null),
                ("production", .int(comparison.productionDroppedRows)),
            ])),
            ("mmd", mmdJSON),
            ("pca_reconstruction", pcaJSON),
            ("drifted", .bool(drifted)),
        ])
    }
}
