import Foundation

/// One feature's deciding p-value over the job's recent runs, oldest first: what the history
/// panel draws.
package struct PValueSeries: Sendable, Hashable {
    /// One run's p-value.
    package struct Point: Sendable, Hashable {
        /// The run's history id.
        package let run: Int64
        /// The end of the run's window.
        package let time: Date
        /// The deciding (adjusted, when a correction is on) p-value; nil when the feature was
        /// not tested in that run.
        package let pValue: Double?

        /// A point.
        package init(run: Int64, time: Date, pValue: Double?) {
            self.run = run
            self.time = time
            self.pValue = pValue
        }
    }

    /// The feature.
    package let feature: String
    /// The runs, oldest first; the last is the reported run.
    package let points: [Point]
    /// The significance level drawn as a line.
    package let alpha: Double

    /// A series.
    package init(feature: String, points: [Point], alpha: Double) {
        self.feature = feature
        self.points = points
        self.alpha = alpha
    }
}
