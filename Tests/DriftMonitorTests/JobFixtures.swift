import DriftMonitor
import DriftProfiles
import DriftTestSupport
import Foundation

/// A job configuration on a private copy of `Fixtures/job/profiles.db` (history writes go to
/// the copy) and the fixture production database.
///
/// With a `model` other than `churn`, the profile is built afresh from the churn reference CSV
/// under that name, so tests that share the real servers never see each other's alerts.
func fixtureJob(
    model: String = "churn", _ adjust: (inout CheckConfiguration) -> Void = { _ in }
) throws -> CheckConfiguration {
    let profiles = try temporaryDirectory().appendingPathComponent("profiles.db")
    if model == "churn" {
        try FileManager.default.copyItem(at: fixtures.appendingPathComponent("job/profiles.db"), to: profiles)
    } else {
        let profile = try ProfileBuilder.fromCSV(
            path: fixturePath("churn/reference.csv"), model: model)
        _ = try ProfileStore(path: profiles.path).write(profile)
    }
    var configuration = CheckConfiguration(
        model: model, profiles: profiles.path,
        production: ProductionConfiguration(
            sqlite: fixturePath("production/predictions.db"),
            source: .table("predictions"), timestampColumn: "ts"))
    adjust(&configuration)
    return configuration
}

/// `2019-04-30T<hour>:00:00Z`, the end of one of the fixture's hourly windows.
func hourEnd(_ hour: Int) -> Date {
    // 2019-04-30T00:00:00Z
    Date(timeIntervalSince1970: 1_556_582_400 + Double(hour) * 3_600)
}
