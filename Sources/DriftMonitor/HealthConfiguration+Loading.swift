import Foundation

extension CheckConfiguration {
    /// `health: false`, or a mapping with `volume`, `freshness` and `missing`, each `false` or a
    /// mapping of its knobs (`enabled: false` switches one off too).
    static func loadHealth(_ node: YAMLNode) throws -> HealthConfiguration {
        var health = HealthConfiguration()
        if case .scalar = node.node {
            guard try !node.bool() else { return health }
            return HealthConfiguration.allOff
        }
        let members = try node.mapping(allowed: ["volume", "freshness", "missing"])
        if let volume = members["volume"] { health.volume = try loadVolume(volume) }
        if let freshness = members["freshness"] { health.freshness = try loadFreshness(freshness) }
        if let missing = members["missing"] { health.missing = try loadMissing(missing) }
        return health
    }

    /// The members of one check's node, or nil when it is switched off (`false`, `enabled: false`).
    private static func checkMembers(_ node: YAMLNode, allowed: [String]) throws -> [String: YAMLNode]? {
        if case .scalar = node.node { return try node.bool() ? [:] : nil }
        let members = try node.mapping(allowed: ["enabled"] + allowed)
        if let enabled = members["enabled"], try !enabled.bool() { return nil }
        return members
    }

    private static func loadVolume(_ node: YAMLNode) throws -> HealthConfiguration.Volume? {
        guard let members = try checkMembers(
            node, allowed: ["days", "weeks", "recent_runs", "min_history", "width", "min_relative_change"]) else { return nil }
        var volume = HealthConfiguration.Volume()
        func count(_ key: String, _ range: ClosedRange<Int>) throws -> Int? {
            guard let member = members[key] else { return nil }
            let value = try member.int()
            guard range.contains(value) else { throw member.error("must be between \(range.lowerBound) and \(range.upperBound)") }
            return value
        }
        volume.days = try count("days", 0...366) ?? volume.days
        volume.weeks = try count("weeks", 0...104) ?? volume.weeks
        volume.recentRuns = try count("recent_runs", 0...10_000) ?? volume.recentRuns
        volume.minHistory = try count("min_history", 1...10_000) ?? volume.minHistory
        if let width = members["width"] {
            volume.width = try width.double()
            guard volume.width > 0 else { throw width.error("must be above 0") }
        }
        if let relative = members["min_relative_change"] {
            volume.minRelativeChange = try relative.double()
            guard (0...1).contains(volume.minRelativeChange) else { throw relative.error("must be between 0 and 1") }
        }
        return volume
    }

    private static func loadFreshness(_ node: YAMLNode) throws -> HealthConfiguration.Freshness? {
        guard let members = try checkMembers(node, allowed: ["max_age"]) else { return nil }
        return HealthConfiguration.Freshness(maxAge: try members["max_age"].map(duration))
    }

    private static func loadMissing(_ node: YAMLNode) throws -> HealthConfiguration.Missing? {
        guard let members = try checkMembers(node, allowed: ["alpha", "min_change"]) else { return nil }
        var missing = HealthConfiguration.Missing()
        if let alpha = members["alpha"] {
            missing.alpha = try alpha.double()
            guard let value = missing.alpha, value > 0, value < 1 else { throw alpha.error("must be in (0, 1)") }
        }
        if let change = members["min_change"] {
            missing.minChange = try change.double()
            guard (0...1).contains(missing.minChange) else { throw change.error("must be between 0 and 1") }
        }
        return missing
    }
}

extension HealthConfiguration {
    /// Every check off (`health: false`).
    static var allOff: HealthConfiguration {
        var health = HealthConfiguration()
        (health.volume, health.freshness, health.missing) = (nil, nil, nil)
        return health
    }
}
