/// Whether a column holds numbers or categories.
///
/// A column is ``numeric`` when every non-missing cell, in every file it is read from, parses
/// as a number; otherwise it is ``categorical`` and its cells are compared as text.
public enum ColumnKind: String, Sendable, Hashable, CaseIterable, Codable {
    /// Every non-missing cell is a number.
    case numeric
    /// At least one non-missing cell is not a number.
    case categorical
}
