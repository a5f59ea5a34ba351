import Testing
@testable import DriftStatistics

@Suite struct ReservoirScheduleTests {
    @Test func capacityBelowOneIsOneAndFillingAppends() {
        var schedule = ReservoirSchedule(capacity: 0, generator: SplitMix64(seed: 1))
        #expect(schedule.capacity == 1)
        #expect(schedule.offer() == .append)
        #expect(!(schedule.offer() == .append))
        var filling = ReservoirSchedule(capacity: 4, generator: SplitMix64(seed: 1))
        for _ in 0..<4 { #expect(filling.offer() == .append) }
        #expect(filling.isExact && filling.seen == 4)
        _ = filling.offer()
        #expect(!filling.isExact)
    }

    /// Every position ends up in the sample with probability capacity / n (chi-square-free
    /// check: each of 20 positions' inclusion count over 4 000 runs within 5 σ of 4 000 · 5/20).
    @Test func inclusionIsUniform() {
        var counts = [Int](repeating: 0, count: 20)
        for run in 0..<4_000 {
            var schedule = ReservoirSchedule(capacity: 5, generator: SplitMix64(seed: UInt64(run)))
            var slots = [Int](repeating: -1, count: 5)
            for position in 0..<20 {
                switch schedule.offer() {
                case .append: slots[schedule.seen - 1] = position
                case .replace(let slot): slots[slot] = position
                case .skip: break
                }
            }
            for position in slots { counts[position] += 1 }
        }
        let expected = 1_000.0, sigma = (4_000 * 0.25 * 0.75).squareRoot()
        for (position, count) in counts.enumerated() {
            #expect(abs(Double(count) - expected) < 5 * sigma, "position \(position): \(count)")
        }
    }
}
