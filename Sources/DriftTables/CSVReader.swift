#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A streaming RFC 4180 CSV reader: it holds one fixed-size chunk of the file and one row,
/// whatever the file's size.
///
/// Fields are separated by commas; a field may be quoted with `"`, inside which commas, line
/// breaks and doubled quotes (`""`) are data. Records end with LF or CRLF. A UTF-8 byte-order
/// mark at the start is skipped, and blank lines are ignored.
///
/// ```swift
/// let reader = try CSVReader(path: "reference.csv")
/// var row = CSVRow()
/// while try reader.nextRow(into: &row) {
///     print(row.count, "fields on line", reader.line)
/// }
/// ```
///
/// - Complexity: O(bytes) for the whole file; memory O(chunk size + longest row).
public final class CSVReader {
    /// The file being read, as given to ``init(path:chunkSize:)``; used in error messages.
    public let path: String
    /// The 1-based line on which the most recently returned row started.
    public private(set) var line = 0

    private let file: UnsafeMutablePointer<FILE>
    private let chunk: UnsafeMutableBufferPointer<UInt8>
    private var position = 0
    private var end = 0
    private var physicalLine = 1
    private var atStart = true

    /// Opens `path` for streaming.
    ///
    /// - Parameters:
    ///   - path: The CSV file.
    ///   - chunkSize: Bytes read from the file at a time (default 1 MiB).
    /// - Throws: ``TableError/cannotOpen(path:reason:)``.
    public init(path: String, chunkSize: Int = 1 << 20) throws {
        guard let handle = fopen(path, "rb") else {
            throw TableError.cannotOpen(path: path, reason: String(cString: strerror(errno)))
        }
        var status = stat()
        if fstat(fileno(handle), &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR {
            fclose(handle)
            throw TableError.cannotOpen(path: path, reason: "is a directory")
        }
        self.path = path
        self.file = handle
        self.chunk = .allocate(capacity: max(chunkSize, 64))
    }

    deinit {
        fclose(file)
        chunk.deallocate()
    }

    private func refill() throws -> Bool {
        let read = fread(chunk.baseAddress, 1, chunk.count, file)
        if read == 0 {
            if ferror(file) != 0 {
                throw TableError.cannotOpen(path: path, reason: "read error: \(String(cString: strerror(errno)))")
            }
            return false
        }
        position = 0
        end = read
        if atStart {
            atStart = false
            if end >= 3, chunk[0] == 0xEF, chunk[1] == 0xBB, chunk[2] == 0xBF { position = 3 }
        }
        return true
    }

    private enum State { case fieldStart, unquoted, quoted, quoteInQuoted }

    private static let comma = UInt8(ascii: ",")
    private static let quote = UInt8(ascii: "\"")
    private static let lineFeed = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")

    /// Reads the next non-blank record into `row`, replacing its contents.
    ///
    /// - Returns: `false` at the end of the file (and `row` is then empty).
    /// - Throws: ``TableError/unterminatedQuote(path:line:)``,
    ///   ``TableError/unexpectedCharacterAfterQuote(path:line:)`` or a read error.
    public func nextRow(into row: inout CSVRow) throws -> Bool {
        while true {
            row.reset()
            line = physicalLine
            let (found, blank) = try readRecord(into: &row)
            if !found { return false }
            if !blank { return true }
        }
    }

    /// Reads one physical record; `blank` is true for an empty line.
    private func readRecord(into row: inout CSVRow) throws -> (found: Bool, blank: Bool) {
        var state = State.fieldStart
        var sawByte = false
        var sawQuote = false
        while true {
            if position == end {
                guard try refill() else {
                    switch state {
                    case .quoted:
                        throw TableError.unterminatedQuote(path: path, line: line)
                    case .fieldStart, .unquoted, .quoteInQuoted:
                        if !sawByte { return (false, false) }
                        row.endField()
                        return (true, row.count == 1 && row.bytes.isEmpty && !sawQuote)
                    }
                }
            }
            let byte = chunk[position]
            position += 1
            sawByte = true
            switch state {
            case .fieldStart, .unquoted:
                if byte == Self.comma {
                    row.endField()
                    state = .fieldStart
                } else if byte == Self.lineFeed {
                    physicalLine += 1
                    row.endField()
                    return (true, row.count == 1 && row.bytes.isEmpty && !sawQuote)
                } else if byte == Self.carriageReturn, try nextIsLineFeed() {
                    continue
                } else if byte == Self.quote && state == .fieldStart {
                    sawQuote = true
                    state = .quoted
                } else {
                    // Bulk-copy the rest of an unquoted field.
                    var stop = position
                    while stop < end {
                        let next = chunk[stop]
                        if next == Self.comma || next == Self.lineFeed || next == Self.carriageReturn { break }
                        stop += 1
                    }
                    row.bytes.append(byte)
                    row.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[position..<stop]))
                    position = stop
                    state = .unquoted
                }
            case .quoted:
                if byte == Self.quote {
                    state = .quoteInQuoted
                } else {
                    if byte == Self.lineFeed { physicalLine += 1 }
                    row.bytes.append(byte)
                }
            case .quoteInQuoted:
                if byte == Self.quote {
                    row.bytes.append(byte)
                    state = .quoted
                } else if byte == Self.comma {
                    row.endField()
                    state = .fieldStart
                } else if byte == Self.lineFeed {
                    physicalLine += 1
                    row.endField()
                    return (true, false)
                } else if byte == Self.carriageReturn, try nextIsLineFeed() {
                    continue
                } else {
                    throw TableError.unexpectedCharacterAfterQuote(path: path, line: physicalLine)
                }
            }
        }
    }

    /// Whether the next byte (possibly in the next chunk) is a line feed; does not consume it.
    private func nextIsLineFeed() throws -> Bool {
        if position == end, try !refill() { return false }
        return chunk[position] == Self.lineFeed
    }
}
