import DriftTestSupport
import Foundation
import Testing

/// The fixture job without delivery, on a private copy of the profile database.
func fixtureCheckJob() throws -> (config: String, profiles: String) {
    let directory = try temporaryDirectory()
    let profiles = directory.appendingPathComponent("profiles.db").path
    try FileManager.default.copyItem(atPath: fixturePath("job/profiles.db"), toPath: profiles)
    let config = directory.appendingPathComponent("churn.yml").path
    try """
        model: churn
        profiles: profiles.db
        production:
          sqlite: \(fixturePath("production/predictions.db"))
          table: predictions
          timestamp_column: ts
        multivariate: false
        """.write(toFile: config, atomically: true, encoding: .utf8)
    return (config, profiles)
}

@Suite("driftwatch check and history")
struct CheckCommandTests {
    /// The fixture job without delivery, on private copies of the profile database.
    func job() throws -> (config: String, profiles: String) { try fixtureCheckJob() }

    @Test("the version is logged first and recorded with the run; history shows it")
    func versionRecorded() throws {
        let version = try driftwatch(["--version"]).standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(version.range(of: #"^\d+\.\d+\.\d+$"#, options: .regularExpression) != nil, "\(version)")
        let (config, profiles) = try job()
        let check = try driftwatch(["check", "--config", config, "--at", "2019-04-30T10:00:00Z"])
        #expect(check.status == 0, "\(check.standardError)")
        let firstLog = try #require(check.standardError.split(separator: "\n").first)
        #expect(firstLog.contains("version=\(version)") && firstLog.contains("driftwatch check"), "\(firstLog)")
        let history = try driftwatch(["history", "--db", profiles, "--model", "churn", "--format", "json"])
        #expect(history.status == 0, "\(history.standardError)")
        let runs = try #require(try JSONSerialization.jsonObject(with: Data(history.standardOutput.utf8)) as? [[String: Any]])
        #expect(runs.count == 1)
        #expect(runs.first?["driftwatch_version"] as? String == version)
    }

    @Test("the summary shows the data-health lines; an hour three hours after the last row is stale (exit 1)")
    func healthLines() throws {
        let (config, profiles) = try job()
        let clean = try driftwatch(["check", "--config", config, "--at", "2019-04-30T10:00:00Z"])
        #expect(clean.status == 0, "\(clean.standardError)")
        let lines = clean.standardOutput.split(separator: "\n").map(String.init)
        let health = try #require(lines.firstIndex(of: "  health"), "\(clean.standardOutput)")
        #expect(Array(lines[(health + 1)...]) == [
            "    volume     400 rows (no baseline: not enough history (0 earlier runs found, 5 needed))",
            "    freshness  newest row 2019-04-30T09:59:58.706Z, 1s before the window's end (limit 2h) ok",
            "    missing    10 features, no spike",
        ])
        let stale = try driftwatch(["check", "--config", config, "--at", "2019-04-30T15:00:00Z"])
        #expect(stale.status == 1, "\(stale.standardError)")
        #expect(stale.standardOutput.contains("0 rows, 0 of 10 features tested, 0 drifted, data-health findings"), "\(stale.standardOutput)")
        #expect(stale.standardOutput.contains("(limit 2h) STALE"), "\(stale.standardOutput)")
        #expect(stale.standardError.contains("data-health findings: stale data"), "\(stale.standardError)")
        // The history keeps each run's row count.
        let history = try driftwatch(["history", "--db", profiles, "--model", "churn", "--format", "json"])
        let runs = try #require(try JSONSerialization.jsonObject(with: Data(history.standardOutput.utf8)) as? [[String: Any]])
        #expect(runs.compactMap { $0["production_rows"] as? Int } == [0, 400])
    }

    @Test("check and compare give the same verdicts on the same window and settings", arguments: [
        ("correction: holm\n", ["--correction", "holm"]),
        ("min_samples: 350\n", ["--min-samples", "350"]),
        ("effect_size: {psi: 0.1}\n", ["--effect-size", "psi=0.1"]),
        ("features:\n  - {name: age, test: cramer_von_mises}\n  - {name: support_calls, test: cramer_von_mises}\n  - contract\n",
         ["--test", "age=cramer_von_mises,support_calls=cramer_von_mises", "--columns", "age,support_calls,contract"]),
    ])
    func checkAndCompareAgree(yaml: String, flags: [String]) throws {
        let (config, profiles) = try job()
        try (try String(contentsOfFile: config, encoding: .utf8) + "\n" + yaml).write(toFile: config, atomically: true, encoding: .utf8)
        let check = try driftwatch(["check", "--config", config, "--at", "2019-04-30T11:00:00Z", "--dry-run"])
        #expect(check.status == 0 || check.status == 1, "\(check.standardError)")
        var fromCheck: [String: Bool] = [:]
        for line in check.standardOutput.split(separator: "\n") where line.hasPrefix("drift_feature_drifted{") {
            let feature = line.split(separator: "\"")[1]
            fromCheck[String(feature)] = line.hasSuffix(" 1.0") || line.hasSuffix(" 1")
        }
        let compare = try driftwatch(["compare", "--profile-db", profiles, "--model", "churn",
                                      "--production-sqlite", fixturePath("production/predictions.db"), "--table", "predictions",
                                      "--timestamp-column", "ts", "--at", "2019-04-30T11:00:00Z", "--format", "json",
                                      "--no-multivariate"] + flags)
        #expect(compare.status == 0, "\(compare.standardError)")
        let root = try #require(try JSONSerialization.jsonObject(with: Data(compare.standardOutput.utf8)) as? [String: Any])
        let list = try #require(root["features"] as? [[String: Any]])
        var fromCompare: [String: Bool] = [:]
        for item in list { if let name = item["name"] as? String { fromCompare[name] = item["drifted"] as? Bool } }
        #expect(!fromCheck.isEmpty)
        #expect(fromCheck == fromCompare, "check \(fromCheck) vs compare \(fromCompare)")
    }

    @Test("a configuration with a key written twice: exit 2 and one line naming file, line and key")
    func duplicateKey() throws {
        let (config, _) = try job()
        try (try String(contentsOfFile: config, encoding: .utf8) + "\nmodel: churn\n").write(toFile: config, atomically: true, encoding: .utf8)
        let result = try driftwatch(["check", "--config", config, "--dry-run"])
        #expect(result.status == 2, "\(result.standardError)")
        let lines = result.standardError.split(separator: "\n")
        #expect(lines.count == 1, "\(result.standardError)")
        #expect(lines.first?.hasSuffix("churn.yml:8:1: model: duplicate key (first at line 1)") == true, "\(result.standardError)")
    }
}
