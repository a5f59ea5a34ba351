import DriftMonitor
import DriftReport
import DriftProfiles
import DriftTestSupport
import Foundation
import Testing

/// Writes a YAML file into a fresh directory and returns its path.
func configurationFile(_ yaml: String) throws -> String {
    try temporaryFile(yaml, name: "job.yml")
}

/// The configuration `minimalYAML` plus `yaml` loads to.
func loadMinimal(plus yaml: String) throws -> CheckConfiguration {
    try CheckConfiguration.load(path: try configurationFile(minimalYAML + "\n" + yaml), environment: [:])
}

/// The one-line error `minimalYAML` plus `yaml` is refused with (a failed expectation and ""
/// when it loads).
func loadMinimalError(plus yaml: String) throws -> String {
    do {
        _ = try loadMinimal(plus: yaml)
    } catch let error as ConfigurationError {
        return error.description
    }
    Issue.record("expected a configuration error for \(yaml)")
    return ""
}

let minimalYAML = """
    model: churn
    profiles: profiles.db
    production:
      sqlite: data/production.db
      table: predictions
      timestamp_column: ts
    """

@Suite("CheckConfiguration")
struct CheckConfigurationTests {
    func loadError(_ yaml: String, environment: [String: String] = [:]) throws -> String {
        let path = try configurationFile(yaml)
        do {
            _ = try CheckConfiguration.load(path: path, environment: environment)
        } catch let error as ConfigurationError {
            return error.description
        }
        Issue.record("expected a configuration error")
        return ""
    }

    @Test("a missing file is a clear error")
    func missingFile() {
        #expect(throws: ConfigurationError.self) { try CheckConfiguration.load(path: "/nonexistent/job.yml", environment: [:]) }
    }

    @Test("unknown keys are rejected with the key's name and line")
    func unknownKeys() throws {
        let top = try loadError(minimalYAML + "\nalpah: 0.05\n")
        #expect(top.contains("alpah: unknown key"))
        #expect(top.contains("job.yml:7:"))
        let nested = try loadError(minimalYAML.replacingOccurrences(of: "table: predictions", with: "tabel: predictions"))
        #expect(nested.contains("production.tabel: unknown key"))
    }

    @Test("missing required keys are named")
    func missingKeys() throws {
        #expect(try loadError("profiles: p.db\nproduction: {sqlite: a.db, table: t, timestamp_column: ts}\n").contains("model"))
        #expect(try loadError("model: m\nprofiles: p.db\nproduction: {sqlite: a.db, timestamp_column: ts}\n").contains("production.table or production.query"))
        #expect(try loadError("model: m\nprofiles: p.db\nproduction: {sqlite: a.db, table: t, query: 'select 1', timestamp_column: ts}\n").contains("not both"))
    }

    @Test("values out of range or of the wrong type are named")
    func badValues() throws {
        #expect(try loadError(minimalYAML + "\nalpha: 2\n").contains("alpha: must be in (0, 1)"))
        #expect(try loadError(minimalYAML + "\nalpha: lots\n").contains("alpha: expected a number"))
        #expect(try loadError(minimalYAML + "\ncorrection: fdr\n").contains("correction: \"fdr\" is not one of"))
        #expect(try loadError(minimalYAML + "\nmin_samples: 0\n").contains("min_samples: must be at least 1"))
        #expect(try loadError(minimalYAML + "\npushgateway: {url: 'ftp://x'}\n").contains("pushgateway.url"))
        #expect(try loadError(minimalYAML.replacingOccurrences(of: "timestamp_column: ts", with: "timestamp_column: ts\n  window: soon")).contains("production.window: \"soon\" is not a duration"))
        #expect(try loadError(minimalYAML + "\nfeatures: [age, age]\n").contains("listed twice"))
        #expect(try loadError(minimalYAML + "\nfeatures:\n  - name: age\n    test: t_test\n").contains("features[0].test"))
        #expect(try loadError("model: [1\n").contains("invalid YAML"))
        // The effect-size thresholds follow the same range rule as `compare --effect-size`.
        #expect(try loadError(minimalYAML + "\neffect_size: {psi: -0.5}\n").contains("effect_size.psi: must be a number of at least 0, got -0.5"))
        #expect(try loadError(minimalYAML + "\neffect_size: {wasserstein_normalized: .inf}\n").contains("effect_size.wasserstein_normalized: expected a number"))
        #expect(try loadError(minimalYAML + "\neffect_size: {}\n").contains("effect_size: needs psi and/or wasserstein_normalized"))
        #expect(try loadError(minimalYAML + "\neffect_size: {kl: 1}\n").contains("effect_size.kl: unknown key"))
    }

    @Test("a key written twice is one line naming the second occurrence, its key path and the first line")
    func duplicateKeys() throws {
        // A block pasted twice: model and profiles repeated at lines 8 and 9.
        let pasted = minimalYAML + "\nalpha: 0.01\nmodel: churn\nprofiles: other.db\n"
        let error = try loadError(pasted)
        #expect(error.hasSuffix(".yml:8:1: model: duplicate key (first at line 1)"), "\(error)")
        #expect(!error.contains("\n"))
        // Nested, in a flow mapping, and inside a list item.
        let nested = try loadError(minimalYAML + "\n  table: again\n")
        #expect(nested.hasSuffix(":7:3: production.table: duplicate key (first at line 5)"), "\(nested)")
        let flow = try loadError(minimalYAML + "\npushgateway: {url: 'http://a:1', job: x, url: 'http://b:2'}\n")
        #expect(flow.hasSuffix(":7:42: pushgateway.url: duplicate key (first at line 7)"), "\(flow)")
        let listed = try loadError(minimalYAML + "\nfeatures:\n  - name: age\n    test: ks\n    test: cramer_von_mises\n")
        #expect(listed.hasSuffix(":10:5: features[0].test: duplicate key (first at line 9)"), "\(listed)")
    }

