// The two CSV files of the `compare` benchmark: 20 numeric columns x 200 000 rows, a
// reference and a slightly shifted production file. Written once into
// `benchmarkCacheDirectory()` and reused (the file name carries a format version).
import Foundation

public enum ComparisonCSV {
    public static let columns = 20
    public static let rows = 200_000
    /// Bump when the content changes, so stale caches are not reused.
    public static let version = 1

    public static var referenceFileName: String { "compare-v\(version)-\(columns)x\(rows)-reference.csv" }
    public static var productionFileName: String { "compare-v\(version)-\(columns)x\(rows)-production.csv" }

    /// The paths of the two files, writing them first if they are not in the cache yet.
    public static func ensureFiles() throws -> (reference: String, production: String) {
        let directory = benchmarkCacheDirectory()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let reference = directory.appendingPathComponent(referenceFileName).path
        let production = directory.appendingPathComponent(productionFileName).path
        if !FileManager.default.fileExists(atPath: reference) {
            try write(path: reference, shifted: false, seed: 0xD1F7_0001)
        }
        if !FileManager.default.fileExists(atPath: production) {
            try write(path: production, shifted: true, seed: 0xD1F7_0002)
        }
        return (reference, production)
    }

    /// Column `j` (named `f00` ... `f19`) cycles through four shapes, each printed with a
    /// fixed number of decimals like real exported data:
    /// - `j % 4 == 0`: normal, mean 10 j, sd 1 + j, 4 decimals (production: mean + 0.05 sd)
    /// - `j % 4 == 1`: exponential, scale 2 + j, 3 decimals (production: scale x 1.03)
    /// - `j % 4 == 2`: uniform on [0, 100), 2 decimals (production: [1, 101))
    /// - `j % 4 == 3`: log-normal exp(N(0, 1)), 6 decimals (production: exp(N(0.05, 1)))
    public static func value(column j: Int, shifted: Bool, generator: inout SplitMix64) -> Double {
        switch j % 4 {
        case 0:
            let sd = 1.0 + Double(j)
            return 10.0 * Double(j) + (shifted ? 0.05 * sd : 0) + sd * generator.nextNormal()
        case 1:
            let scale = (2.0 + Double(j)) * (shifted ? 1.03 : 1)
            return -scale * Foundation.log(1.0 - generator.nextUniform())
        case 2:
            return (shifted ? 1.0 : 0) + 100.0 * generator.nextUniform()
        default:
            return Foundation.exp((shifted ? 0.05 : 0) + generator.nextNormal())
        }
    }

    static func decimals(column j: Int) -> Int { [4, 3, 2, 6][j % 4] }

    static func write(path: String, shifted: Bool, seed: UInt64) throws {
        try write(path: path, columns: columns, rows: rows, shifted: shifted, seed: seed)
    }

    /// Writes `rows` data rows of `columns` columns (named `f00`, `f01`, …; the shapes and
    /// decimals of ``value(column:shifted:generator:)``) to `path`, streaming through a 1 MiB
    /// buffer (memory does not grow with `rows`). The file appears under its name only when
    /// complete (written to a temporary name, then renamed). Used by the compare files and by
    /// the profile benchmarks' 1 M- and 10 M-row files.
    public static func write(path: String, columns: Int, rows: Int, shifted: Bool, seed: UInt64) throws {
        let temporary = path + ".partial-\(ProcessInfo.processInfo.processIdentifier)"
        guard FileManager.default.createFile(atPath: temporary, contents: nil),
              let handle = FileHandle(forWritingAtPath: temporary)
        else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: temporary]) }
        // One generator per column, so each column is an independent stream.
        var generators = (0..<columns).map { SplitMix64(seed: seed &+ UInt64($0) &* 0x1_0000) }
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 21)
        buffer.append(contentsOf: (0..<columns).map { String(format: "f%02d", $0) }.joined(separator: ",").utf8)
        buffer.append(UInt8(ascii: "\n"))
        for _ in 0..<rows {
            for j in 0..<columns {
                if j > 0 { buffer.append(UInt8(ascii: ",")) }
                appendFixed(value(column: j, shifted: shifted, generator: &generators[j]), decimals: decimals(column: j), to: &buffer)
            }
            buffer.append(UInt8(ascii: "\n"))
            if buffer.count >= 1 << 20 {
                try handle.write(contentsOf: buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        try handle.write(contentsOf: buffer)
        try handle.close()
        if FileManager.default.fileExists(atPath: path) {
            try FileManager.default.removeItem(atPath: temporary) // another run won the race
        } else {
            try FileManager.default.moveItem(atPath: temporary, toPath: path)
        }
    }

    /// `value` rounded to `decimals` places, printed as `-123.4500` (no exponent).
    static func appendFixed(_ value: Double, decimals: Int, to buffer: inout [UInt8]) {
        var scale: Int64 = 1
        for _ in 0..<decimals { scale *= 10 }
        var scaled = Int64((value * Double(scale)).rounded())
        if scaled < 0 {
            buffer.append(UInt8(ascii: "-"))
            scaled = -scaled
        }
        let integerPart = scaled / scale
        var fraction = scaled % scale
        buffer.append(contentsOf: String(integerPart).utf8)
        guard decimals > 0 else { return }
        buffer.append(UInt8(ascii: "."))
        var digits = [UInt8](repeating: UInt8(ascii: "0"), count: decimals)
        for index in stride(from: decimals - 1, through: 0, by: -1) {
            digits[index] = UInt8(ascii: "0") + UInt8(fraction % 10)
            fraction /= 10
        }
        buffer.append(contentsOf: digits)
    }
}
