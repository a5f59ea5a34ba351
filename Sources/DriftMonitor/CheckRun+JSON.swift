import Foundation

extension CheckRun {
    /// The run as JSON (snake_case keys, ISO-8601 dates, sorted keys): what the history table
    /// stores and `driftwatch history --format json` prints.
    ///
    /// ```swift
    /// let text = try run.jsonText()
    /// ```
    ///
    /// - Throws: `EncodingError` (not expected: every double in a run is finite or encoded as a string).
    public func jsonText() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    /// Decodes a run written by ``jsonText()``.
    ///
    /// - Parameter text: The JSON.
    /// - Throws: `DecodingError` when the text is not a run.
    package static func fromJSON(_ text: String) throws -> CheckRun {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        decoder.dateDecodingStrategy = .iso8601
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return try decoder.decode(CheckRun.self, from: Data(text.utf8))
    }
}