    @Test("other YAML syntax errors are one line with the position, never the file's text")
    func syntaxErrorsAreOneLine() throws {
        for broken in ["model: [1\n", "model: churn\n  profiles: x\n bad", "model: \"unterminated\n", "a: b: c\n", "\tmodel: x\n"] {
            let error = try loadError(broken)
            #expect(error.contains("invalid YAML: "), "\(error)")
            #expect(!error.contains("\n"), "\(error)")
            #expect(error.range(of: #"\.yml:\d+:\d+: invalid YAML"#, options: .regularExpression) != nil, "\(error)")
        }
    }

    @Test("defaults, relative paths against the file's folder, durations")
    func defaults() throws {
        let path = try configurationFile(minimalYAML)
        let configuration = try CheckConfiguration.load(path: path, environment: [:])
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        #expect(configuration.model == "churn")
        #expect(configuration.profiles == folder + "/profiles.db")
        #expect(configuration.production.sqlite == folder + "/data/production.db")
        #expect(configuration.production.source == .table("predictions"))
        #expect(configuration.production.window == 3600)
        #expect(configuration.alpha == 0.01)
        #expect(configuration.correction == .none)
        #expect(configuration.minSamples == 50)
        #expect(configuration.features == nil)
        #expect(configuration.pushgateway == nil)
        #expect(configuration.alertmanager == nil)
        #expect(configuration.lockFile == folder + "/profiles.db.churn.lock")
    }

    @Test("every documented key is read")
    func everyKey() throws {
        let path = try configurationFile("""
            model: churn
            profiles: /var/lib/driftwatch/profiles.db
            production:
              sqlite: /var/lib/app/production.db
              query: "SELECT * FROM predictions WHERE model = 'churn'"
              timestamp_column: ts
              window: 7d
            features:
              - age
              - name: monthly_charges
                test: cramer_von_mises
                min_samples: 200
            alpha: 0.05
            correction: holm
            min_samples: 30
            effect_size:
              psi: 0.1
              wasserstein_normalized: 0.2
            pushgateway:
              url: http://127.0.0.1:9091
              job: drift
              timeout: 10s
            alertmanager:
              url: http://127.0.0.1:9093
              runbook_url: https://runbooks.example.com/drift/{model}/{feature}
              severity: page
              job_failure_severity: critical
              timeout: 2s
              resolve_after: 3h
            retries: {attempts: 5, backoff: 250ms}
            lock_file: run/churn.lock
            """)
        let configuration = try CheckConfiguration.load(path: path, environment: [:])
        #expect(configuration.production.source == .query("SELECT * FROM predictions WHERE model = 'churn'"))
        #expect(configuration.production.window == 7 * 86_400)
        #expect(configuration.features == [FeatureConfiguration(name: "age"),
                                           FeatureConfiguration(name: "monthly_charges", test: .cramerVonMises, minSamples: 200)])
        #expect(configuration.alpha == 0.05)
        #expect(configuration.correction == .holm)
        #expect(configuration.minSamples == 30)
        #expect(configuration.effectSize == EffectSizeGate(psi: 0.1, wassersteinNormalized: 0.2))
        #expect(configuration.pushgateway?.url.absoluteString == "http://127.0.0.1:9091")
        #expect(configuration.pushgateway?.job == "drift")
        #expect(configuration.pushgateway?.timeout == 10)
        #expect(configuration.alertmanager?.severity == "page")
        #expect(configuration.alertmanager?.timeout == 2)
        #expect(configuration.alertmanager?.resolveAfter == 10_800)
        #expect(configuration.alertmanager?.runbookURL == "https://runbooks.example.com/drift/{model}/{feature}")
        #expect(configuration.retries == RetryPolicy(attempts: 5, initialBackoff: 0.25))
        #expect(configuration.lockFile.hasSuffix("/run/churn.lock"))
    }

    @Test("environment variables override (and enable) the delivery URLs")
    func environmentOverrides() throws {
        let path = try configurationFile(minimalYAML + "\npushgateway: {url: 'http://127.0.0.1:1'}\n")
        let configuration = try CheckConfiguration.load(path: path, environment: [
            "DRIFTWATCH_PUSHGATEWAY_URL": "http://127.0.0.1:19091",
            "DRIFTWATCH_ALERTMANAGER_URL": "http://127.0.0.1:19093",
        ])
        #expect(configuration.pushgateway?.url.absoluteString == "http://127.0.0.1:19091")
        #expect(configuration.alertmanager?.url.absoluteString == "http://127.0.0.1:19093")
        let bad = try loadError(minimalYAML, environment: ["DRIFTWATCH_ALERTMANAGER_URL": "not a url"])
        #expect(bad.contains("DRIFTWATCH_ALERTMANAGER_URL"))
    }

    @Test("the effect-size gate passes on either threshold")
    func effectSizeGate() {
        let gate = EffectSizeGate(psi: 0.1, wassersteinNormalized: 0.2)
        #expect(gate.passes(psi: 0.2, wassersteinNormalized: 0.0))
        #expect(gate.passes(psi: 0.0, wassersteinNormalized: 0.3))
        #expect(!gate.passes(psi: 0.1, wassersteinNormalized: 0.2))
        #expect(!gate.passes(psi: nil, wassersteinNormalized: nil))
    }
}
