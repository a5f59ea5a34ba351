import DriftTestSupport
import Foundation
import Testing

/// A decoded JSON value from the reference-vector files (`Fixtures/vectors/*.json`).
///
/// Non-finite doubles are stored in the files as the strings "NaN", "Infinity" and
/// "-Infinity"; they decode here as numbers.
enum JSONValue: Decodable, CustomStringConvertible {
    case null, bool(Bool), number(Double), string(String), array([JSONValue]), object([String: JSONValue])

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null; return }
        if let flag = try? container.decode(Bool.self) { self = .bool(flag); return }
        if let text = try? container.decode(String.self) {
            switch text {
            case "NaN": self = .number(.nan)
            case "Infinity": self = .number(.infinity)
            case "-Infinity": self = .number(-.infinity)
            default: self = .string(text)
            }
            return
        }
        if let number = try? container.decode(Double.self) { self = .number(number); return }
        if let items = try? container.decode([JSONValue].self) { self = .array(items); return }
        self = .object(try container.decode([String: JSONValue].self))
    }

    var double: Double? { if case .number(let value) = self { return value }; return nil }
    var int: Int? { double.flatMap { $0.isFinite ? Int(exactly: $0) : nil } }
    var string: String? { if case .string(let value) = self { return value }; return nil }
    var bool: Bool? { if case .bool(let value) = self { return value }; return nil }
    var array: [JSONValue]? { if case .array(let value) = self { return value }; return nil }
    var object: [String: JSONValue]? { if case .object(let value) = self { return value }; return nil }
    var isNull: Bool { if case .null = self { return true }; return false }
    subscript(key: String) -> JSONValue? { object?[key] }

    /// The array of doubles this value holds: a plain JSON array of numbers.
    var doubles: [Double]? { array.map { $0.compactMap(\.double) } }

    var description: String {
        switch self {
        case .null: return "null"
        case .bool(let value): return "\(value)"
        case .number(let value): return "\(value)"
        case .string(let value): return "\"\(value)\""
        case .array(let value): return "[\(value.count) items]"
        case .object(let value): return "{\(value.keys.sorted().joined(separator: ","))}"
        }
    }
}

/// A tolerance `{"abs": A, "rel": R}`: `|actual - expected| <= max(A, R * |expected|)`.
struct Tolerance: CustomStringConvertible {
    var absolute: Double
    var relative: Double

    static let exact = Tolerance(absolute: 0, relative: 0)

    init(absolute: Double, relative: Double) {
        self.absolute = absolute
        self.relative = relative
    }

    init?(_ json: JSONValue?) {
        guard let absolute = json?["abs"]?.double, let relative = json?["rel"]?.double else { return nil }
        self.init(absolute: absolute, relative: relative)
    }

    /// Whether `actual` matches `expected` (NaN matches NaN, infinities match by sign).
    func accepts(_ actual: Double, _ expected: Double) -> Bool {
        if expected.isNaN || actual.isNaN { return expected.isNaN && actual.isNaN }
        if expected.isInfinite || actual.isInfinite { return expected == actual }
        return abs(actual - expected) <= max(absolute, relative * abs(expected))
    }

    var description: String { "abs \(absolute), rel \(relative)" }
}

/// One case of a vector file.
struct VectorCase: CustomStringConvertible {
    let id: String
    let tags: Set<String>
    let inputs: JSONValue
    let expected: JSONValue
    let tolerances: [String: Tolerance]

    /// Whether the reference implementation raised instead of returning a value.
    var expectsError: Bool { expected["error"] != nil }

    /// The tolerance for a field: the case's override, then the file default, else exact.
    func tolerance(_ field: String) -> Tolerance { tolerances[field] ?? .exact }

    /// An input array, regenerated from its generator spec when it is stored as one.
    func array(_ name: String) throws -> [Double] {
        guard let json = inputs[name] else { throw VectorError.missingField("\(id): inputs.\(name)") }
        return try ReferenceVectors.resolveArray(json, context: "\(id): inputs.\(name)")
    }

    /// An expected double (NaN/inf decode from strings).
    func expectedDouble(_ field: String) throws -> Double {
        guard let value = expected[field]?.double else { throw VectorError.missingField("\(id): expected.\(field)") }
        return value
    }

    /// An expected array of doubles.
    func expectedDoubles(_ field: String) throws -> [Double] {
        guard let value = expected[field]?.doubles else { throw VectorError.missingField("\(id): expected.\(field)") }
        return value
    }

    var description: String { id }
}

enum VectorError: Error, CustomStringConvertible {
    case missingField(String)
    case regenerationMismatch(String)
    case unknownDistribution(String)

    var description: String {
        switch self {
        case .missingField(let where_): return "missing field \(where_)"
        case .regenerationMismatch(let where_): return "regenerated array does not match its check: \(where_)"
        case .unknownDistribution(let name): return "unknown generator distribution \(name)"
        }
    }
}

