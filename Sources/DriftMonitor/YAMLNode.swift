import Foundation
import Yams

/// A YAML node together with its key path, so every error names the file, line and key.
struct YAMLNode {
    let node: Node
    let key: String
    let path: String

    var location: String? { node.mark.map { "\($0.line):\($0.column)" } }

    func error(_ message: String) -> ConfigurationError {
        ConfigurationError(path: path, location: location, key: key, message: message)
    }

    /// The members of a mapping, rejecting keys outside `allowed`.
    func mapping(allowed: [String]) throws -> [String: YAMLNode] {
        guard case .mapping(let mapping) = node else { throw error("expected a mapping") }
        var members: [String: YAMLNode] = [:]
        for (keyNode, value) in mapping {
            guard let name = keyNode.string else { throw error("keys must be strings") }
            let child = YAMLNode(node: value, key: key.isEmpty ? name : "\(key).\(name)", path: path)
            guard allowed.contains(name) else {
                throw ConfigurationError(
                    path: path, location: keyNode.mark.map { "\($0.line):\($0.column)" }, key: child.key,
                    message: "unknown key (expected one of: \(allowed.joined(separator: ", ")))")
            }
            guard members[name] == nil else { throw child.error("duplicate key") }
            members[name] = child
        }
        return members
    }

    func string() throws -> String {
        guard case .scalar(let scalar) = node else { throw error("expected a string") }
        return scalar.string
    }

    func nonEmptyString() throws -> String {
        let text = try string()
        guard !text.trimmingCharacters(in: .whitespaces).isEmpty else { throw error("must not be empty") }
        return text
    }

    func double() throws -> Double {
        guard case .scalar = node, let value = node.float, value.isFinite else { throw error("expected a number") }
        return value
    }

    func int() throws -> Int {
        guard case .scalar = node, let value = node.int else { throw error("expected a whole number") }
        return value
    }

    func bool() throws -> Bool {
        guard case .scalar = node, let value = node.bool else { throw error("expected true or false") }
        return value
    }

    func sequence() throws -> [YAMLNode] {
        guard case .sequence(let sequence) = node else { throw error("expected a list") }
        return sequence.enumerated().map { index, item in
            YAMLNode(node: item, key: "\(key)[\(index)]", path: path)
        }
    }

    func url() throws -> URL {
        let text = try nonEmptyString()
        guard let url = URL(string: text), let scheme = url.scheme, ["http", "https"].contains(scheme), url.host != nil else {
            throw error("\"\(text)\" is not an http(s) URL")
        }
        return url
    }
}
