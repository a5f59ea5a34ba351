import DriftStatistics
import Foundation

extension ProfileStore {
    /// Checks that a profile can be written and will read back as it is: what reading
    /// validates, writing refuses up front, so a stored profile is never unreadable.
    ///
    /// - Parameter profile: The profile to write.
    /// - Throws: ``ProfileError/invalidArgument(name:reason:)`` naming the model and feature.
    /// - Complexity: O(total sample size + categories).
    static func validateForWriting(_ profile: ReferenceProfile) throws {
        let model = profile.model
        guard !model.isEmpty else {
            throw ProfileError.invalidArgument(name: "model", reason: "the model name is empty")
        }
        guard profile.createdAt.timeIntervalSinceReferenceDate.isFinite else {
            throw ProfileError.invalidArgument(
                name: "createdAt", reason: "model \"\(model)\": the creation date is not finite")
        }
        guard profile.source.rowCount >= 0 else {
            throw ProfileError.invalidArgument(
                name: "source.rowCount", reason: "model \"\(model)\": \(profile.source.rowCount) is negative")
        }
        var names = Set<String>()
        for feature in profile.features {
            let what = "model \"\(model)\" feature \"\(feature.name)\""
            guard names.insert(feature.name).inserted else {
                throw ProfileError.invalidArgument(name: "features", reason: "\(what) appears twice")
            }
            let counts = [
                ("row count", feature.rowCount), ("empty count", feature.missing.empty),
                ("NaN count", feature.missing.notANumber), ("infinite count", feature.missing.infinite),
            ]
            for (label, count) in counts where count < 0 {
                throw ProfileError.invalidArgument(name: "features", reason: "\(what): \(label) \(count) is negative")
            }
            for (category, count) in feature.categories where count < 0 {
                throw ProfileError.invalidArgument(
                    name: "features", reason: "\(what): category \"\(category)\" count \(count) is negative")
            }
            if let problem = sampleProblem(feature.sample) {
                throw ProfileError.invalidArgument(name: "features", reason: "\(what): sample \(problem)")
            }
            do {
                _ = try rebuiltSummary(feature.summary)
            } catch {
                throw ProfileError.invalidArgument(name: "features", reason: "\(what): summary \(error)")
            }
        }
        try validateMultivariateForWriting(profile)
    }

    /// Why a stored sample is unusable (a non-finite value or a descent), or `nil`.
    ///
    /// - Parameter sample: The sample, expected finite and ascending.
    /// - Returns: A description of the first problem, or `nil`.
    /// - Complexity: O(n).
    static func sampleProblem(_ sample: [Double]) -> String? {
        for index in sample.indices {
            guard sample[index].isFinite else {
                return "value at index \(index) is \(sample[index]), not finite"
            }
            if index > 0, sample[index] < sample[index - 1] {
                return "is not ascending at index \(index)"
            }
        }
        return nil
    }

    /// The summary as reading will rebuild it from its stored fields.
    ///
    /// - Parameter summary: The summary to store.
    /// - Returns: The rebuilt summary (equal to `summary`).
    /// - Throws: The ``StatisticsError`` of the rebuilding initializer.
    /// - Complexity: O(1).
    static func rebuiltSummary(_ summary: SummaryStatistics) throws -> SummaryStatistics {
        try SummaryStatistics(
            count: summary.count, mean: summary.mean, sumOfSquaredDeviations: summary.sumOfSquaredDeviations,
            minimum: summary.minimum, maximum: summary.maximum, nonFiniteCount: summary.nonFiniteCount)
    }
}
