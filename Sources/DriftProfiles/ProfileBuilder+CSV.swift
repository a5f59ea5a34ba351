#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import DriftSources
import DriftTables

extension ProfileBuilder {
    /// Builds a reference profile from a CSV file with a header row, streaming it.
    ///
    /// ```swift
    /// let profile = try ProfileBuilder.fromCSV(
    ///     path: "Fixtures/churn/reference.csv", model: "churn", columns: ["age", "contract"])
    /// profile.source.description   // "csv:Fixtures/churn/reference.csv"
    /// ```
    ///
    /// The file is read once, a second time only when a column turns categorical after numbers
    /// or a numeric column has more finite values than ``ProfileSettings/sampleCap`` (for the
    /// exact PSI counts), once more for the multivariate sample (unless
    /// ``ProfileSettings/multivariate`` is off), and once more, as raw bytes, for the content
    /// hash (FNV-1a 64 over the file's bytes).
    ///
    /// - Parameters:
    ///   - path: The CSV file (RFC 4180, as `CSVTable.load` reads it).
    ///   - model: The model the profile belongs to (not empty).
    ///   - columns: The columns to profile (all when `nil`), kept in file order.
    ///   - settings: Caps, PSI bins, seed and forced-categorical columns.
    ///   - createdAt: The profile's creation time.
    /// - Returns: A profile with version 0 (the store assigns versions).
    /// - Throws: `TableError` for an unreadable or malformed file (unchanged, naming the file
    ///   and line); ``ProfileError/invalidSource(description:reason:)`` naming `csv:PATH` for
    ///   unknown columns or a file without data rows; ``ProfileError/invalidArgument(name:reason:)``
    ///   for an empty model name, an empty column list, a cap below 1 or a multivariate knob
    ///   out of range.
    /// - Complexity: O(file size) per pass, at most four passes; memory O(columns ·
    ///   (sampleCap + categoryCap + multivariateSampleCap)) plus one 1 MiB read buffer and one row.
    public static func fromCSV(
        path: String, model: String, columns: [String]? = nil,
        settings: ProfileSettings = ProfileSettings(), createdAt: Date = Date()
    ) throws -> ReferenceProfile {
        try validate(model: model, columns: columns, settings: settings)
        let description = "csv:\(path)"
        let header = try CSVTable.header(path: path)
        let selected = try selectColumns(
            available: header, wanted: columns, settings: settings, description: description)
        var builders = selected.map { FeatureProfileBuilder(name: header[$0], settings: settings) }

        let rowCount = try streamCSV(path: path, fieldCount: header.count, columns: selected) { slot, cell in
            builders[slot].addCell(cell)
        }
        guard rowCount > 0 else {
            throw ProfileError.invalidSource(description: description, reason: "no data rows after the header")
        }
        /// A later pass must see the rows the first one saw.
        func requireSameRows(_ again: Int) throws {
            guard again == rowCount else {
                throw ProfileError.invalidSource(
                    description: description, reason: "the file changed while it was read (\(rowCount) rows, then \(again))")
            }
        }
        let secondPass = try finishFirstPass(&builders, settings: settings)
        if !secondPass.isEmpty {
            let again = try streamCSV(
                path: path, fieldCount: header.count, columns: secondPass.map { selected[$0] }
            ) { position, cell in
                builders[secondPass[position]].addCell(cell)
            }
            try requireSameRows(again)
            try finishSecondPass(&builders, slots: secondPass)
        }
        var multivariate = multivariateSampleBuilder(builders, settings: settings)
        if multivariate != nil {
            let categorical = builders.map { $0.kind == .categorical }
            let again = try streamCSVRows(path: path, fieldCount: header.count) { row in
                multivariate?.addRow { feature in
                    row.withField(at: selected[feature]) { multivariateCell($0, categorical: categorical[feature]) }
                }
            }
            try requireSameRows(again)
        }
        let source = ProfileSource(
            description: description, rowCount: rowCount,
            contentHash: try hashFile(path: path, description: description))
        return try assemble(
            model: model, createdAt: createdAt, settings: settings, source: source, builders: builders,
            multivariate: multivariate)
    }

    /// Streams the data rows of `path` (the header skipped), calling `body(slot, cell)` for
    /// field `columns[slot]` of every row; returns the number of data rows.
    private static func streamCSV(
        path: String, fieldCount: Int, columns: [Int],
        _ body: (Int, UnsafeBufferPointer<UInt8>) -> Void
    ) throws -> Int {
        try streamCSVRows(path: path, fieldCount: fieldCount) { row in
            for (slot, index) in columns.enumerated() {
                row.withField(at: index) { body(slot, $0) }
            }
        }
    }

    /// Streams the data rows of `path` (the header skipped), calling `body` with every row
    /// (reused: valid only during the call); returns the number of data rows.
    private static func streamCSVRows(
        path: String, fieldCount: Int, _ body: (CSVRow) -> Void
    ) throws -> Int {
        let reader = try CSVReader(path: path)
        var row = CSVRow()
        guard try reader.nextRow(into: &row) else { throw TableError.emptyFile(path: path) }
        var rowCount = 0
        while try reader.nextRow(into: &row) {
            guard row.count == fieldCount else {
                throw TableError.fieldCountMismatch(
                    path: path, line: reader.line, found: row.count, expected: fieldCount)
            }
            rowCount += 1
            body(row)
        }
        return rowCount
    }

    /// FNV-1a 64 over the bytes of the file, read in 1 MiB chunks.
    private static func hashFile(path: String, description: String) throws -> String {
        guard let file = fopen(path, "rb") else {
            throw ProfileError.invalidSource(
                description: description, reason: "cannot open (\(String(cString: strerror(errno))))")
        }
        defer { fclose(file) }
        let chunk = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: 1 << 20)
        defer { chunk.deallocate() }
        var hash = FNV1a64()
        while true {
            let read = fread(chunk.baseAddress, 1, chunk.count, file)
            if read == 0 {
                guard ferror(file) == 0 else {
                    throw ProfileError.invalidSource(
                        description: description, reason: "read error (\(String(cString: strerror(errno))))")
                }
                break
            }
            hash.add(UnsafeBufferPointer(rebasing: chunk[0..<read]))
        }
        return hash.hexDigest
    }
}
