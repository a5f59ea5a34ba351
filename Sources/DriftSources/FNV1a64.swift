/// The 64-bit FNV-1a hash, fed incrementally; used for the order hash of a window's parallel
/// reads (``ProductionReader``) and, in DriftProfiles, for the content hash of a profile's
/// input and to seed per-feature samplers.
///
/// ```swift
/// var hash = FNV1a64()
/// hash.add(utf8: "hello")
/// hash.hexDigest   // "fnv1a64:a430d84680aabd0b"
/// ```
package struct FNV1a64: Sendable, Hashable {
    /// The hash of everything added so far (the offset basis when nothing was added).
    package private(set) var value: UInt64 = 0xCBF2_9CE4_8422_2325

    private static let prime: UInt64 = 0x0000_0100_0000_01B3

    /// An empty hash.
    package init() {}

    /// Adds one byte.
    @inline(__always)
    package mutating func add(_ byte: UInt8) {
        value = (value ^ UInt64(byte)) &* FNV1a64.prime
    }

    /// Adds bytes in order.
    ///
    /// - Complexity: O(bytes).
    package mutating func add(_ bytes: UnsafeBufferPointer<UInt8>) {
        var hash = value
        for byte in bytes {
            hash = (hash ^ UInt64(byte)) &* FNV1a64.prime
        }
        value = hash
    }

    /// Adds the UTF-8 bytes of a string.
    package mutating func add(utf8 text: String) {
        var text = text
        text.withUTF8 { add($0) }
    }

    /// Adds the eight little-endian bytes of a 64-bit integer.
    package mutating func add(littleEndian word: UInt64) {
        var word = word
        for _ in 0..<8 {
            add(UInt8(truncatingIfNeeded: word))
            word >>= 8
        }
    }

    /// `fnv1a64:` followed by the hash as 16 lower-case hex digits.
    package var hexDigest: String {
        let hex = String(value, radix: 16)
        return "fnv1a64:" + String(repeating: "0", count: 16 - hex.count) + hex
    }
}
