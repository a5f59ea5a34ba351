import DriftSources
import DriftStatistics
import DriftMultivariate
import DriftReport
import Foundation
import Yams

extension CheckConfiguration {
    /// The environment variables that override configuration values.
    public static let environmentOverrides = [
        "DRIFTWATCH_PUSHGATEWAY_URL": "pushgateway.url",
        "DRIFTWATCH_ALERTMANAGER_URL": "alertmanager.url",
    ]

    /// Loads and validates a job configuration file.
    ///
    /// ```swift
    /// let configuration = try CheckConfiguration.load(path: "/etc/driftwatch/churn.yml")
    /// ```
    ///
    /// - Parameters:
    ///   - path: The YAML file. Relative paths inside it resolve against its folder.
    ///   - environment: Variables for URL overrides (`DRIFTWATCH_PUSHGATEWAY_URL`,
    ///     `DRIFTWATCH_ALERTMANAGER_URL`); a URL given only in the environment enables that
    ///     delivery with default settings.
    /// - Returns: The configuration.
    /// - Throws: ``ConfigurationError`` naming the file, line and key: unknown keys, missing
    ///   required keys, values of the wrong type or out of range.
    /// - Complexity: O(file size).
    public static func load(
        path: String, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> CheckConfiguration {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ConfigurationError(path: path, location: nil, key: "", message: "cannot read (\(error.localizedDescription))")
        }
        let root: Node
        do {
            guard let composed = try Yams.compose(yaml: text) else {
                throw ConfigurationError(path: path, location: nil, key: "", message: "empty configuration")
            }
            root = composed
        } catch let error as ConfigurationError {
            throw error
        } catch {
            throw ConfigurationError.yaml(error, text: text, path: path)
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        func resolve(_ file: String) -> String {
            file.hasPrefix("/") ? file : folder.appendingPathComponent(file).standardizedFileURL.path
        }

        let top = try YAMLNode(node: root, key: "", path: path).mapping(allowed: [
            "model", "profiles", "production", "features", "alpha", "correction", "min_samples",
            "effect_size", "pushgateway", "alertmanager", "retries", "lock_file", "multivariate", "health", "report",
        ])
        func required(_ name: String, in members: [String: YAMLNode], parent: YAMLNode) throws -> YAMLNode {
            guard let member = members[name] else {
                throw parent.error("missing required key \(parent.key.isEmpty ? name : parent.key + "." + name)")
            }
            return member
        }
        let rootNode = YAMLNode(node: root, key: "", path: path)
        let model = try required("model", in: top, parent: rootNode).nonEmptyString()
        let profiles = resolve(try required("profiles", in: top, parent: rootNode).nonEmptyString())
        let production = try loadProduction(try required("production", in: top, parent: rootNode), resolve: resolve)
        var configuration = CheckConfiguration(
            model: model, profiles: profiles, production: production,
            lockFile: try top["lock_file"].map { resolve(try $0.nonEmptyString()) })

        if let features = top["features"] { configuration.features = try loadFeatures(features) }
        if let alpha = top["alpha"] {
            configuration.alpha = try alpha.double()
            guard configuration.alpha > 0, configuration.alpha < 1 else { throw alpha.error("must be in (0, 1)") }
        }
        if let correction = top["correction"] {
            let name = try correction.string()
            guard let value = PValueCorrection(rawValue: name) else {
                throw correction.error("\"\(name)\" is not one of none, bonferroni, holm, bh")
            }
            configuration.correction = value
        }
        if let minSamples = top["min_samples"] {
            configuration.minSamples = try minSamples.int()
            guard configuration.minSamples >= 1 else { throw minSamples.error("must be at least 1") }
        }
        if let gate = top["effect_size"] { configuration.effectSize = try loadEffectSize(gate) }
        if let retries = top["retries"] { configuration.retries = try loadRetries(retries) }
        if let multivariate = top["multivariate"] {
            (configuration.multivariate, configuration.seed) = try loadMultivariate(multivariate, seed: configuration.seed)
        }
        if let health = top["health"] { configuration.health = try loadHealth(health) }
        if let report = top["report"] { configuration.report = try loadReport(report, resolve: resolve) }
        configuration.pushgateway = try loadPushgateway(top["pushgateway"], override: environment["DRIFTWATCH_PUSHGATEWAY_URL"], path: path)
        configuration.alertmanager = try loadAlertmanager(top["alertmanager"], override: environment["DRIFTWATCH_ALERTMANAGER_URL"], path: path)
        return configuration
    }

    private static func loadProduction(_ node: YAMLNode, resolve: (String) -> String) throws -> ProductionConfiguration {
        let members = try node.mapping(allowed: ["sqlite", "table", "query", "timestamp_column", "window"])
        guard let sqlite = members["sqlite"] else { throw node.error("missing required key production.sqlite") }
        guard let timestamp = members["timestamp_column"] else { throw node.error("missing required key production.timestamp_column") }
        let source: SQLiteSource
        switch (members["table"], members["query"]) {
        case let (table?, nil): source = .table(try table.nonEmptyString())
        case let (nil, query?): source = .query(try query.nonEmptyString())
        case (nil, nil): throw node.error("needs production.table or production.query")
        case (_?, let query?): throw query.error("give production.table or production.query, not both")
        }
        var production = ProductionConfiguration(
            sqlite: resolve(try sqlite.nonEmptyString()), source: source, timestampColumn: try timestamp.nonEmptyString())
        if let window = members["window"] { production.window = try duration(window) }
        return production
    }

    private static func loadFeatures(_ node: YAMLNode) throws -> [FeatureConfiguration]? {
        if case .scalar = node.node {
            guard try node.string() == "all" else { throw node.error("expected \"all\" or a list of features") }
            return nil
        }
        var seen: Set<String> = []
        return try node.sequence().map { item in
            let feature: FeatureConfiguration
            if case .scalar = item.node {
                feature = FeatureConfiguration(name: try item.nonEmptyString())
            } else {
                let members = try item.mapping(allowed: ["name", "test", "min_samples"])
                guard let name = members["name"] else { throw item.error("missing required key name") }
                var entry = FeatureConfiguration(name: try name.nonEmptyString())
                if let test = members["test"] {
                    let value = try test.string()
                    guard let chosen = DriftTest(rawValue: value) else {
                        let names = DriftTest.allCases.map(\.rawValue).joined(separator: ", ")
                        throw test.error("\"\(value)\" is not one of \(names)")
                    }
                    entry.test = chosen
                }
                if let minSamples = members["min_samples"] {
                    entry.minSamples = try minSamples.int()
                    guard (entry.minSamples ?? 0) >= 1 else { throw minSamples.error("must be at least 1") }
                }
                feature = entry
            }
            guard seen.insert(feature.name).inserted else { throw item.error("feature \"\(feature.name)\" is listed twice") }
            return feature
        }
    }

    /// `multivariate: false`, or a mapping of the test knobs (the reference's encoding and PCA
    /// model come from the profile).
    private static func loadMultivariate(_ node: YAMLNode, seed: UInt64) throws -> (MultivariateSettings?, UInt64) {
        if case .scalar = node.node {
            return (try node.bool() ? MultivariateSettings() : nil, seed)
        }
        let members = try node.mapping(allowed: ["enabled", "permutations", "bandwidth", "sample_cap", "bootstrap", "band_sigmas", "seed"])
        if let enabled = members["enabled"], try !enabled.bool() { return (nil, seed) }
        var settings = MultivariateSettings()
        var seed = seed
        if let permutations = members["permutations"] { settings.permutations = try permutations.int() }
        if let bandwidth = members["bandwidth"] {
            let text = try bandwidth.string()
            guard let value = KernelBandwidth(parsing: text) else { throw bandwidth.error("must be median or a number above 0, got \"\(text)\"") }
            settings.bandwidth = value
        }
        if let cap = members["sample_cap"] { settings.sampleCap = try cap.int() }
        if let bootstrap = members["bootstrap"] { settings.bootstrap = try bootstrap.int() }
        if let sigmas = members["band_sigmas"] { settings.bandSigmas = try sigmas.double() }
        // The ranges are MultivariateSettings' own; its knob names are these YAML keys.
        do {
            try settings.validate()
        } catch MultivariateError.invalidArgument(let knob, let reason) {
            throw (members[knob] ?? node).error(reason)
        }
        if let value = members["seed"] {
            let number = try value.int()
            guard number >= 0 else { throw value.error("must be at least 0") }
            seed = UInt64(number)
        }
        return (settings, seed)
    }

    private static func loadEffectSize(_ node: YAMLNode) throws -> EffectSizeGate {
        let members = try node.mapping(allowed: EffectSizeGate.keys)
        var gate = EffectSizeGate()
        for key in EffectSizeGate.keys {
            guard let member = members[key] else { continue }
            let value = try member.double()
            if let problem = EffectSizeGate.rangeProblem(value) { throw member.error(problem) }
            try gate.set(key, to: value)
        }
        guard gate.psi != nil || gate.wassersteinNormalized != nil else {
            throw node.error("needs psi and/or wasserstein_normalized")
        }
        return gate
    }

    private static func loadRetries(_ node: YAMLNode) throws -> RetryPolicy {
        let members = try node.mapping(allowed: ["attempts", "backoff"])
        var policy = RetryPolicy()
        if let attempts = members["attempts"] {
            policy.attempts = try attempts.int()
            guard (1...10).contains(policy.attempts) else { throw attempts.error("must be between 1 and 10") }
        }
        if let backoff = members["backoff"] { policy.initialBackoff = try duration(backoff) }
        return policy
    }

    private static func loadPushgateway(_ node: YAMLNode?, override: String?, path: String) throws -> PushgatewayConfiguration? {
        guard node != nil || override != nil else { return nil }
        let members = try node?.mapping(allowed: ["url", "job", "timeout"]) ?? [:]
        let url = try overriddenURL(members["url"], override: override, name: "DRIFTWATCH_PUSHGATEWAY_URL", key: "pushgateway.url", path: path)
        var configuration = PushgatewayConfiguration(url: url)
        if let job = members["job"] {
            configuration.job = try job.nonEmptyString()
            guard configuration.job.allSatisfy({ $0.isLetter || $0.isNumber || "_-.:".contains($0) }) else {
                throw job.error("use letters, digits, _ - . : only")
            }
        }
        if let timeout = members["timeout"] { configuration.timeout = try duration(timeout) }
        return configuration
    }

    private static func loadAlertmanager(_ node: YAMLNode?, override: String?, path: String) throws -> AlertmanagerConfiguration? {
        guard node != nil || override != nil else { return nil }
        let members = try node?.mapping(allowed: ["url", "runbook_url", "severity", "job_failure_severity", "timeout", "resolve_after"]) ?? [:]
        let url = try overriddenURL(members["url"], override: override, name: "DRIFTWATCH_ALERTMANAGER_URL", key: "alertmanager.url", path: path)
        var configuration = AlertmanagerConfiguration(url: url)
        if let runbook = members["runbook_url"] { configuration.runbookURL = try runbook.nonEmptyString() }
        if let severity = members["severity"] { configuration.severity = try severity.nonEmptyString() }
        if let severity = members["job_failure_severity"] { configuration.jobFailureSeverity = try severity.nonEmptyString() }
        if let timeout = members["timeout"] { configuration.timeout = try duration(timeout) }
        if let resolveAfter = members["resolve_after"] { configuration.resolveAfter = try duration(resolveAfter) }
        return configuration
    }

    private static func overriddenURL(_ node: YAMLNode?, override: String?, name: String, key: String, path: String) throws -> URL {
        if let override {
            let fake = YAMLNode(node: Node(override), key: "\(key) (from \(name))", path: path)
            return try fake.url()
        }
        guard let node else {
            throw ConfigurationError(path: path, location: nil, key: key, message: "missing required key")
        }
        return try node.url()
    }

    static func duration(_ node: YAMLNode) throws -> TimeInterval {
        let text = try node.string()
        do {
            let seconds = try parseDuration(text)
            guard seconds > 0 else { throw node.error("must be positive") }
            return seconds
        } catch let error as ConfigurationError {
            throw error
        } catch {
            throw node.error("\"\(text)\" is not a duration like 30s, 5m, 1h, 7d")
        }
    }
}
