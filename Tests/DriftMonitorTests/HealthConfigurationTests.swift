import DriftMonitor
import Foundation
import Testing

@Suite("CheckConfiguration: health")
struct HealthConfigurationTests {
    func load(_ yaml: String) throws -> HealthConfiguration { try loadMinimal(plus: yaml).health }

    func loadError(_ yaml: String) throws -> String { try loadMinimalError(plus: yaml) }

    @Test("every check is on by default with the documented defaults")
    func defaults() throws {
        let health = try load("")
        let volume = try #require(health.volume)
        #expect(volume.days == 7 && volume.weeks == 4 && volume.recentRuns == 24 && volume.minHistory == 5)
        #expect(volume.width == 4 && volume.minRelativeChange == 0.3)
        #expect(health.freshness?.maxAge == nil && health.freshness?.limit(window: 3_600) == 7_200)
        #expect(health.missing?.alpha == nil && health.missing?.minChange == 0.05)
    }

    @Test("health: false, a check set to false or enabled: false switches it off")
    func switches() throws {
        let off = try load("health: false")
        #expect(off.volume == nil && off.freshness == nil && off.missing == nil)
        let on = try load("health: true")
        #expect(on.volume != nil && on.freshness != nil && on.missing != nil)
        let partial = try load("health:\n  volume: false\n  missing: {enabled: false}\n")
        #expect(partial.volume == nil && partial.missing == nil && partial.freshness != nil)
    }

    @Test("every knob is read")
    func knobs() throws {
        let health = try load("""
            health:
              volume: {days: 14, weeks: 8, recent_runs: 48, min_history: 10, width: 5, min_relative_change: 0.5}
              freshness: {max_age: 3h}
              missing: {alpha: 0.001, min_change: 0.1}
            """)
        let volume = try #require(health.volume)
        #expect(volume.days == 14 && volume.weeks == 8 && volume.recentRuns == 48 && volume.minHistory == 10)
        #expect(volume.width == 5 && volume.minRelativeChange == 0.5)
        #expect(health.freshness?.maxAge == 10_800)
        #expect(health.missing?.alpha == 0.001 && health.missing?.minChange == 0.1)
    }

    @Test("bad values are one line naming the key", arguments: [
        ("health: maybe", "health: expected true or false"),
        ("health: {volumes: {}}", "health.volumes: unknown key"),
        ("health: {volume: {days: -1}}", "health.volume.days: must be between 0 and 366"),
        ("health: {volume: {min_history: 0}}", "health.volume.min_history: must be between 1 and 10000"),
        ("health: {volume: {width: 0}}", "health.volume.width: must be above 0"),
        ("health: {volume: {min_relative_change: 2}}", "health.volume.min_relative_change: must be between 0 and 1"),
        ("health: {freshness: {max_age: soon}}", "health.freshness.max_age: \"soon\" is not a duration"),
        ("health: {missing: {alpha: 1}}", "health.missing.alpha: must be in (0, 1)"),
        ("health: {missing: {min_change: -0.1}}", "health.missing.min_change: must be between 0 and 1"),
        ("health: {missing: {enabled: perhaps}}", "health.missing.enabled: expected true or false"),
    ])
    func badValues(yaml: String, message: String) throws {
        let error = try loadError(yaml)
        #expect(error.contains(message), "\(error)")
        #expect(!error.contains("\n"))
    }
}
