import DriftTestSupport
import Foundation
import Testing

/// A JSON document read with `JSONDecoder`, whose numbers round-trip exactly (Foundation's
/// `JSONSerialization` on Linux can be an ulp off for 17-digit numbers).
enum ExactJSON: Decodable {
    case object([String: ExactJSON]), array([ExactJSON]), number(Double), string(String), bool(Bool), null

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([ExactJSON].self) { self = .array(value) }
        else { self = .object(try container.decode([String: ExactJSON].self)) }
    }

    subscript(key: String) -> ExactJSON? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    var number: Double? {
        if case .number(let value) = self { return value }
        return nil
    }
}

/// `%.4g`, what the page shows for a number (the alert annotations' format).
func shown(_ value: Double) -> String { String(format: "%.4g", value) }

/// Checks every number the page shows for each feature against `compare --format json`: the
/// table's exact `data-value` and its text, the verdict's p-value and the KS label. Returns how
/// many cells were compared.
@discardableResult
func expectNumbersMatch(page tree: XMLTree, json: ExactJSON, columns skipped: Set<String> = []) throws -> Int {
    guard case .array(let features)? = json["features"] else {
        Issue.record("no features in the JSON")
        return 0
    }
    var byName: [String: ExactJSON] = [:]
    for item in features { if case .string(let name)? = item["name"] { byName[name] = item } }
    let table = try #require(tree.all.first { $0.name == "table" })
    let headers = table.elements("th").map(\.allText)
    var compared = 0
    for row in table.elements("tbody").first?.elements("tr") ?? [] {
        let cells = row.elements("td")
        let name = cells.first?.allText ?? ""
        let feature = try #require(byName[name], "\(name) is not in the JSON")
        let test = cells[headers.firstIndex(of: "deciding test") ?? 2].allText
        func member(_ path: [String]) -> ExactJSON? {
            var value: ExactJSON? = feature
            for key in path { value = value?[key] }
            return value
        }
        let paths: [String: [String]] = [
            "p-value": [test, "p_value"], "statistic": [test, "statistic"], "PSI": ["psi", "value"],
            "Wasserstein (normalized)": ["wasserstein", "normalized"], "n ref": ["reference_count"],
            "n prod": ["production_count"], "missing ref (cells)": ["missing", "reference"],
            "missing prod (cells)": ["missing", "production"],
        ]
        for (column, header) in headers.enumerated() where !skipped.contains(header) {
            let path = header.hasPrefix("p-value (") ? ["p_value_adjusted"] : paths[header]
            guard let path else { continue }
            let cell = cells[column]
            if let number = member(path)?.number {
                #expect(Double(cell.attributes["data-value"] ?? "") == number, "\(name) \(header): \(cell.attributes) vs \(number)")
                let text = header.hasPrefix("n ") || header.hasPrefix("missing") ? String(Int(number)) : shown(number)
                #expect(cell.allText == text, "\(name) \(header)")
            } else {
                #expect(cell.attributes["data-value"] == "none" && cell.allText == "-", "\(name) \(header): \(cell.attributes)")
            }
            compared += 1
        }
        // The section's verdict and the KS label say the same numbers.
        let section = try #require(tree.all.first { $0.name == "section" && $0.attributes["data-feature"] == name })
        if let p = member([test, "p_value"])?.number {
            #expect(section.all.first { $0.hasClass("verdict") }?.text.contains("\(test) p-value \(shown(p))") == true, "\(name)")
        }
        if let d = member(["ks", "statistic"])?.number, feature["status"] == nil {
            #expect(section.all.first { $0.hasClass("ks-label") }?.text == "D = \(shown(d))", "\(name)")
        }
    }
    let drifted = features.filter { if case .bool(true)? = $0["drifted"] { return true } else { return false } }.count
    let tested = features.filter { $0["status"] == nil }.count
    #expect(tree.all.first { $0.hasClass("headline") }?.text.hasPrefix("\(tested) of \(features.count) features tested, \(drifted) drifted") == true)
    return compared
}

@Suite("driftwatch report")
struct ReportCommandTests {
    func json(_ result: CLIResult) throws -> ExactJSON {
        try JSONDecoder().decode(ExactJSON.self, from: Data(result.standardOutput.utf8))
    }

    func page(_ path: String) throws -> XMLTree {
        try XMLTree.parse(try String(contentsOfFile: path, encoding: .utf8))
    }

    @Test("two CSV files: a well-formed page whose every number is the compare JSON's, one plot per feature, nothing external")
    func csvFiles() throws {
        let inputs = [fixturePath("churn/reference.csv"), fixturePath("churn/production-drifted.csv")]
        let output = try temporaryDirectory().appendingPathComponent("report.html").path
        let report = try driftwatch(["report"] + inputs + ["--output", output])
        #expect(report.status == 0 && report.standardOutput.isEmpty && report.standardError.isEmpty, "\(report.standardError)")
        let compare = try driftwatch(["compare"] + inputs + ["--format", "json"])
        let tree = try page(output)
        #expect(try expectNumbersMatch(page: tree, json: try json(compare)) == 10 * 8)
        #expect(tree.all.filter { $0.name == "figure" && $0.hasClass("plot") }.count == 10)
        #expect(tree.all.filter { $0.name == "section" && $0.hasClass("feature") }.count == 10)
        let links = tree.all.flatMap { element in ["src", "href"].compactMap { element.attributes[$0] } }
        #expect(!links.isEmpty && links.allSatisfy { $0.hasPrefix("#") }, "\(links.filter { !$0.hasPrefix("#") })")
        // The multivariate verdicts are in the summary.
        #expect(tree.all.first { $0.hasClass("multivariate") }?.allText.contains("mmd") == true)
    }

