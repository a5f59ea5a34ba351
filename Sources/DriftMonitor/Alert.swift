import Foundation

/// One alert in Alertmanager's API v2 form (`POST /api/v2/alerts` takes an array of them).
///
/// Encodes to `{"labels":{…},"annotations":{…},"startsAt":"…","endsAt":"…","generatorURL":"…"}`
/// with RFC 3339 UTC times (millisecond precision); `generatorURL` is left out when nil.
/// An alert is firing while `endsAt` is in the future and resolved once it has passed.
///
/// ```swift
/// let alert = Alert(labels: ["alertname": "FeatureDrift", "model": "churn", "feature": "age"],
///                   annotations: ["summary": "Feature age of model churn drifted"],
///                   startsAt: now, endsAt: now.addingTimeInterval(7200))
/// let json = try JSONEncoder().encode([alert])
/// ```
public struct Alert: Sendable, Hashable, Codable {
    /// Identity of the alert: Alertmanager merges alerts with identical label sets.
    /// Names must match `[a-zA-Z_][a-zA-Z0-9_]*`.
    public var labels: [String: String]
    /// Informational text (`summary`, `description`, `runbook_url`).
    public var annotations: [String: String]
    /// When the condition started.
    public var startsAt: Date
    /// When the alert stops firing: in the future while firing, now or earlier to resolve it.
    public var endsAt: Date
    /// A link back to whatever produced the alert (must be a URI); omitted when nil.
    public var generatorURL: String?

    /// Creates an alert.
    ///
    /// - Parameters:
    ///   - labels: The identifying labels (at least one).
    ///   - annotations: Informational annotations.
    ///   - startsAt: Start of the condition.
    ///   - endsAt: Resolve time (not before `startsAt`).
    ///   - generatorURL: Optional back link.
    /// - Complexity: O(1).
    public init(
        labels: [String: String], annotations: [String: String] = [:], startsAt: Date, endsAt: Date,
        generatorURL: String? = nil
    ) {
        self.labels = labels
        self.annotations = annotations
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.generatorURL = generatorURL
    }

    /// Whether the alert is resolved at `date` (its `endsAt` is not after `date`).
    ///
    /// - Parameter date: The moment to judge at.
    /// - Returns: `endsAt <= date`.
    /// - Complexity: O(1).
    package func isResolved(at date: Date) -> Bool { endsAt <= date }

    private enum CodingKeys: String, CodingKey {
        case labels, annotations, startsAt, endsAt, generatorURL
    }

    /// Encodes the API v2 JSON object (times as RFC 3339 strings).
    ///
    /// - Parameter encoder: The encoder.
    /// - Throws: What the encoder throws.
    /// - Complexity: O(labels + annotations).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(labels, forKey: .labels)
        try container.encode(annotations, forKey: .annotations)
        try container.encode(RFC3339.format(startsAt), forKey: .startsAt)
        try container.encode(RFC3339.format(endsAt), forKey: .endsAt)
        try container.encodeIfPresent(generatorURL, forKey: .generatorURL)
    }

    /// Decodes an API v2 alert (as Alertmanager returns it: RFC 3339 times with 0–9 fractional
    /// digits; extra fields such as `fingerprint` or `status` are ignored).
    ///
    /// - Parameter decoder: The decoder.
    /// - Throws: `DecodingError` for missing labels or unparsable times.
    /// - Complexity: O(labels + annotations).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        labels = try container.decode([String: String].self, forKey: .labels)
        annotations = try container.decodeIfPresent([String: String].self, forKey: .annotations) ?? [:]
        func time(_ key: CodingKeys) throws -> Date {
            let text = try container.decode(String.self, forKey: key)
            guard let date = RFC3339.parse(text) else {
                throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "not an RFC 3339 time: \(text)")
            }
            return date
        }
        startsAt = try time(.startsAt)
        endsAt = try time(.endsAt)
        generatorURL = try container.decodeIfPresent(String.self, forKey: .generatorURL)
    }
}

/// RFC 3339 times in UTC, as Alertmanager reads and writes them.
enum RFC3339 {
    /// `2024-06-01T12:00:00.250Z` (millisecond precision).
    static func format(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }

    /// Parses `…T…Z` or `…T…±hh:mm`, with any number of fractional digits (Go writes up to 9).
    static func parse(_ text: String) -> Date? {
        // Split off the fraction: ISO8601DateFormatter accepts only a fixed form of it.
        var whole = text
        var fraction = 0.0
        if let dot = text.firstIndex(of: ".") {
            let digits = text[text.index(after: dot)...].prefix(while: \.isNumber)
            fraction = Double("0." + digits) ?? 0
            whole = String(text[..<dot]) + String(text[text.index(dot, offsetBy: digits.count + 1)...])
        }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: whole).map { $0.addingTimeInterval(fraction) }
    }
}
