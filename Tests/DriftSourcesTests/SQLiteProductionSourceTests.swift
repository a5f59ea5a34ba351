import DriftTables
import Foundation
import Testing
@testable import DriftSources

@Suite struct SQLiteProductionSourceTests {
    private typealias Support = SourceTestSupport

    private let source = SQLiteProductionSource(
        path: SourceTestSupport.predictions, source: .table("predictions"), timestampColumn: "ts")

    @Test func readsTheWindowAsTheReaderDoes() throws {
        let window = try TimeWindow(end: try parseTimestamp("2019-04-30T11:00:00Z"), duration: 3_600)
        let features: [(name: String, kind: ColumnKind)] = [("age", .numeric), ("contract", .categorical), ("nope", .numeric)]
        let production: any ProductionSource = source
        let sample = try production.read(window: window, features: features, trackRows: ["age", "contract"])
        let direct = try ProductionReader.read(
            path: Support.predictions, source: .table("predictions"), timestampColumn: "ts", window: window,
            features: features, trackRows: ["age", "contract"])
        #expect(sample.window == window && sample.rowCount == 400 && sample.rowCount == direct.rowCount)
        #expect(sample.columns.map(\.name) == ["age", "contract"])
        #expect(sample.columns.map(\.values) == direct.columns.map(\.values))
        #expect(sample.columns.allSatisfy { $0.rows != nil })
        #expect(sample.problems == ["nope": "column \"nope\" is not in predictions (renamed?)"])
        #expect(try production.read(window: window, features: features).columns.allSatisfy { $0.rows == nil })
    }

    @Test func describesItselfAndNeedsAWindow() {
        #expect(source.description == "sqlite:\(Support.predictions) table=predictions")
        #expect(throws: SourceError.invalidArgument(
            name: "window", reason: "sqlite:\(Support.predictions) table=predictions is read one time window at a time; none was given")) {
            try source.read(window: nil, features: [("age", .numeric)])
        }
    }
}
