import Foundation

extension CheckConfiguration {
    /// The `report:` block: `dir` (required, relative to the configuration file), `url` (an
    /// http(s) template; `{run}` required so each run gets its own link), `keep` and
    /// `history_runs`.
    static func loadReport(_ node: YAMLNode, resolve: (String) -> String) throws -> ReportConfiguration {
        let members = try node.mapping(allowed: ["dir", "url", "keep", "history_runs"])
        guard let directory = members["dir"] else { throw node.error("missing required key report.dir") }
        var report = ReportConfiguration(directory: resolve(try directory.nonEmptyString()))
        if let url = members["url"] {
            let template = try url.nonEmptyString()
            guard let parsed = URL(string: template.replacingOccurrences(of: "{model}", with: "m").replacingOccurrences(of: "{run}", with: "1")),
                  ["http", "https"].contains(parsed.scheme ?? ""), parsed.host != nil else {
                throw url.error("\"\(template)\" is not an http(s) URL template")
            }
            guard template.contains("{run}") else { throw url.error("needs {run}, so each run's page has its own link") }
            report.urlTemplate = template
        }
        if let keep = members["keep"] {
            report.keep = try keep.int()
            guard report.keep >= 1 else { throw keep.error("must be at least 1") }
        }
        if let runs = members["history_runs"] {
            report.historyRuns = try runs.int()
            guard (2...10_000).contains(report.historyRuns) else { throw runs.error("must be between 2 and 10000") }
        }
        return report
    }
}
