import DriftTestSupport
import Foundation
import Testing

/// Runs the built `driftwatch` binary, as a user would.
struct CLIResult {
    let status: Int32
    let standardOutput: String
    let standardError: String
}

func driftwatch(_ arguments: [String]) throws -> CLIResult {
    let process = Process()
    process.executableURL = driftwatchBinary
    process.arguments = arguments
    let output = Pipe()
    let error = Pipe()
    process.standardOutput = output
    process.standardError = error
    try process.run()
    let outputData = output.fileHandleForReading.readDataToEndOfFile()
    let errorData = error.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return CLIResult(
        status: process.terminationStatus,
        standardOutput: String(decoding: outputData, as: UTF8.self),
        standardError: String(decoding: errorData, as: UTF8.self))
}

/// The `driftwatch` executable built beside this test bundle.
let driftwatchBinary: URL = {
    let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    var directory = executable.deletingLastPathComponent()
    while directory.path != "/" {
        let candidate = directory.appendingPathComponent("driftwatch")
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        directory = directory.deletingLastPathComponent()
    }
    return URL(fileURLWithPath: "driftwatch")
}()

@Suite("driftwatch compare")
struct CompareCommandTests {
    @Test("a missing file exits non-zero with one line on stderr naming it")
    func missingFile() throws {
        let result = try driftwatch(["compare", "/nonexistent/ref.csv", fixturePath("churn/production-clean.csv")])
        #expect(result.status != 0)
        #expect(result.standardOutput.isEmpty)
        let lines = result.standardError.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(result.standardError.contains("/nonexistent/ref.csv: cannot open"))
    }

    @Test("no common columns exits non-zero with one line")
    func noCommonColumns() throws {
        let result = try driftwatch(["compare", try temporaryFile("a\n1\n"), try temporaryFile("b\n1\n")])
        #expect(result.status != 0)
        #expect(result.standardError.contains("no column in common"))
        #expect(result.standardError.split(separator: "\n").count == 1)
    }

    @Test("unparsable CSV exits non-zero naming the line")
    func unparsable() throws {
        let bad = try temporaryFile("a,b\n1,2\n3\n")
        let result = try driftwatch(["compare", fixturePath("churn/reference.csv"), bad])
        #expect(result.status != 0)
        #expect(result.standardError.contains(":3: 1 field, the header has 2"))
    }

    @Test("bad option values are rejected before any work")
    func badOptions() throws {
        let reference = fixturePath("churn/reference.csv")
        #expect(try driftwatch(["compare", reference, reference, "--alpha", "2"]).status != 0)
        #expect(try driftwatch(["compare", reference, reference, "--psi-bins", "1"]).status != 0)
        #expect(try driftwatch(["compare", reference, reference, "--correction", "fdr"]).status != 0)
        let unknown = try driftwatch(["compare", reference, reference, "--columns", "age,nope"])
        #expect(unknown.status != 0)
        #expect(unknown.standardError.contains("nope"))
    }

    @Test("a negative number is read as the option's value and refused with what is wrong with it", arguments: [
        (["--alpha", "-1"], "--alpha must be in (0, 1), got -1.0"),
        (["--alpha", "-0.5e-3"], "--alpha must be in (0, 1), got -0.0005"),
        (["--psi-bins", "-3"], "--psi-bins must be at least 2, got -3"),
        (["--permutations", "-5"], "--permutations must be at least 1, got -5"),
        (["--bandwidth", "-2"], "--bandwidth must be 'median' or a number above 0, got '-2'"),
        (["--version", "-1", "--profile-db", "/nonexistent.db", "--model", "m"], "--version must be at least 1, got -1"),
    ])
    func negativeValues(options: [String], message: String) throws {
        let reference = fixturePath("churn/reference.csv")
        let files = options.contains("--profile-db") ? [reference] : [reference, reference]
        let result = try driftwatch(["compare"] + files + options)
        #expect(result.status == 64, "\(result.standardError)")
        #expect(result.standardError.contains(message), "\(result.standardError)")
        #expect(!result.standardError.contains("Missing value"))
    }

    @Test("profile commands read negative numbers as values too", arguments: [
        (["profile", "create", "--db", "/tmp/x.db", "--model", "m", "--csv", "r.csv", "--bins", "-2"], "--bins must be at least 2, got -2"),
        (["profile", "create", "--db", "/tmp/x.db", "--model", "m", "--csv", "r.csv", "--sample-cap", "-10"], "--sample-cap must be at least 1, got -10"),
        (["profile", "activate", "--db", "/tmp/x.db", "--model", "m", "--version", "-1"], "--version must be at least 1, got -1"),
        (["profile", "show", "--db", "/tmp/x.db", "--model", "m", "--version", "-4"], "--version must be at least 1, got -4"),
        (["history", "--db", "/tmp/x.db", "--model", "m", "--limit", "-1"], "--limit must be at least 1, got -1"),
    ])
    func negativeValuesElsewhere(arguments: [String], message: String) throws {
        let result = try driftwatch(arguments)
        #expect(result.status == 64, "\(result.standardError)")
        #expect(result.standardError.contains(message), "\(result.standardError)")
    }

    func features(_ result: CLIResult) throws -> [String: [String: Any]] {
        let root = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        let list = try #require(root["features"] as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: list.compactMap { item in (item["name"] as? String).map { ($0, item) } })
    }

