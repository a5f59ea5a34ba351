import Foundation
import Yams

extension ConfigurationError {
    /// One line for an error of the YAML library, with the file, line and key where it can be
    /// known, instead of the library's multi-line message with the whole file appended.
    ///
    /// A key written twice in one mapping (a block pasted twice) names the second occurrence,
    /// its dotted key path and the line of the first: `churn.yml:7:1: model: duplicate key
    /// (first at line 3)`. Scanner, parser and composer errors keep the library's problem and
    /// position: `churn.yml:2:8: invalid YAML: did not find expected ',' or ']' (while parsing
    /// a flow sequence at line 2, column 8)`.
    ///
    /// - Parameters:
    ///   - error: What `Yams.compose` threw.
    ///   - text: The configuration's text.
    ///   - path: The configuration file, for the message.
    /// - Complexity: O(file size).
    static func yaml(_ error: Error, text: String, path: String) -> ConfigurationError {
        guard let yamlError = error as? YamlError else {
            return ConfigurationError(path: path, location: nil, key: "", message: "invalid YAML: \(oneLine(String(describing: error)))")
        }
        switch yamlError {
        case let .duplicatedKeysInMapping(duplicates, context):
            if let found = firstDuplicateKey(in: text, names: Set(duplicates), path: path) { return found }
            let names = duplicates.sorted().joined(separator: ", ")
            return ConfigurationError(
                path: path, location: "\(context.mark.line):\(context.mark.column)", key: duplicates.sorted().first ?? "",
                message: "duplicate key\(duplicates.count > 1 ? " (also: \(names))" : "")")
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            let while_ = context.map { " (\($0.text) at line \($0.mark.line), column \($0.mark.column))" } ?? ""
            return ConfigurationError(
                path: path, location: "\(mark.line):\(mark.column)", key: "", message: "invalid YAML: \(problem)\(while_)")
        case let .reader(problem, offset, _, _):
            return ConfigurationError(
                path: path, location: nil, key: "",
                message: "invalid YAML: \(problem)\(offset.map { " at byte \($0)" } ?? "")")
        default:
            return ConfigurationError(path: path, location: nil, key: "", message: "invalid YAML: \(oneLine(yamlError.description))")
        }
    }

    /// The first line of a message (the library appends context and the file below it).
    private static func oneLine(_ message: String) -> String {
        message.split(separator: "\n", omittingEmptySubsequences: true).first.map(String.init) ?? message
    }

