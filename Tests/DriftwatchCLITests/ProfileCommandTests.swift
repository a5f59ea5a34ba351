import DriftProfiles
import DriftTestSupport
import Foundation
import Testing

@Suite("driftwatch profile")
struct ProfileCommandTests {
    @Test("list on a missing database is a one-line error")
    func listMissing() throws {
        let result = try driftwatch(["profile", "list", "--db", "/nonexistent/profiles.db"])
        #expect(result.status != 0)
        #expect(result.standardError.split(separator: "\n").count == 1)
        #expect(result.standardError.contains("/nonexistent/profiles.db"))
    }

    @Test("create needs exactly one source")
    func createSources() throws {
        let db = try temporaryDirectory().appendingPathComponent("p.db").path
        #expect(try driftwatch(["profile", "create", "--db", db, "--model", "m"]).status != 0)
        #expect(try driftwatch(["profile", "create", "--db", db, "--model", "m", "--csv", "a.csv", "--sqlite", "b.db"]).status != 0)
        #expect(try driftwatch(["profile", "create", "--db", db, "--model", "m", "--sqlite", "b.db"]).status != 0)
        #expect(!FileManager.default.fileExists(atPath: db))
    }

    @Test("create, list, show, activate: the whole workflow on the churn fixture")
    func workflow() throws {
        let db = try temporaryDirectory().appendingPathComponent("profiles.db").path
        let first = try driftwatch(["profile", "create", "--db", db, "--model", "churn", "--csv", fixturePath("churn/reference.csv")])
        #expect(first.status == 0, "\(first.standardError)")
        #expect(first.standardOutput.contains("churn: wrote version 1"))
        #expect(first.standardOutput.contains("10 (7 numeric, 3 categorical)"))
        let second = try driftwatch(["profile", "create", "--db", db, "--model", "churn", "--csv", fixturePath("churn/reference.csv"),
                                     "--sample-cap", "1000", "--bins", "5"])
        #expect(second.status == 0, "\(second.standardError)")
        #expect(second.standardOutput.contains("wrote version 2"))
        #expect(second.standardOutput.contains("reservoir of 1000"))

        let list = try driftwatch(["profile", "list", "--db", db])
        #expect(list.status == 0)
        let rows = list.standardOutput.split(separator: "\n").filter { $0.hasPrefix("churn") }
        #expect(rows.count == 2)

        let show = try driftwatch(["profile", "show", "--db", db, "--model", "churn", "--format", "json"])
        #expect(show.status == 0, "\(show.standardError)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(show.standardOutput.utf8)) as? [String: Any])
        #expect(json["version"] as? Int == 2)
        #expect(json["active"] as? Bool == true)
        let features = try #require(json["features"] as? [[String: Any]])
        let charges = try #require(features.first { $0["name"] as? String == "monthly_charges" })
        #expect((charges["sample"] as? [String: Any])?["method"] as? String == "reservoir")
        #expect((charges["sample"] as? [String: Any])?["size"] as? Int == 1000)

        let activate = try driftwatch(["profile", "activate", "--db", db, "--model", "churn", "--version", "1"])
        #expect(activate.status == 0)
        #expect(activate.standardOutput.contains("version 1 is now active (was 2)"))
        let table = try driftwatch(["profile", "show", "--db", db, "--model", "churn"])
        #expect(table.standardOutput.contains("churn version 1 (active)"))
        #expect(table.standardOutput.contains("exact 5000"))

        let badVersion = try driftwatch(["profile", "activate", "--db", db, "--model", "churn", "--version", "9"])
        #expect(badVersion.status != 0)
        #expect(badVersion.standardError.contains("no version 9"))
    }

