/// The version of this Driftwatch build: what `driftwatch --version` prints, what the job logs
/// in its first line and what every run records in the history (`check_run.driftwatch_version`),
/// so a history row says which build produced it.
///
/// ```swift
/// print(DriftwatchVersion.current)   // "0.3.0"
/// ```
public enum DriftwatchVersion {
    /// The semantic version of this build.
    public static let current = "0.3.0"
}