    @Test("--test, --min-samples and --effect-size decide as the job's settings do")
    func policyFlags() throws {
        let reference = fixturePath("churn/reference.csv")
        let drifted = fixturePath("churn/production-drifted.csv")
        let base = ["compare", reference, drifted, "--format", "json", "--no-multivariate"]

        let chosen = try driftwatch(base + ["--test", "age=cramer_von_mises", "--test", "satisfaction=cramer_von_mises,tenure_months=ks"])
        #expect(chosen.status == 0, "\(chosen.standardError)")
        let byName = try features(chosen)
        #expect(byName["age"]?["deciding_test"] as? String == "cramer_von_mises")
        #expect(byName["satisfaction"]?["deciding_test"] as? String == "cramer_von_mises")
        #expect(byName["tenure_months"]?["deciding_test"] == nil)   // the default is not repeated

        // The drifted hour has 1 000 rows (986 for total_charges, which has missing values).
        let few = try features(try driftwatch(base + ["--min-samples", "990"]))
        #expect(few["total_charges"]?["status"] as? String == "insufficient_samples")
        #expect(few["total_charges"]?["reason"] as? String == "production has 986 values, min_samples is 990")
        #expect(few["total_charges"]?["ks"] == nil && few["total_charges"]?["drifted"] as? Bool == false)
        #expect(few["age"]?["status"] == nil && few["age"]?["ks"] != nil)
        let none = try features(try driftwatch(base + ["--min-samples", "2000"]))
        #expect(none.values.allSatisfy { $0["status"] as? String == "insufficient_samples" && $0["drifted"] as? Bool == false })

        func driftedNames(_ byName: [String: [String: Any]]) -> Set<String> {
            Set(byName.filter { $0.value["drifted"] as? Bool == true }.keys)
        }
        let ungated = driftedNames(try features(try driftwatch(base)))
        let gatedFeatures = try features(try driftwatch(base + ["--effect-size", "psi=0.1"]))
        let gated = driftedNames(gatedFeatures)
        #expect(gated.isStrictSubset(of: ungated) && gated.contains("monthly_charges"), "\(gated) of \(ungated)")
        for name in ungated {
            let psi = (gatedFeatures[name]?["psi"] as? [String: Any])?["value"] as? Double ?? 0
            #expect(gated.contains(name) == (psi > 0.1), "\(name): psi \(psi)")
        }
    }

    @Test("bad policy flags are one clear line", arguments: [
        (["--test", "age=t_test"], "--test age: 't_test' is not one of ks, cramer_von_mises, chi_square", Int32(64)),
        (["--test", "age"], "--test expects FEATURE=TEST, got 'age'", Int32(64)),
        (["--test", "age=ks", "--test", "age=cramer_von_mises"], "--test names age twice", Int32(64)),
        (["--effect-size", "psi=-1"], "--effect-size psi must be a number of at least 0, got -1.0", Int32(64)),
        (["--effect-size", "wasserstein_normalized=inf"], "--effect-size wasserstein_normalized must be a number of at least 0, got inf", Int32(64)),
        (["--effect-size", "psi"], "--effect-size expects psi=X and/or wasserstein_normalized=Y with X, Y >= 0, got 'psi'", Int32(64)),
        (["--effect-size", "kl=1"], "--effect-size: 'kl' is not psi or wasserstein_normalized", Int32(64)),
        (["--min-samples", "-1"], "--min-samples must be at least 0, got -1", Int32(64)),
        (["--test", "contract=ks"], "feature contract is categorical; test ks does not apply (use chi_square)", Int32(1)),
        (["--test", "nope=ks"], "nope has a deciding test or min_samples of its own, but is not compared", Int32(1)),
    ])
    func badPolicyFlags(options: [String], message: String, status: Int32) throws {
        let reference = fixturePath("churn/reference.csv")
        let result = try driftwatch(["compare", reference, fixturePath("churn/production-clean.csv"), "--no-multivariate"] + options)
        #expect(result.status == status, "\(result.standardError)")
        #expect(result.standardError.contains(message), "\(result.standardError)")
        // Option errors come with the usage lines (exit 64); input errors are one line (exit 1).
        #expect(status == 64 || result.standardError.split(separator: "\n").count == 1, "\(result.standardError)")
        #expect(result.standardError.split(separator: "\n").first?.contains(message) == true, "\(result.standardError)")
    }

    @Test("--format json prints the documented document for the fixtures, exit 0 even with drift")
    func json() throws {
        let result = try driftwatch(["compare", fixturePath("churn/reference.csv"), fixturePath("churn/production-drifted.csv"),
                                     "--format", "json"])
        #expect(result.status == 0, "\(result.standardError)")
        let root = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        let features = try #require(root["features"] as? [[String: Any]])
        #expect(features.count == 10)
        let drifted = features.filter { $0["drifted"] as? Bool == true }.compactMap { $0["name"] as? String }
        #expect(Set(drifted) == ["monthly_charges", "total_charges", "support_calls", "contract"])
    }

    @Test("--columns, --correction, --alpha and PSI options reach the report")
    func options() throws {
        let result = try driftwatch(["compare", fixturePath("churn/reference.csv"), fixturePath("churn/production-drifted.csv"),
                                     "--format", "json", "--columns", "age, contract", "--correction", "bh",
                                     "--alpha", "0.05", "--psi-bins", "5", "--psi-binning", "uniform"])
        #expect(result.status == 0, "\(result.standardError)")
        let root = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        #expect(root["alpha"] as? Double == 0.05)
        let features = try #require(root["features"] as? [[String: Any]])
        #expect(features.compactMap { $0["name"] as? String } == ["age", "contract"])
        #expect(features.allSatisfy { $0["p_value_adjusted"] != nil })
        let age = try #require(features.first)
        #expect((age["psi"] as? [String: Any])?["bins"] as? Int == 5)
    }

    @Test("the default table output lists every feature and the verdict")
    func table() throws {
        let result = try driftwatch(["compare", fixturePath("churn/reference.csv"), fixturePath("churn/production-clean.csv")])
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("0 of 10 features drifted"))
        #expect(result.standardOutput.split(separator: "\n").count >= 13)
    }
}
