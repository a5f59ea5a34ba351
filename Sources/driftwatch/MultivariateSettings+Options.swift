import DriftMultivariate

extension MultivariateSettings {
    /// The first knob out of range as the one-line message `--option: reason` (the checks and
    /// reasons of ``MultivariateSettings/validate()``, named as the command line names them),
    /// or nil when every knob is fine. Shared by `compare` and `profile create`.
    ///
    /// ```swift
    /// var settings = MultivariateSettings()
    /// settings.sampleCap = 3
    /// settings.optionProblem   // "--multivariate-sample: 3 is below 4 (the PCA fit needs 4 complete rows)"
    /// ```
    var optionProblem: String? {
        do {
            try validate()
            return nil
        } catch MultivariateError.invalidArgument(let knob, let reason) {
            let options = [
                "sample_cap": "--multivariate-sample", "max_categories": "--max-categories", "variance": "--pca-variance",
                "permutations": "--permutations", "bandwidth": "--bandwidth",
            ]
            return "\(options[knob] ?? knob): \(reason)"
        } catch {
            return "\(error)"
        }
    }
}