    @Test("create builds the multivariate reference with the given knobs; show prints it as text and JSON")
    func multivariateReference() throws {
        let db = try temporaryDirectory().appendingPathComponent("profiles.db").path
        let create = try driftwatch(["profile", "create", "--db", db, "--model", "churn", "--csv", fixturePath("churn/reference.csv"),
                                     "--multivariate-sample", "500", "--max-categories", "2", "--pca-variance", "0.5"])
        #expect(create.status == 0, "\(create.standardError)")
        #expect(create.standardOutput.contains("multivariate: 500 rows sampled of 3831 complete (1169 dropped), 16 encoded columns"))

        let table = try driftwatch(["profile", "show", "--db", db, "--model", "churn"])
        #expect(table.status == 0, "\(table.standardError)")
        #expect(table.standardOutput.contains("multivariate: 500 rows sampled of 3831 complete, 1169 dropped (cap 500, seed 24301)"))
        #expect(table.standardOutput.contains("features: 10 (7 numeric, 3 categorical), 16 encoded columns (at most 2 categories per feature)"))
        #expect(table.standardOutput.contains("for 50.0% of the variance; cumulative explained variance "))

        let show = try driftwatch(["profile", "show", "--db", db, "--model", "churn", "--format", "json"])
        #expect(show.status == 0, "\(show.standardError)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(show.standardOutput.utf8)) as? [String: Any])
        let multivariate = try #require(json["multivariate"] as? [String: Any])
        #expect(multivariate["enabled"] as? Bool == true)
        #expect(multivariate["problem"] is NSNull)
        #expect(multivariate["sample_cap"] as? Int == 500 && multivariate["max_categories"] as? Int == 2)
        #expect(multivariate["pca_variance"] as? Double == 0.5)
        #expect(multivariate["sample_rows"] as? Int == 500)
        #expect(multivariate["complete_rows"] as? Int == 3_831 && multivariate["dropped_rows"] as? Int == 1_169)
        #expect(multivariate["encoded_columns"] as? Int == 16)
        let features = try #require(multivariate["features"] as? [[String: Any]])
        #expect(features.count == 10)
        let payment = try #require(features.first { $0["name"] as? String == "payment_method" })
        #expect(payment["kind"] as? String == "categorical" && (payment["categories"] as? [String])?.count == 2)
        let components = try #require(multivariate["components"] as? Int)
        let cumulative = try #require(multivariate["cumulative_explained_variance"] as? [Double])
        #expect(cumulative.count == components && components >= 1)
        #expect(cumulative.last.map { $0 > 0.5 } == true)
        #expect(cumulative.dropLast().allSatisfy { $0 <= 0.5 })
    }

