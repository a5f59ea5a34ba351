import Foundation

/// The BLOB format of the numeric arrays a profile stores (sorted samples, PSI edges, PSI
/// reference counts): one compact little-endian BLOB per array, never one row per value.
///
/// Layout (format version 1), 16 header bytes followed by the elements:
///
/// | offset | size | content |
/// | --- | --- | --- |
/// | 0 | 4 | magic `DWAR` (`0x44 0x57 0x41 0x52`, "Driftwatch array") |
/// | 4 | 1 | format version, `1` |
/// | 5 | 1 | element type tag: `1` = IEEE 754 binary64 (`Double`), `2` = two's-complement `Int64` |
/// | 6 | 2 | reserved, `0` |
/// | 8 | 8 | element count, unsigned, little-endian |
/// | 16 | 8 × count | the elements, little-endian |
///
/// Doubles are stored by bit pattern, so a round trip is bit-exact (-0.0, subnormals, ±max,
/// and NaN payloads alike). Decoding checks the magic, the version, the type tag, the reserved
/// bytes and that the length is exactly `16 + 8 × count`, and copies the bytes out of the `Data`
/// (never binding its memory: a small `Data` is stored inline and may be misaligned).
///
/// ```swift
/// let blob = ArrayBlob.encode([0.5, -0.0, 3])
/// let values = try ArrayBlob.decodeFloat64(blob, field: "feature \"age\" sample", at: location)
/// ```
enum ArrayBlob {
    /// The four magic bytes, `DWAR`.
    static let magic: [UInt8] = [0x44, 0x57, 0x41, 0x52]
    /// The format version this build writes and reads.
    static let formatVersion: UInt8 = 1
    /// The header size in bytes.
    static let headerSize = 16

    /// The element type recorded in the header.
    enum ElementType: UInt8, CustomStringConvertible {
        /// IEEE 754 binary64, stored by bit pattern.
        case float64 = 1
        /// Two's-complement 64-bit integer.
        case int64 = 2

        var description: String {
            switch self {
            case .float64: return "float64"
            case .int64: return "int64"
            }
        }
    }

    /// Encodes doubles by bit pattern.
    ///
    /// - Parameter values: Any doubles.
    /// - Returns: The header and `8 × values.count` element bytes.
    /// - Complexity: O(n).
    static func encode(_ values: [Double]) -> Data {
        encodeWords(count: values.count, type: .float64) { values[$0].bitPattern }
    }

    /// Encodes integers as 64-bit two's complement.
    ///
    /// - Parameter values: Any integers (`Int` is 64 bits on every supported platform).
    /// - Returns: The header and `8 × values.count` element bytes.
    /// - Complexity: O(n).
    static func encode(_ values: [Int]) -> Data {
        encodeWords(count: values.count, type: .int64) { UInt64(bitPattern: Int64(values[$0])) }
    }

    /// Decodes a BLOB written by ``encode(_:)`` (doubles).
    ///
    /// - Parameters:
    ///   - data: The BLOB.
    ///   - field: What the BLOB is, for the error message (`feature "age" sample`).
    ///   - location: The profile the BLOB belongs to.
    /// - Returns: The doubles, bit-exact.
    /// - Throws: ``ProfileError/corruptProfile(path:model:version:detail:)`` naming the field and
    ///   what is wrong (length, magic, version, type, reserved bytes, count).
    /// - Complexity: O(n).
    static func decodeFloat64(_ data: Data, field: String, at location: ProfileLocation) throws -> [Double] {
        try decodeWords(data, expecting: .float64, field: field, at: location).map(Double.init(bitPattern:))
    }

    /// Decodes a BLOB written by ``encode(_:)`` (integers).
    ///
    /// - Parameters:
    ///   - data: The BLOB.
    ///   - field: What the BLOB is, for the error message (`feature "age" PSI counts`).
    ///   - location: The profile the BLOB belongs to.
    /// - Returns: The integers.
    /// - Throws: ``ProfileError/corruptProfile(path:model:version:detail:)`` as
    ///   ``decodeFloat64(_:field:at:)`` does.
    /// - Complexity: O(n).
    static func decodeInt(_ data: Data, field: String, at location: ProfileLocation) throws -> [Int] {
        let words = try decodeWords(data, expecting: .int64, field: field, at: location)
        var result = [Int]()
        result.reserveCapacity(words.count)
        for word in words {
            guard let value = Int(exactly: Int64(bitPattern: word)) else {
                throw location.corrupt("\(field): value \(Int64(bitPattern: word)) does not fit an Int")
            }
            result.append(value)
        }
        return result
    }

    // MARK: - Words

    private static func encodeWords(count: Int, type: ElementType, word: (Int) -> UInt64) -> Data {
        var data = Data(count: headerSize + 8 * count)
        data.withUnsafeMutableBytes { raw in
            for (offset, byte) in magic.enumerated() {
                raw[offset] = byte
            }
            raw[4] = formatVersion
            raw[5] = type.rawValue
            raw[6] = 0
            raw[7] = 0
            raw.storeBytes(of: UInt64(count).littleEndian, toByteOffset: 8, as: UInt64.self)
            var offset = headerSize
            for index in 0..<count {
                raw.storeBytes(of: word(index).littleEndian, toByteOffset: offset, as: UInt64.self)
                offset += 8
            }
        }
        return data
    }

    private static func decodeWords(
        _ data: Data, expecting type: ElementType, field: String, at location: ProfileLocation
    ) throws -> [UInt64] {
        try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) throws -> [UInt64] in
            guard raw.count >= headerSize else {
                throw location.corrupt(
                    "\(field): BLOB has \(raw.count) bytes, fewer than the \(headerSize)-byte array header")
            }
            guard Array(raw[0..<4]) == magic else {
                let found = raw[0..<4].map { String($0, radix: 16, uppercase: true) }.joined(separator: " ")
                throw location.corrupt("\(field): bad magic bytes \(found) (expected 44 57 41 52, \"DWAR\")")
            }
            guard raw[4] == formatVersion else {
                throw location.corrupt(
                    "\(field): array format version \(raw[4]) is not supported (this build reads \(formatVersion))")
            }
            guard let found = ElementType(rawValue: raw[5]) else {
                throw location.corrupt("\(field): unknown element type tag \(raw[5]) (expected \(type.rawValue), \(type))")
            }
            guard found == type else {
                throw location.corrupt(
                    "\(field): element type \(found) (tag \(found.rawValue)), expected \(type) (tag \(type.rawValue))")
            }
            guard raw[6] == 0, raw[7] == 0 else {
                throw location.corrupt("\(field): reserved header bytes are not zero")
            }
            let declared = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
            let payload = raw.count - headerSize
            guard payload % 8 == 0, UInt64(payload / 8) == declared else {
                throw location.corrupt(
                    "\(field): header declares \(declared) elements but the BLOB holds \(payload) element bytes (\(payload / 8) elements\(payload % 8 == 0 ? "" : " and \(payload % 8) stray bytes"))")
            }
            let count = payload / 8
            let elements = UnsafeRawBufferPointer(rebasing: raw[headerSize...])
            return [UInt64](unsafeUninitializedCapacity: count) { buffer, initialized in
                UnsafeMutableRawBufferPointer(buffer).copyMemory(from: elements)
                for index in 0..<count {
                    buffer[index] = UInt64(littleEndian: buffer[index])
                }
                initialized = count
            }
        }
    }
}