    /// Finds the second occurrence of a duplicated key, with its key path and the first one's line.
    ///
    /// Yams reports only the duplicated names and the first occurrence. To get the rest, each
    /// key token with one of those names is renamed apart (`name` → `name~~dup~~N`) and the text
    /// composed again: renaming appends to the key only, so every key keeps its line, and its
    /// column up to the markers inserted before it on the same line (``Renaming`` undoes that
    /// shift). The renamed tree is then walked for the first mapping holding two renamed
    /// copies of one name. Returns `nil` when the rewritten text does not compose (a key
    /// spelled in a way the rewrite does not recognise): the caller falls back to Yams' position.
    private static func firstDuplicateKey(in text: String, names: Set<String>, path: String) -> ConfigurationError? {
        var renaming = Renaming(names: names)
        var rewritten = ""
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            rewritten += renaming.rename(line: String(line), number: index + 1) + "\n"
        }
        guard renaming.counter > 1, let root = try? Yams.compose(yaml: rewritten) else { return nil }
        return duplicate(in: root, keyPath: "", path: path, renaming: renaming)
    }

    /// The key renaming of ``firstDuplicateKey(in:names:path:)`` and the columns it shifted.
    private struct Renaming {
        let names: Set<String>
        var counter = 0
        /// Per line, the rewritten columns (1-based) after which a marker was inserted, and its length.
        var insertions: [Int: [(after: Int, length: Int)]] = [:]

        init(names: Set<String>) { self.names = names }

        /// A column of the rewritten text as a column of the original: a key after a renamed
        /// one on the same line (a flow mapping) moved right by the markers before it.
        func originalColumn(line: Int, column: Int) -> Int {
            column - (insertions[line] ?? []).filter { $0.after < column }.reduce(0) { $0 + $1.length }
        }

        /// Renames block keys (`name:` after indentation and optional `- `) and flow keys
        /// (`{name:` or `, name:`) whose name is in `names`.
        mutating func rename(line: String, number: Int) -> String {
            let characters = Array(line)
            var index = 0
            var output = ""
            var outputColumns = 0   // unicode scalars written so far, as libyaml counts columns
            var atKeyStart = true   // at the line start, after "- ", "{" or ","
            func append(_ text: String) {
                output += text
                outputColumns += text.unicodeScalars.count
            }
            while index < characters.count {
                let character = characters[index]
                if character == "#" { append(String(characters[index...])); break }
                if atKeyStart, character != " ", character != "-" || index + 1 < characters.count && characters[index + 1] != " " {
                    atKeyStart = false
                    var end = index
                    while end < characters.count, characters[end] != ":", characters[end] != ",", characters[end] != "}" { end += 1 }
                    let token = String(characters[index..<end]).trimmingCharacters(in: .whitespaces)
                    let isKey = end < characters.count && characters[end] == ":"
                        && (end + 1 == characters.count || characters[end + 1] == " ")
                    if isKey, names.contains(token) {
                        counter += 1
                        let inserted = ConfigurationError.marker + "\(counter)"
                        append(token)
                        insertions[number, default: []].append((after: outputColumns, length: inserted.unicodeScalars.count))
                        append(inserted + String(String(characters[index..<end]).dropFirst(token.count)))
                        index = end
                        continue
                    }
                }
                if character == "{" || character == "," { atKeyStart = true }
                if character == "\"" || character == "'" {
                    // Copy a quoted scalar as it is: its commas and braces are text.
                    var end = index + 1
                    while end < characters.count, characters[end] != character { end += 1 }
                    append(String(characters[index..<min(end + 1, characters.count)]))
                    index = end + 1
                    continue
                }
                append(String(character))
                index += 1
            }
            return output
        }
    }

    /// Appended to a duplicated key's name to tell its occurrences apart (printable, so YAML accepts it).
    fileprivate static let marker = "~~dup~~"

    private static func duplicate(in node: Node, keyPath: String, path: String, renaming: Renaming) -> ConfigurationError? {
        switch node {
        case .mapping(let mapping):
            var first: [String: Node] = [:]
            for (keyNode, _) in mapping {
                guard let raw = keyNode.string else { continue }
                guard let range = raw.range(of: marker) else { continue }
                let name = String(raw[..<range.lowerBound])
                if let earlier = first[name] {
                    let child = keyPath.isEmpty ? name : "\(keyPath).\(name)"
                    let firstLine = earlier.mark.map { " (first at line \($0.line))" } ?? ""
                    let location = keyNode.mark.map { "\($0.line):\(renaming.originalColumn(line: $0.line, column: $0.column))" }
                    return ConfigurationError(path: path, location: location, key: child, message: "duplicate key\(firstLine)")
                }
                first[name] = keyNode
            }
            for (keyNode, value) in mapping {
                let raw = keyNode.string ?? ""
                let name = raw.range(of: marker).map { String(raw[..<$0.lowerBound]) } ?? raw
                if let found = duplicate(in: value, keyPath: keyPath.isEmpty ? name : "\(keyPath).\(name)", path: path, renaming: renaming) {
                    return found
                }
            }
            return nil
        case .sequence(let sequence):
            for (index, item) in sequence.enumerated() {
                if let found = duplicate(in: item, keyPath: "\(keyPath)[\(index)]", path: path, renaming: renaming) { return found }
            }
            return nil
        default:
            return nil
        }
    }
}
