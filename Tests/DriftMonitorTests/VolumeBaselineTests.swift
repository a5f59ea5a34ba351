import DriftMonitor
import DriftSources
import DriftStatistics
import Foundation
import Testing

/// Hourly row counts with a daily cycle and day-to-day noise, seeded: the traffic the volume
/// baseline is built for.
struct HourlyTraffic {
    var generator: SplitMix64
    /// Mean rows of the hour starting at `hour` (hours since the epoch): 300 ± 100 over a day.
    static func mean(hour: Int) -> Double { 300 + 100 * sin(2 * Double.pi * Double(hour % 24) / 24) }

    init(seed: UInt64) { generator = SplitMix64(seed: seed) }

    /// A Poisson count with the hour's mean scaled by a day factor (±5 % sd), drawn as a
    /// binomial of 20 × mean trials at 1/20 (exact integer draws, no approximation in the test).
    mutating func rows(hour: Int, dayFactor: Double) -> Int {
        let mean = Self.mean(hour: hour) * dayFactor
        let trials = Int((20 * mean).rounded())
        var count = 0
        for _ in 0..<trials where generator.nextOpenUnit() < 0.05 { count += 1 }
        return count
    }

    /// A day factor with about 5 % standard deviation (sum of uniforms, seeded).
    mutating func dayFactor() -> Double {
        var sum = 0.0
        for _ in 0..<12 { sum += generator.nextOpenUnit() }
        return 1 + 0.05 * (sum - 6)
    }
}

/// The window ending at hour `hour` (hours since 2019-04-01T00:00Z).
func hourWindow(_ hour: Int) throws -> TimeWindow {
    try TimeWindow(end: Date(timeIntervalSince1970: 1_554_076_800 + Double(hour) * 3_600), duration: 3_600)
}

func observation(_ hour: Int, rows: Int, duration: TimeInterval = 3_600) throws -> VolumeObservation {
    let end = try hourWindow(hour).end
    return VolumeObservation(windowStart: end.addingTimeInterval(-duration), windowEnd: end, rows: rows)
}

@Suite("VolumeBaseline")
struct VolumeBaselineTests {
    let rule = HealthConfiguration.Volume()

    // MARK: - Edge cases

    @Test("no history, or fewer comparable runs than min_history: no baseline")
    func tooShort() throws {
        let window = try hourWindow(1_000)
        #expect(VolumeBaseline(observations: [], window: window, rule: rule) == nil)
        let four = try (1...4).map { try observation(1_000 - $0, rows: 400) }
        #expect(VolumeBaseline(observations: four, window: window, rule: rule) == nil)
        let five = try (1...5).map { try observation(1_000 - $0, rows: 400) }
        #expect(VolumeBaseline(observations: five, window: window, rule: rule)?.basis == .recent)
    }

