import Foundation

/// Where the job writes each run's HTML report, and how alerts link to it (the `report:` block).
///
/// ```yaml
/// report:
///   dir: /var/lib/driftwatch/reports            # pages go to DIR/<model>/<run id>.html
///   url: https://reports.example.com/{model}/{run}.html
///   keep: 168                                   # newest pages kept per model
/// ```
///
/// The page of run 42 of model `churn` is `DIR/churn/42.html`; `{model}` and `{run}` in `url`
/// become the same folder and file names, so a web server that serves `DIR` serves every page.
/// Without `url` the alerts link to the file itself (`file://…`).
public struct ReportConfiguration: Sendable, Hashable {
    /// The folder the pages go to (absolute path).
    public var directory: String
    /// The link template with `{model}` and `{run}`; nil links to the file.
    public var urlTemplate: String?
    /// The newest pages kept per model; older ones are deleted after each run. Default 168
    /// (a week of hourly runs).
    public var keep: Int = 168
    /// How many runs the p-value history panels go back, this run included. Default 48.
    public var historyRuns: Int = 48

    /// A report configuration.
    ///
    /// - Parameters:
    ///   - directory: The folder for the pages (absolute).
    ///   - urlTemplate: The link template, or nil for file links.
    public init(directory: String, urlTemplate: String? = nil) {
        self.directory = directory
        self.urlTemplate = urlTemplate
    }

    /// A model's name as a folder name: letters, digits, `-`, `_` and `.` kept, anything else
    /// `_` (and a name of dots only becomes `_`), so no model name leaves the directory.
    ///
    /// ```swift
    /// ReportConfiguration.folderName("churn v2")   // "churn_v2"
    /// ```
    ///
    /// - Complexity: O(length).
    public static func folderName(_ model: String) -> String {
        let safe = String(model.map { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) ? $0 : "_" })
        return safe.allSatisfy { $0 == "." } ? "_" : safe
    }

    /// The path of a run's page.
    ///
    /// - Parameters:
    ///   - model: The model.
    ///   - run: The run's history id.
    /// - Returns: `directory/<folder>/<run>.html`.
    /// - Complexity: O(length of the names).
    public func path(model: String, run: Int64) -> String {
        URL(fileURLWithPath: directory).appendingPathComponent(Self.folderName(model))
            .appendingPathComponent("\(run).html").path
    }

    /// The link to a run's page: the template with `{model}` (the folder name) and `{run}`
    /// filled in, or the page's `file://` URL without a template.
    ///
    /// ```swift
    /// var report = ReportConfiguration(directory: "/srv/reports", urlTemplate: "https://r.example.com/{model}/{run}.html")
    /// report.url(model: "churn", run: 42)   // "https://r.example.com/churn/42.html"
    /// ```
    ///
    /// - Complexity: O(length of the template).
    public func url(model: String, run: Int64) -> String {
        guard let urlTemplate else { return URL(fileURLWithPath: path(model: model, run: run)).absoluteString }
        return urlTemplate.replacingOccurrences(of: "{model}", with: Self.folderName(model))
            .replacingOccurrences(of: "{run}", with: String(run))
    }
}
