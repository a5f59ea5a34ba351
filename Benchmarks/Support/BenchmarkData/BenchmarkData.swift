// Deterministic input data for the Driftwatch benchmarks. Generated in the benchmarks'
// setup closures (never timed). Everything is a pure function of fixed seeds, so every run
// (and every machine) times the same inputs.
import Foundation

/// SplitMix64 (Steele, Lea & Flood; Vigna's reference code): the same generator the
/// reference-vector fixtures use (see Fixtures/vectors/README.md).
public struct SplitMix64: Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1), 53 random bits.
    public mutating func nextUniform() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// Standard normal (Marsaglia polar method; libm `log`, so not bit-portable, but
    /// deterministic on one machine).
    public mutating func nextNormal() -> Double {
        if let spare = spareNormal {
            spareNormal = nil
            return spare
        }
        while true {
            let u = 2.0 * nextUniform() - 1.0
            let v = 2.0 * nextUniform() - 1.0
            let s = u * u + v * v
            if s > 0, s < 1 {
                let factor = (-2.0 * Foundation.log(s) / s).squareRoot()
                spareNormal = v * factor
                return u * factor
            }
        }
    }

    private var spareNormal: Double?
}

/// `count` draws from N(mean, sd^2).
public func normalSample(count: Int, seed: UInt64, mean: Double = 0, sd: Double = 1) -> [Double] {
    var generator = SplitMix64(seed: seed)
    return (0..<count).map { _ in mean + sd * generator.nextNormal() }
}

/// `numpy.quantile(data, [i / bins for i in 0...bins], method='linear')`: the `bins + 1`
/// quantile edges of a sample.
public func quantileEdges(_ data: [Double], bins: Int) -> [Double] {
    let sorted = data.sorted()
    let n = sorted.count
    return (0...bins).map { i in
        let position = Double(n - 1) * (Double(i) / Double(bins))
        let lower = Int(position.rounded(.down))
        guard lower < n - 1 else { return sorted[n - 1] }
        let fraction = position - Double(lower)
        let a = sorted[lower]
        let b = sorted[lower + 1]
        return fraction >= 0.5 ? b - (b - a) * (1 - fraction) : a + (b - a) * fraction
    }
}

/// "1e6" for 1_000_000 and so on (benchmark names).
public func powerOfTenLabel(_ n: Int) -> String {
    var exponent = 0
    var value = n
    while value >= 10, value % 10 == 0 {
        value /= 10
        exponent += 1
    }
    return value == 1 ? "1e\(exponent)" : "\(n)"
}

/// Where generated benchmark files (the compare CSVs) are cached: `$DRIFTWATCH_BENCH_CACHE`,
/// else `<temporary directory>/driftwatch-bench`. `Benchmarks/compare_numpy.py` uses the same rule.
public func benchmarkCacheDirectory() -> URL {
    if let path = ProcessInfo.processInfo.environment["DRIFTWATCH_BENCH_CACHE"], !path.isEmpty {
        return URL(fileURLWithPath: path, isDirectory: true)
    }
    return URL(fileURLWithPath: NSTemporaryDirectory(), isDirectory: true)
        .appendingPathComponent("driftwatch-bench", isDirectory: true)
}
