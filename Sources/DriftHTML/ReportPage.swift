/// Everything one drift report page shows, independent of where it came from: a comparison
/// (`driftwatch compare`'s inputs) or a recorded run of the hourly job. ``html()`` renders it.
///
/// ```swift
/// var page = ReportPage(title: "Drift report: churn")
/// page.facts = [("model", "churn"), ("window", "[2019-04-30T10:00:00Z, 2019-04-30T11:00:00Z)")]
/// let html = page.html()
/// ```
package struct ReportPage: Sendable {
    /// A labelled fact of the summary (model, window, profile version, …).
    package struct Fact: Sendable, Hashable {
        /// The label.
        package let label: String
        /// The value.
        package let value: String

        /// A fact.
        package init(_ label: String, _ value: String) {
            self.label = label
            self.value = value
        }
    }

    /// A line of the multivariate or data-health summary; `alarm` marks a finding.
    package struct StatusLine: Sendable, Hashable {
        /// The text.
        package let text: String
        /// Whether it reports drift or an anomaly.
        package let alarm: Bool

        /// A line.
        package init(_ text: String, alarm: Bool) {
            self.text = text
            self.alarm = alarm
        }
    }

    /// The page's heading and `<title>`.
    package var title: String
    /// The summary's facts, in order.
    package var facts: [Fact] = []
    /// Features compared (all statuses).
    package var featureCount = 0
    /// Features tested.
    package var checkedCount = 0
    /// Features that drifted.
    package var driftedCount = 0
    /// The multivariate verdicts (empty when the tests were off).
    package var multivariate: [StatusLine] = []
    /// The data-health findings (empty when the checks were off).
    package var health: [StatusLine] = []
    /// Notes under the summary (columns in one input only, old runs, …).
    package var notes: [String] = []
    /// The feature table.
    package var table = FeatureTable(columns: [], rows: [])
    /// One section per feature, in the table's order.
    package var sections: [FeatureSection] = []
    /// The p-value history of the drifted features (job runs only).
    package var history: [PValueSeries] = []
    /// Why there is no history panel, when the page is of a run (nil for comparisons).
    package var historyNote: String?

    /// An empty page with a title.
    package init(title: String) {
        self.title = title
    }

    /// The share of tested features that drifted, or nil when none was tested.
    package var driftedShare: Double? {
        checkedCount > 0 ? Double(driftedCount) / Double(checkedCount) : nil
    }
}

/// One feature's part of the page below the table: its verdict and its plot.
package struct FeatureSection: Sendable, Hashable {
    /// The feature.
    package let name: String
    /// `numeric` or `categorical`.
    package let kind: String
    /// The verdict in words (`drifted: ks p = 1.2e-05`, `no drift`, `not tested: …`).
    package let verdict: String
    /// Whether it drifted.
    package let drifted: Bool
    /// The plot, or why there is none.
    package let plot: FeaturePlot
    /// A caption line under the plot (folded categories, unseen categories), if any.
    package let caption: String?

    /// A section.
    package init(name: String, kind: String, verdict: String, drifted: Bool, plot: FeaturePlot, caption: String? = nil) {
        self.name = name
        self.kind = kind
        self.verdict = verdict
        self.drifted = drifted
        self.plot = plot
        self.caption = caption
    }
}
