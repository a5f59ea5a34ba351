import DriftTables
import DriftTestSupport
import Foundation
import Testing
@testable import DriftSources

@Suite struct CSVProductionSourceTests {
    private typealias Support = SourceTestSupport

    @Test func readsEveryRowAsCSVTableDoes() throws {
        let path = Support.churnDrifted
        let source: any ProductionSource = CSVProductionSource(path: path)
        #expect(source.description == "csv:\(path)")
        let features: [(name: String, kind: ColumnKind)] = [("contract", .categorical), ("age", .numeric)]
        let sample = try source.read(window: nil, features: features, trackRows: ["age"])
        let table = try CSVTable.load(
            path: path, columns: ["contract", "age"], kinds: ["contract": .categorical, "age": .numeric], trackRows: ["age"])
        #expect(sample.window == nil && sample.invalidTimestamps == 0 && sample.problems.isEmpty)
        #expect(sample.rowCount == table.rowCount)
        #expect(sample.columns.map(\.name) == table.columns.map(\.name))   // header order
        #expect(sample.columns.map(\.values) == table.columns.map(\.values))
        #expect(sample.columns.map(\.categories) == table.columns.map(\.categories))
        #expect(sample.column(named: "age")?.rows != nil && sample.column(named: "contract")?.rows == nil)
        let window = try TimeWindow(end: Date(timeIntervalSince1970: 3_600), duration: 3_600)
        #expect(try source.read(window: window, features: features).window == window)
    }

    @Test func missingColumnsAndTextInNumericColumnsAreProblems() throws {
        let path = try temporaryFile("Age,score\n1,2\n3,high\n4,low\n")
        let sample = try CSVProductionSource(path: path).read(
            window: nil, features: [("age", .numeric), ("score", .numeric)])
        #expect(sample.rowCount == 3)
        #expect(sample.problems == [
            "age": "column \"age\" is not in \(path) (renamed?); names are case-sensitive and there is \"Age\"",
            "score": "2 text values in a numeric column, first 'high' at window row 2",
        ])
        #expect(sample.column(named: "score")?.values == [2])
    }

    @Test func fileErrorsAreTheTableErrors() throws {
        let missing = try temporaryDirectory().appendingPathComponent("none.csv").path
        #expect(throws: TableError.self) {
            try CSVProductionSource(path: missing).read(window: nil, features: [("age", .numeric)])
        }
    }
}
