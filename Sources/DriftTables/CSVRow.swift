/// One record read by ``CSVReader``: the unescaped bytes of every field, stored contiguously
/// and reused from row to row so reading allocates nothing per cell.
///
/// ```swift
/// var row = CSVRow()
/// while try reader.nextRow(into: &row) {
///     let first = row.string(at: 0)
/// }
/// ```
public struct CSVRow: Sendable {
    @usableFromInline var bytes: [UInt8] = []
    @usableFromInline var ends: [Int] = []

    /// An empty row, ready to be filled by ``CSVReader/nextRow(into:)``.
    public init() {
        bytes.reserveCapacity(4096)
        ends.reserveCapacity(64)
    }

    /// The number of fields.
    @inlinable public var count: Int { ends.count }

    /// Calls `body` with the raw UTF-8 bytes of field `index` (quotes removed, `""` unescaped).
    ///
    /// - Complexity: O(1) plus `body`.
    @inlinable
    public func withField<Result>(
        at index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> Result
    ) rethrows -> Result {
        let start = index == 0 ? 0 : ends[index - 1]
        let end = ends[index]
        return try bytes.withUnsafeBufferPointer { all in
            try body(UnsafeBufferPointer(rebasing: all[start..<end]))
        }
    }

    /// Whether field `index` is empty.
    @inlinable
    public func isEmpty(at index: Int) -> Bool {
        (index == 0 ? 0 : ends[index - 1]) == ends[index]
    }

    /// Field `index` decoded as UTF-8 (invalid sequences are repaired with U+FFFD).
    public func string(at index: Int) -> String {
        withField(at: index) { String(decoding: $0, as: UTF8.self) }
    }

    @inlinable
    mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
    }

    @inlinable
    mutating func endField() { ends.append(bytes.count) }
}