    @Test("--no-multivariate, and a source too small for it, still write a profile that says why it has none")
    func multivariateProblems() throws {
        let db = try temporaryDirectory().appendingPathComponent("profiles.db").path
        let off = try driftwatch(["profile", "create", "--db", db, "--model", "churn", "--csv", fixturePath("churn/reference.csv"),
                                  "--no-multivariate"])
        #expect(off.status == 0, "\(off.standardError)")
        #expect(off.standardOutput.contains("multivariate: none (disabled when the profile was built)"))
        let show = try driftwatch(["profile", "show", "--db", db, "--model", "churn", "--format", "json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(show.standardOutput.utf8)) as? [String: Any])
        let multivariate = try #require(json["multivariate"] as? [String: Any])
        #expect(multivariate["enabled"] as? Bool == false)
        #expect(multivariate["problem"] as? String == "disabled when the profile was built")
        #expect(multivariate["sample_rows"] == nil)

        let small = try temporaryFile("x,plan\n1,a\n2,b\n3,a\n")
        let few = try driftwatch(["profile", "create", "--db", db, "--model", "small", "--csv", small])
        #expect(few.status == 0, "\(few.standardError)")
        #expect(few.standardOutput.contains("multivariate: none (reference: 3 complete rows; the test needs at least 4)"))
        let table = try driftwatch(["profile", "show", "--db", db, "--model", "small"])
        #expect(table.standardOutput.contains("multivariate: none (reference: 3 complete rows; the test needs at least 4)"))
    }

    @Test("multivariate options out of range are one-line errors and write nothing")
    func multivariateOptionErrors() throws {
        let db = try temporaryDirectory().appendingPathComponent("p.db").path
        let cases = [
            (["--multivariate-sample", "3"], "--multivariate-sample: 3 is below 4 (the PCA fit needs 4 complete rows)"),
            (["--multivariate-sample", "50001"], "--multivariate-sample: 50001 is above 50000 (the MMD kernel matrix grows with its square)"),
            (["--max-categories", "0"], "--max-categories: 0 is below 1"),
            (["--pca-variance", "1"], "--pca-variance: 1.0 is not in (0, 1)"),
            (["--pca-variance", "0"], "--pca-variance: 0.0 is not in (0, 1)"),
        ]
        for (options, message) in cases {
            let result = try driftwatch(["profile", "create", "--db", db, "--model", "m", "--csv", fixturePath("churn/reference.csv")] + options)
            #expect(result.status != 0)
            #expect(result.standardError.contains(message), "\(result.standardError)")
        }
        #expect(!FileManager.default.fileExists(atPath: db))
    }

    @Test("a file that is not a profile database is refused and left untouched")
    func notADatabase() throws {
        let path = fixturePath("churn/reference.csv")
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let result = try driftwatch(["profile", "list", "--db", path])
        #expect(result.status != 0)
        #expect(result.standardError.contains("not a Driftwatch profile database"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }
}

@Suite("driftwatch compare with profiles and SQLite production")
struct CompareProfileTests {
    func profileDatabase(sampleCap: Int? = nil) throws -> String {
        let db = try temporaryDirectory().appendingPathComponent("profiles.db").path
        var arguments = ["profile", "create", "--db", db, "--model", "churn", "--csv", fixturePath("churn/reference.csv")]
        if let sampleCap { arguments += ["--sample-cap", String(sampleCap)] }
        let result = try driftwatch(arguments)
        #expect(result.status == 0, "\(result.standardError)")
        return db
    }

    @Test("under the cap, comparing with the profile prints exactly what comparing the raw CSVs prints")
    func identicalToRawCSV() throws {
        let db = try profileDatabase()
        for hour in ["churn/production-clean.csv", "churn/production-drifted.csv"] {
            let raw = try driftwatch(["compare", fixturePath("churn/reference.csv"), fixturePath(hour), "--format", "json"])
            let profiled = try driftwatch(["compare", "--profile-db", db, "--model", "churn", fixturePath(hour), "--format", "json"])
            #expect(raw.status == 0 && profiled.status == 0, "\(profiled.standardError)")
            #expect(raw.standardOutput == profiled.standardOutput)
            #expect(!raw.standardOutput.isEmpty)
        }
    }

    @Test("a SQLite production window: the drifted hour drifts, the hour before does not")
    func sqliteWindows() throws {
        let db = try profileDatabase()
        func verdict(_ at: String) throws -> Set<String> {
            let result = try driftwatch(["compare", "--profile-db", db, "--model", "churn",
                                         "--production-sqlite", fixturePath("production/predictions.db"), "--table", "predictions",
                                         "--timestamp-column", "ts", "--at", at, "--window", "1h", "--format", "json"])
            #expect(result.status == 0, "\(result.standardError)")
            let root = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
            let features = try #require(root["features"] as? [[String: Any]])
            // Every one of the hour's 400 rows is either tested or counted as missing.
            for feature in features {
                let tested = feature["production_count"] as? Int ?? -1
                let missing = (feature["missing"] as? [String: Any])?["production"] as? Int ?? -1
                #expect(tested + missing == 400, "\(feature["name"] ?? "?")")
            }
            return Set(features.filter { $0["drifted"] as? Bool == true }.compactMap { $0["name"] as? String })
        }
        let drifted = try verdict("2019-04-30T11:00:00Z")
        #expect(drifted.contains("monthly_charges"))
        #expect(drifted.contains("support_calls"))
        #expect(try verdict("2019-04-30T10:00:00Z").isEmpty)
    }

    @Test("an empty window is reported, not a crash")
    func emptyWindow() throws {
        let db = try profileDatabase()
        let result = try driftwatch(["compare", "--profile-db", db, "--model", "churn",
                                     "--production-sqlite", fixturePath("production/predictions.db"), "--table", "predictions",
                                     "--timestamp-column", "ts", "--at", "2020-01-01T00:00:00Z", "--format", "json"])
        #expect(result.status == 0)
        #expect(result.standardError.contains("no production rows"))
        #expect(result.standardOutput.contains("production: sample is empty"))
    }

    @Test("text in a numeric production column is that feature's error; the others still run")
    func textInNumericColumn() throws {
        let db = try profileDatabase()
        var text = try String(contentsOfFile: fixturePath("churn/production-clean.csv"), encoding: .utf8)
        text = text.replacingOccurrences(of: "\n16,", with: "\nsixteen,")
        let production = try temporaryDirectory().appendingPathComponent("p.csv")
        try text.write(to: production, atomically: true, encoding: .utf8)
        #expect(text.contains("sixteen,"))
        let result = try driftwatch(["compare", "--profile-db", db, "--model", "churn", production.path, "--format", "json"])
        #expect(result.status == 0, "\(result.standardError)")
        let root = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        let features = try #require(root["features"] as? [[String: Any]])
        let tenure = try #require(features.first { $0["name"] as? String == "tenure_months" })
        let ks = try #require(tenure["ks"] as? [String: Any])
        #expect((ks["error"] as? String)?.contains("text value") == true)
        let charges = try #require(features.first { $0["name"] as? String == "monthly_charges" })
        #expect((charges["ks"] as? [String: Any])?["p_value"] is NSNumber)
    }
}