    @Test("only earlier windows of the same length count: a backfill sees what the live run saw")
    func onlyEarlierSameLength() throws {
        let window = try hourWindow(1_000)
        let later = try (1...10).map { try observation(1_000 + $0, rows: 10) }
        let otherLength = try (1...10).map { try observation(1_000 - $0, rows: 10, duration: 600) }
        let overlapping = [try observation(1_000, rows: 10)]   // this very window, recorded earlier
        let earlier = try (1...5).map { try observation(1_000 - $0, rows: 400) }
        let baseline = try #require(VolumeBaseline(
            observations: later + otherLength + overlapping + earlier, window: window, rule: rule))
        #expect(baseline.runs == 5 && baseline.median == 400)
    }

    @Test("the same time of day over days and of week over weeks wins over recent runs")
    func seasonalFirst() throws {
        let window = try hourWindow(24 * 40 + 9)
        // Every hour of the last 40 days: 1 000 rows at this hour of day, 100 at the others.
        let history = try (1..<(24 * 40)).map { back in
            try observation(24 * 40 + 9 - back, rows: back % 24 == 0 ? 1_000 : 100)
        }
        let baseline = try #require(VolumeBaseline(observations: history, window: window, rule: rule))
        #expect(baseline.basis == .seasonal)
        #expect(baseline.runs == 7 + 3)   // days 1–7, weeks 2–4 (week 1 is day 7)
        #expect(baseline.median == 1_000)
        var recentOnly = rule
        (recentOnly.days, recentOnly.weeks) = (0, 0)
        let recent = try #require(VolumeBaseline(observations: history, window: window, rule: recentOnly))
        #expect(recent.basis == .recent && recent.runs == 24 && recent.median == 100)
    }

    @Test("a seasonal run counts within half a window of its target, duplicates once")
    func seasonalTolerance() throws {
        let window = try hourWindow(24 * 10)
        let end = window.end
        func shifted(_ days: Int, _ seconds: TimeInterval, rows: Int) -> VolumeObservation {
            let runEnd = end.addingTimeInterval(-Double(days) * 86_400 + seconds)
            return VolumeObservation(windowStart: runEnd.addingTimeInterval(-3_600), windowEnd: runEnd, rows: rows)
        }
        var rule = rule
        (rule.days, rule.weeks, rule.recentRuns, rule.minHistory) = (5, 0, 0, 1)
        let history = [shifted(1, 1_700, rows: 10), shifted(2, -1_799, rows: 20), shifted(3, 1_801, rows: 999),
                       shifted(4, 0, rows: 40), shifted(4, 0, rows: 41), shifted(5, 60, rows: 50)]
        let baseline = try #require(VolumeBaseline(observations: history, window: window, rule: rule))
        #expect(baseline.runs == 4)        // day 3's run is too far off; day 4's duplicate counts once
        #expect(baseline.median == 30)     // 10, 20, 40, 50
    }

    @Test("the band: robust deviation, never narrower than Poisson noise or the relative floor; lower end at least 0")
    func band() throws {
        let window = try hourWindow(100)
        var rule = rule
        rule.minRelativeChange = 0
        // Identical counts: MAD 0, the Poisson floor √400 = 20 gives ±80.
        let flat = try #require(VolumeBaseline(observations: try (1...6).map { try observation(100 - $0, rows: 400) }, window: window, rule: rule))
        #expect(flat.lower == 320 && flat.upper == 480)
        // Spread counts: MAD of [300, 350, 400, 450, 500] is 50 → 1.4826 · 50 · 4.
        let spread = try #require(VolumeBaseline(
            observations: try [300, 350, 400, 450, 500].enumerated().map { try observation(100 - $0.offset - 1, rows: $0.element) },
            window: window, rule: rule))
        let half: Double = 4 * 1.4826 * 50
        #expect(abs(spread.upper - (400 + half)) < 1e-9)
        #expect(abs(spread.lower - (400 - half)) < 1e-9)
        // The relative floor (default 30 %) widens a tight band.
        rule.minRelativeChange = 0.3
        let floored = try #require(VolumeBaseline(observations: try (1...6).map { try observation(100 - $0, rows: 10_000) }, window: window, rule: rule))
        #expect(floored.lower == 7_000 && floored.upper == 13_000)
        // A tiny model: the band's lower end stops at 0.
        let tiny = try #require(VolumeBaseline(observations: try (1...6).map { try observation(100 - $0, rows: 2) }, window: window, rule: rule))
        #expect(tiny.lower == 0)
    }

    @Test("anomaly: below is low, above is high, an empty window is always low")
    func anomaly() throws {
        let window = try hourWindow(100)
        let baseline = try #require(VolumeBaseline(observations: try (1...6).map { try observation(100 - $0, rows: 400) }, window: window, rule: rule))
        #expect(baseline.anomaly(rows: 400) == nil)
        #expect(baseline.anomaly(rows: Int(baseline.lower)) == nil)
        #expect(baseline.anomaly(rows: Int(baseline.lower) - 1) == .low)
        #expect(baseline.anomaly(rows: Int(baseline.upper) + 1) == .high)
        #expect(baseline.anomaly(rows: 0) == .low)
        let tiny = try #require(VolumeBaseline(observations: try (1...6).map { try observation(100 - $0, rows: 0) }, window: window, rule: rule))
        #expect(tiny.anomaly(rows: 0) == .low)   // "an empty window with enough history is always an anomaly"
    }

    // MARK: - Calibration and power

    @Test("over 200 normal hours at most 1 % false alarms; 30 % of the usual rows and empty hours are always caught")
    func calibration() throws {
        var traffic = HourlyTraffic(seed: SplitMix64.defaultSeed)
        // Five weeks of hourly history, then 200 hours to judge, each judged with the history before it.
        let total = 24 * 35 + 200
        var days: [Double] = []
        var counts: [Int] = []
        for hour in 0..<total {
            if hour % 24 == 0 { days.append(traffic.dayFactor()) }
            counts.append(traffic.rows(hour: hour, dayFactor: days[hour / 24]))
        }
        var falseAlarms = 0
        var missedDrops = 0
        var missedEmpty = 0
        for hour in (24 * 35)..<total {
            let history = try (max(0, hour - 24 * 30)..<hour).map { try observation($0, rows: counts[$0]) }
            let window = try hourWindow(hour)
            let baseline = try #require(VolumeBaseline(observations: history, window: window, rule: rule))
            #expect(baseline.basis == .seasonal)
            if baseline.anomaly(rows: counts[hour]) != nil { falseAlarms += 1 }
            if baseline.anomaly(rows: Int((0.3 * Double(counts[hour])).rounded())) != .low { missedDrops += 1 }
            if baseline.anomaly(rows: 0) != .low { missedEmpty += 1 }
        }
        #expect(falseAlarms <= 2, "\(falseAlarms) false alarms in 200 normal hours")
        #expect(missedDrops == 0, "\(missedDrops) hours at 30 % not flagged")
        #expect(missedEmpty == 0)
    }
}