/// Loads the scipy/numpy reference vectors copied into `Fixtures/vectors/`.
///
/// Every file in that folder whose `method` matches is loaded, so a held-out file dropped in
/// beside the public one (say `ks_2samp.heldout.json`) is tested too.
enum ReferenceVectors {
    static let fixturesDirectory = fixtures.appendingPathComponent("vectors", isDirectory: true)

    /// All cases of every vector file whose `method` field is `method`.
    static func cases(method: String) throws -> [VectorCase] {
        let files = try FileManager.default.contentsOfDirectory(atPath: fixturesDirectory.path)
            .filter { $0.hasSuffix(".json") }
            .sorted()
        var result: [VectorCase] = []
        for file in files {
            let data = try Data(contentsOf: fixturesDirectory.appendingPathComponent(file))
            let root = try JSONDecoder().decode(JSONValue.self, from: data)
            guard root["method"]?.string == method else { continue }
            var defaults: [String: Tolerance] = [:]
            for (field, json) in root["default_tolerance"]?.object ?? [:] {
                defaults[field] = Tolerance(json)
            }
            for json in root["cases"]?.array ?? [] {
                var tolerances = defaults
                for (field, tolerance) in json["tolerance"]?.object ?? [:] {
                    tolerances[field] = Tolerance(tolerance)
                }
                result.append(VectorCase(
                    id: json["id"]?.string ?? "?",
                    tags: Set(json["tags"]?.array?.compactMap(\.string) ?? []),
                    inputs: json["inputs"] ?? .null,
                    expected: json["expected"] ?? .null,
                    tolerances: tolerances))
            }
        }
        return result
    }

    /// Resolves an ARRAY object (`{"values": [...]}` or `{"gen": spec, "check": ...}`).
    static func resolveArray(_ json: JSONValue, context: String) throws -> [Double] {
        if let values = json["values"]?.doubles { return values }
        if let plain = json.doubles, json.array != nil { return plain }
        guard let spec = json["gen"] else { throw VectorError.missingField("\(context).values or .gen") }
        let values = try generate(spec)
        if let check = json["check"] {
            try verify(values, against: check, context: context)
        }
        return values
    }

    /// Checks a regenerated array against its fingerprint (first values, last, sequential sum, XOR of bits).
    static func verify(_ values: [Double], against check: JSONValue, context: String) throws {
        var sum = 0.0
        var xor: UInt64 = 0
        for value in values { sum += value; xor ^= value.bitPattern }
        let first = check["first"]?.doubles ?? []
        let firstMatches = zip(first, values).allSatisfy { $0.bitPattern == $1.bitPattern }
        let lastMatches = check["last"]?.double.map { $0.bitPattern == values.last?.bitPattern } ?? true
        let sumMatches = check["sum_seq"]?.double.map { $0.bitPattern == sum.bitPattern } ?? true
        let xorText = "0x" + String(xor, radix: 16).leftPadded(to: 16)
        let xorMatches = check["xor_bits"]?.string.map { $0 == xorText } ?? true
        guard firstMatches, lastMatches, sumMatches, xorMatches else {
            throw VectorError.regenerationMismatch(context)
        }
    }

    /// Regenerates an array from a generator spec (`splitmix64-polar-v1`).
    static func generate(_ spec: JSONValue) throws -> [Double] {
        guard let count = spec["n"]?.int, let seedValue = spec["seed"]?.double,
              let distribution = spec["dist"]?.string
        else { throw VectorError.missingField("gen spec") }
        var generator = ReferenceVectorGenerator(seed: UInt64(seedValue))
        func number(_ key: String) throws -> Double {
            guard let value = spec[key]?.double else { throw VectorError.missingField("gen.\(key)") }
            return value
        }
        switch distribution {
        case "uniform":
            return try generator.uniform(count: count, low: number("low"), high: number("high"))
        case "normal":
            return try generator.normal(count: count, mean: number("loc"), standardDeviation: number("scale"))
        case "exponential":
            return try generator.exponential(count: count, location: number("loc"), scale: number("scale"))
        case "integers":
            return try generator.integers(count: count, low: Int(number("low")), high: Int(number("high")))
        case "constant":
            return try Array(repeating: number("value"), count: count)
        default:
            throw VectorError.unknownDistribution(distribution)
        }
    }
}

/// Compares a computed value with an expected one and records a failure naming the case.
func expectClose(
    _ actual: Double, _ expected: Double, _ tolerance: Tolerance, _ what: String,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(
        tolerance.accepts(actual, expected),
        "\(what): got \(actual), expected \(expected) (\(tolerance))",
        sourceLocation: sourceLocation)
}

/// Element-wise ``expectClose(_:_:_:_:sourceLocation:)`` for arrays, checking the length first.
func expectClose(
    _ actual: [Double], _ expected: [Double], _ tolerance: Tolerance, _ what: String,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(actual.count == expected.count,
            "\(what): \(actual.count) values, expected \(expected.count)", sourceLocation: sourceLocation)
    for (index, (a, e)) in zip(actual, expected).enumerated() where !tolerance.accepts(a, e) {
        Issue.record("\(what)[\(index)]: got \(a), expected \(e) (\(tolerance))", sourceLocation: sourceLocation)
    }
}

extension String {
    func leftPadded(to width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}
