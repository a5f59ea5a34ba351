/// Errors reading tabular input. Each message names the file and, where it applies, the line.
///
/// ```swift
/// do { _ = try CSVTable.load(path: "missing.csv") }
/// catch { print(error) }   // missing.csv: cannot open (No such file or directory)
/// ```
public enum TableError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file could not be opened or read.
    case cannotOpen(path: String, reason: String)
    /// The file has no header row.
    case emptyFile(path: String)
    /// A quoted field runs to the end of the file.
    case unterminatedQuote(path: String, line: Int)
    /// A character other than a separator or line end follows a closing quote.
    case unexpectedCharacterAfterQuote(path: String, line: Int)
    /// A record has a different number of fields than the header.
    case fieldCountMismatch(path: String, line: Int, found: Int, expected: Int)
    /// The header names the same column twice.
    case duplicateColumn(path: String, name: String)
    /// The header has an empty column name.
    case emptyColumnName(path: String, index: Int)
    /// A requested column is not in the file.
    case unknownColumns(path: String, names: [String])

    /// A one-line description naming the file and line.
    public var description: String {
        switch self {
        case let .cannotOpen(path, reason):
            return "\(path): cannot open (\(reason))"
        case let .emptyFile(path):
            return "\(path): empty file, a header row is required"
        case let .unterminatedQuote(path, line):
            return "\(path):\(line): quoted field is not closed before the end of the file"
        case let .unexpectedCharacterAfterQuote(path, line):
            return "\(path):\(line): unexpected character after a closing quote (a quote inside a quoted field is written \"\")"
        case let .fieldCountMismatch(path, line, found, expected):
            return "\(path):\(line): \(found) field\(found == 1 ? "" : "s"), the header has \(expected)"
        case let .duplicateColumn(path, name):
            return "\(path): column \"\(name)\" appears twice in the header"
        case let .emptyColumnName(path, index):
            return "\(path): header column \(index + 1) has an empty name"
        case let .unknownColumns(path, names):
            return "\(path): no column named \(names.map { "\"\($0)\"" }.joined(separator: ", "))"
        }
    }
}
