import DriftTables

/// The checks and per-feature problem messages that every production source shares, so a
/// feature is reported in the same words whatever it was read from.
///
/// ```swift
/// ColumnProblem.missing("Age", in: "predictions", columns: ["ts", "age"])
/// // column "Age" is not in predictions (renamed?); names are case-sensitive and there is "age"
/// ```
enum ColumnProblem {
    /// Rejects an empty or repeated feature name.
    ///
    /// - Throws: ``SourceError/invalidArgument(name:reason:)`` naming the feature.
    /// - Complexity: O(features).
    static func checkNames(_ features: [(name: String, kind: ColumnKind)]) throws {
        var seen: Set<String> = []
        for feature in features {
            guard !feature.name.isEmpty else {
                throw SourceError.invalidArgument(name: "features", reason: "a feature name is empty")
            }
            guard seen.insert(feature.name).inserted else {
                throw SourceError.invalidArgument(name: "features", reason: "\"\(feature.name)\" is listed twice")
            }
        }
    }

    /// The problem of a feature the source does not have: `column "x" is not in T (renamed?)`,
    /// with a hint when only the case differs.
    static func missing(_ name: String, in container: String, columns: [String]) -> String {
        "column \"\(name)\" is not in \(container) (renamed?)\(caseHint(name, columns))"
    }

    /// The problem of a numeric column that held text (nil when it held none):
    /// `N text values in a numeric column, first 'T' at window row R`.
    static func text(in column: ColumnSample) -> String? {
        guard column.textCells > 0 else { return nil }
        var message = "\(column.textCells) text value\(column.textCells == 1 ? "" : "s") in a numeric column"
        if let first = column.firstTextCell {
            message += ", first '\(first.text)' at window row \(first.row)"
        }
        return message
    }

    /// `; names are case-sensitive and there is "Other"` when `names` holds `name` in another
    /// case, else empty.
    static func caseHint(_ name: String, _ names: [String]) -> String {
        guard let other = names.first(where: { $0.lowercased() == name.lowercased() }) else { return "" }
        return "; names are case-sensitive and there is \"\(other)\""
    }
}
