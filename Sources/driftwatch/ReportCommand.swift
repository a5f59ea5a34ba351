import ArgumentParser
import DriftHTML
import DriftMonitor
import DriftProfiles
import Foundation

/// `driftwatch report`: one self-contained HTML page with the comparison's table and plots,
/// from `compare`'s inputs or from a recorded run of the hourly job.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a self-contained HTML drift report with plots.",
        usage: """
            driftwatch report REFERENCE.csv PRODUCTION.csv --output report.html [compare's options]
              driftwatch report --profile-db PROFILES.db --model NAME [--version N] (PRODUCTION.csv | --production-sqlite DB …) --output report.html
              driftwatch report --db PROFILES.db --model NAME [--run ID] --output report.html
            """,
        discussion: """
            The page has a summary (inputs, window, profile version, features tested and drifted, \
            multivariate verdicts and, for a job run, the data-health findings), a table of every \
            feature (drifted first; sortable where JavaScript runs) and per feature the reference \
            and production histograms over the PSI bins with both empirical CDFs and the \
            Kolmogorov–Smirnov distance marked (numeric), or the category shares with unseen \
            categories marked (categorical). With --db the page shows a recorded run of \
            `driftwatch check` (default: the newest successful one) from what the run kept, with \
            each drifted feature's p-value over the last runs. The file needs nothing else: no \
            network, no external assets. Exit status 0 when the page was written.
            """
    )

    @OptionGroup var inputs: CompareInputs

    @Option(help: "The HTML file to write.")
    var output: String

    @Option(help: "Report a recorded run of the job from this profile database (the job's `profiles:`), with --model.")
    var db: String?

    @Option(name: .customLong("run"), parsing: .unconditional,
            help: "The run's id (`driftwatch history`; default: the newest successful run). With --db.")
    var runID: Int64?

    @Option(name: .customLong("history-runs"), parsing: .unconditional, help: "Runs the p-value history goes back, this one included (with --db).")
    var historyRuns: Int = 48

    func validate() throws {
        guard !output.isEmpty else { throw ValidationError("--output is empty") }
        if db != nil {
            guard inputs.model != nil else { throw ValidationError("--db needs --model") }
            guard inputs.files.isEmpty, inputs.profileDB == nil, inputs.productionSQLite == nil else {
                throw ValidationError("--db reports a recorded run: give no files, --profile-db or --production-sqlite")
            }
            guard historyRuns >= 2 else { throw ValidationError("--history-runs must be at least 2, got \(historyRuns)") }
        } else {
            guard runID == nil else { throw ValidationError("--run goes with --db") }
            try inputs.validateInputs()
        }
    }

    func run() throws {
        let html: String
        if let db, let model = inputs.model {
            let history = RunHistory(store: try ProfileStore(path: db, createIfMissing: false))
            html = try runReportHTML(history: history, model: model, id: runID, historyRuns: historyRuns).html
        } else {
            let compared = try inputs.compare()
            var facts = [ReportPage.Fact("reference", compared.reference), ReportPage.Fact("production", compared.production)]
            if let window = compared.window {
                facts.append(ReportPage.Fact("window", "[\(formatTimestamp(window.start)), \(formatTimestamp(window.end)))"))
            }
            if let version = compared.profileVersion { facts.append(ReportPage.Fact("reference profile", "version \(version)")) }
            facts.append(ReportPage.Fact("driftwatch", DriftwatchVersion.current))
            html = ReportPage(comparison: compared.report, values: compared.values, title: "Drift report", facts: facts).html()
        }
        do {
            try Data(html.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
        } catch {
            throw OutputError(description: "\(output): cannot write (\(error.localizedDescription))")
        }
    }
}

/// The page could not be written: one line naming the file.
private struct OutputError: Error, CustomStringConvertible {
    let description: String
}