    @Test("a profile against a SQLite window with a correction: the adjusted p-values match too, and the window is named")
    func profileWindow() throws {
        let (_, profiles) = try fixtureCheckJob()
        let options = ["--profile-db", profiles, "--model", "churn", "--production-sqlite", fixturePath("production/predictions.db"),
                       "--table", "predictions", "--timestamp-column", "ts", "--at", "2019-04-30T11:00:00Z",
                       "--correction", "holm", "--no-multivariate"]
        let output = try temporaryDirectory().appendingPathComponent("report.html").path
        let report = try driftwatch(["report"] + options + ["--output", output])
        #expect(report.status == 0, "\(report.standardError)")
        let compare = try driftwatch(["compare"] + options + ["--format", "json"])
        let tree = try page(output)
        #expect(try expectNumbersMatch(page: tree, json: try json(compare)) == 10 * 9)
        let facts = tree.elements("dd").map(\.text)
        #expect(facts.contains("[2019-04-30T10:00:00Z, 2019-04-30T11:00:00Z)"), "\(facts)")
        #expect(facts.contains("version 1") && facts.contains("holm"), "\(facts)")
    }

    @Test("a recorded run: the page shows what check recorded (equal to compare on the same window) and the p-value history")
    func recordedRun() throws {
        let (config, profiles) = try fixtureCheckJob()
        for hour in ["09", "10", "11"] {
            let check = try driftwatch(["check", "--config", config, "--at", "2019-04-30T\(hour):00:00Z"])
            #expect(check.status == 0 || check.status == 1, "\(check.standardError)")
        }
        let output = try temporaryDirectory().appendingPathComponent("run.html").path
        let report = try driftwatch(["report", "--db", profiles, "--model", "churn", "--output", output])
        #expect(report.status == 0, "\(report.standardError)")
        let compare = try driftwatch([
            "compare", "--profile-db", profiles, "--model", "churn", "--production-sqlite", fixturePath("production/predictions.db"),
            "--table", "predictions", "--timestamp-column", "ts", "--at", "2019-04-30T11:00:00Z", "--no-multivariate",
            "--min-samples", "50", "--format", "json",
        ])
        let tree = try page(output)
        // Missing values are shares of rows in a run, counts in compare: the other columns compare.
        #expect(try expectNumbersMatch(page: tree, json: try json(compare), columns: ["missing ref (share)", "missing prod (share)"]) == 10 * 6)
        #expect(tree.all.filter { $0.name == "figure" && $0.hasClass("plot") }.count == 10)
        let history = tree.all.filter { $0.name == "figure" && $0.hasClass("history-plot") }
        #expect(history.count == 4 && history.allSatisfy { $0.elements("circle").count == 3 })
        // An earlier run by id: hour 9 (the first run) drifted nothing, so it has no history panels.
        let first = try temporaryDirectory().appendingPathComponent("first.html").path
        #expect(try driftwatch(["report", "--db", profiles, "--model", "churn", "--run", "1", "--output", first]).status == 0)
        #expect(try page(first).all.filter { $0.hasClass("history-plot") }.isEmpty)
    }

    @Test("bad input is one line naming what and where", arguments: [
        (["/nonexistent/ref.csv", "/nonexistent/prod.csv"], "/nonexistent/ref.csv: cannot open"),
        (["--db", "/nonexistent/profiles.db", "--model", "churn"], "/nonexistent/profiles.db"),
        (["--run", "3", fixturePath("churn/reference.csv"), fixturePath("churn/reference.csv")], "--run goes with --db"),
    ])
    func badInput(arguments: [String], expected: String) throws {
        let output = try temporaryDirectory().appendingPathComponent("report.html").path
        let result = try driftwatch(["report"] + arguments + ["--output", output])
        #expect(result.status != 0)
        #expect(result.standardError.contains(expected), "\(result.standardError)")
        #expect(result.standardError.split(separator: "\n").count == 1 || result.standardError.contains("Usage:"), "\(result.standardError)")
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    @Test("a run id that does not exist names the run and the database")
    func unknownRun() throws {
        let (_, profiles) = try fixtureCheckJob()
        let output = try temporaryDirectory().appendingPathComponent("report.html").path
        let result = try driftwatch(["report", "--db", profiles, "--model", "churn", "--run", "42", "--output", output])
        #expect(result.status != 0)
        #expect(result.standardError == "Error: no run 42 of model churn in \(profiles)\n", "\(result.standardError)")
    }
}
