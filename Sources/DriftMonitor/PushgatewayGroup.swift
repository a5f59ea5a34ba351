import Foundation

/// A Pushgateway grouping key, `job=<job>, model=<model>`, and its URL path
/// `/metrics/job/<job>/model/<model>`. Each run of a model replaces this one group.
///
/// Values made only of `A–Z a–z 0–9 - _ ~` and dots (but not `.` or `..`) go into the path as
/// they are; any other value (a `/`, a space, non-ASCII, an empty string) is base64url-encoded
/// and its label name suffixed with `@base64`, as the Pushgateway requires (`%2F` is rejected).
///
/// ```swift
/// let group = try PushgatewayGroup(job: "driftwatch", model: "churn/eu")
/// group.path  // "/metrics/job/driftwatch/model@base64/Y2h1cm4vZXU"
/// ```
public struct PushgatewayGroup: Sendable, Hashable {
    /// The `job` label.
    public let job: String
    /// The `model` label.
    public let model: String

    /// Creates the grouping key of `model`'s runs under `job`.
    ///
    /// - Parameters:
    ///   - job: The `job` label; must not be empty (the Pushgateway needs a job).
    ///   - model: The `model` label.
    /// - Throws: ``DeliveryError/invalidRequest(_:)`` when `job` is empty.
    /// - Complexity: O(1).
    public init(job: String, model: String) throws {
        guard !job.isEmpty else { throw DeliveryError.invalidRequest("the Pushgateway job name is empty") }
        self.job = job
        self.model = model
    }

    /// The URL path of the group, starting with `/metrics/job/`.
    ///
    /// - Complexity: O(length of the labels).
    public var path: String { "/metrics" + Self.segment("job", job) + Self.segment("model", model) }

    /// The group's URL under a Pushgateway base URL (which may carry a path prefix, e.g. behind a
    /// proxy: `http://gateway.internal/pushgateway`).
    ///
    /// - Parameter base: The Pushgateway's base URL.
    /// - Returns: `base` + ``path``.
    /// - Throws: ``DeliveryError/invalidRequest(_:)`` when the result is not a valid http(s) URL.
    /// - Complexity: O(length of the URL).
    public func url(under base: URL) throws -> URL {
        try Self.join(base, path)
    }

    /// Joins a base URL and an absolute path, rejecting anything but http(s) URLs with a host.
    static func join(_ base: URL, _ path: String) throws -> URL {
        var text = base.absoluteString
        while text.hasSuffix("/") { text.removeLast() }
        guard let url = URL(string: text + path), let scheme = url.scheme?.lowercased(),
            scheme == "http" || scheme == "https", let host = url.host, !host.isEmpty
        else {
            throw DeliveryError.invalidRequest("'\(base.absoluteString)' is not an http(s) URL with a host")
        }
        return url
    }

    private static func segment(_ name: String, _ value: String) -> String {
        let plain = !value.isEmpty && value != "." && value != ".."
            && value.utf8.allSatisfy { byte in
                switch byte {
                case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                    UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"),
                    UInt8(ascii: "."), UInt8(ascii: "~"):
                    true
                default: false
                }
            }
        if plain { return "/\(name)/\(value)" }
        // The Pushgateway spells the empty value as a lone "=" (its documented form).
        guard !value.isEmpty else { return "/\(name)@base64/=" }
        let base64url = Data(value.utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        return "/\(name)@base64/\(base64url)"
    }
}
