import Foundation
import Testing
@testable import DriftProfiles

private let location = ProfileLocation(path: "test.db", model: "churn", version: 3)

/// The detail of a corruptProfile error, or nil for anything else.
private func corruptionDetail(_ body: () throws -> Void) -> String? {
    do {
        try body()
        return nil
    } catch let ProfileError.corruptProfile(path, model, version, detail) {
        #expect(path == "test.db" && model == "churn" && version == 3)
        return detail
    } catch {
        Issue.record("unexpected error \(error)")
        return nil
    }
}

@Suite struct ArrayBlobTests {
    // MARK: - Corrupt input first

    @Test func emptyAndTruncatedHeadersAreRejected() throws {
        for length in [0, 1, 4, 15] {
            let blob = ArrayBlob.encode([1.0, 2.0]).prefix(length)
            let detail = corruptionDetail { _ = try ArrayBlob.decodeFloat64(blob, field: "f sample", at: location) }
            #expect(detail == "f sample: BLOB has \(length) bytes, fewer than the 16-byte array header")
        }
    }

    @Test func wrongMagicIsRejected() throws {
        var blob = ArrayBlob.encode([1.0])
        blob[blob.startIndex] = UInt8(ascii: "X")
        let detail = corruptionDetail { _ = try ArrayBlob.decodeFloat64(blob, field: "f sample", at: location) }
        #expect(detail == "f sample: bad magic bytes 58 57 41 52 (expected 44 57 41 52, \"DWAR\")")
    }

    @Test func unknownFormatVersionIsRejected() throws {
        var blob = ArrayBlob.encode([1.0])
        blob[blob.startIndex + 4] = 2
        let detail = corruptionDetail { _ = try ArrayBlob.decodeFloat64(blob, field: "f sample", at: location) }
        #expect(detail == "f sample: array format version 2 is not supported (this build reads 1)")
    }

    @Test func wrongElementTypeIsRejected() throws {
        let ints = ArrayBlob.encode([1, 2, 3])
        let doubles = ArrayBlob.encode([1.0, 2.0, 3.0])
        #expect(
            corruptionDetail { _ = try ArrayBlob.decodeFloat64(ints, field: "edges", at: location) }
                == "edges: element type int64 (tag 2), expected float64 (tag 1)")
        #expect(
            corruptionDetail { _ = try ArrayBlob.decodeInt(doubles, field: "counts", at: location) }
                == "counts: element type float64 (tag 1), expected int64 (tag 2)")
        var unknown = doubles
        unknown[unknown.startIndex + 5] = 9
        #expect(
            corruptionDetail { _ = try ArrayBlob.decodeFloat64(unknown, field: "edges", at: location) }
                == "edges: unknown element type tag 9 (expected 1, float64)")
    }

    @Test func nonZeroReservedBytesAreRejected() throws {
        var blob = ArrayBlob.encode([1.0])
        blob[blob.startIndex + 7] = 1
        #expect(
            corruptionDetail { _ = try ArrayBlob.decodeFloat64(blob, field: "s", at: location) }
                == "s: reserved header bytes are not zero")
    }

    @Test func truncatedElementsAreRejected() throws {
        let blob = ArrayBlob.encode([1.0, 2.0, 3.0])
        #expect(
            corruptionDetail { _ = try ArrayBlob.decodeFloat64(blob.dropLast(8), field: "s", at: location) }
                == "s: header declares 3 elements but the BLOB holds 16 element bytes (2 elements)")
        #expect(
            corruptionDetail { _ = try ArrayBlob.decodeFloat64(blob.dropLast(3), field: "s", at: location) }
                == "s: header declares 3 elements but the BLOB holds 21 element bytes (2 elements and 5 stray bytes)")
    }

    @Test func trailingBytesAreRejected() throws {
        var blob = ArrayBlob.encode([1, 2])
        blob.append(contentsOf: [0, 0, 0, 0, 0, 0, 0, 0])
        #expect(
            corruptionDetail { _ = try ArrayBlob.decodeInt(blob, field: "c", at: location) }
                == "c: header declares 2 elements but the BLOB holds 24 element bytes (3 elements)")
        var oneByte = ArrayBlob.encode([1, 2])
        oneByte.append(7)
        #expect(corruptionDetail { _ = try ArrayBlob.decodeInt(oneByte, field: "c", at: location) } != nil)
    }

    @Test func hugeDeclaredCountIsRejectedWithoutAllocating() throws {
        var blob = ArrayBlob.encode([1.0])
        for offset in 8..<16 { blob[blob.startIndex + offset] = 0xFF }
        let detail = corruptionDetail { _ = try ArrayBlob.decodeFloat64(blob, field: "s", at: location) }
        #expect(detail == "s: header declares 18446744073709551615 elements but the BLOB holds 8 element bytes (1 elements)")
    }

    // MARK: - Layout and round trips

    @Test func layoutIsTheDocumentedLittleEndianFormat() throws {
        let blob = ArrayBlob.encode([1.0, -0.0])
        #expect(Array(blob) == [
            0x44, 0x57, 0x41, 0x52, 1, 1, 0, 0,  // magic, version 1, float64, reserved
            2, 0, 0, 0, 0, 0, 0, 0,  // count 2
            0, 0, 0, 0, 0, 0, 0xF0, 0x3F,  // 1.0
            0, 0, 0, 0, 0, 0, 0, 0x80,  // -0.0
        ])
        let ints = ArrayBlob.encode([-2, 258])
        #expect(Array(ints) == [
            0x44, 0x57, 0x41, 0x52, 1, 2, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0,
            0xFE, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
            2, 1, 0, 0, 0, 0, 0, 0,
        ])
    }

    @Test func doublesRoundTripBitExactly() throws {
        let specials: [Double] = [
            -0.0, 0.0, .leastNonzeroMagnitude, -.leastNonzeroMagnitude, .leastNormalMagnitude,
            Double.leastNormalMagnitude.nextDown, .greatestFiniteMagnitude, -.greatestFiniteMagnitude,
            .infinity, -.infinity, .nan, Double(nan: 0x1234, signaling: false), .pi, 1e-310, -123.456,
        ]
        let decoded = try ArrayBlob.decodeFloat64(ArrayBlob.encode(specials), field: "s", at: location)
        #expect(decoded.map(\.bitPattern) == specials.map(\.bitPattern))
        #expect(try ArrayBlob.decodeFloat64(ArrayBlob.encode([Double]()), field: "s", at: location).isEmpty)
    }

    @Test func integersRoundTrip() throws {
        let values = [0, 1, -1, Int.max, Int.min, 1 << 40]
        #expect(try ArrayBlob.decodeInt(ArrayBlob.encode(values), field: "c", at: location) == values)
    }

    @Test func decodingWorksOnSlicesAndMisalignedData() throws {
        // A Data slice whose start index is not 0 and whose bytes are not 8-byte aligned.
        let values = (0..<100).map { Double($0) * 0.1 }
        var padded = Data([0xAA, 0xBB, 0xCC])
        padded.append(ArrayBlob.encode(values))
        let slice = padded.dropFirst(3)
        #expect(slice.startIndex == 3)
        let decoded = try ArrayBlob.decodeFloat64(slice, field: "s", at: location)
        #expect(decoded.map(\.bitPattern) == values.map(\.bitPattern))
    }
}
