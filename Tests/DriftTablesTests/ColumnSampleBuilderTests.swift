import Testing
@testable import DriftTables

@Suite("ColumnSampleBuilder")
struct ColumnSampleBuilderTests {
    /// Feeds `cells` as CSV cells.
    private func build(_ cells: [String], kind: ColumnKind? = nil, tracksRows: Bool = true) -> ColumnSample {
        var builder = ColumnSampleBuilder(name: "c", expectedKind: kind, tracksRows: tracksRows)
        for cell in cells { builder.addText(cell) }
        return builder.build()
    }

    // MARK: Row tracking: edge cases

    @Test("without tracking there is no alignment, and none is missed")
    func untracked() {
        var builder = ColumnSampleBuilder(name: "x")
        builder.addNumber(1)
        builder.addMissing()
        #expect(!builder.tracksRows)
        let column = builder.build()
        #expect(column.rows == nil)
        #expect(!column.rowsUnavailable)
        #expect(column.rowCursor() == nil)
    }

    @Test("an empty tracked column has an empty alignment")
    func emptyColumn() {
        let column = ColumnSampleBuilder(name: "x", tracksRows: true).build()
        #expect(column.rows == RowAlignment(rowCount: 0, storage: .numeric(missingRows: [])))
        var cursor = column.rowCursor()
        #expect(cursor?.next() == nil)
    }

    @Test("an all-missing column lists every row (numeric) or codes every row -1 (categorical)")
    func allMissing() {
        let numeric = build(["", "NaN", " ", "-inf"])
        #expect(numeric.kind == .numeric)
        #expect(numeric.rows == RowAlignment(rowCount: 4, storage: .numeric(missingRows: [0, 1, 2, 3])))
        let categorical = build(["", "nan", "inf"], kind: .categorical)
        #expect(categorical.rows == RowAlignment(rowCount: 3, storage: .categorical(codes: [-1, -1, -1], categoryNames: [])))
    }

    @Test("numeric: empty, NaN, ±inf and text in a locked column are the listed rows")
    func numericNonFinite() {
        var builder = ColumnSampleBuilder(name: "x", expectedKind: .numeric, tracksRows: true)
        for cell in ["1.5", "", "NaN", "inf", "-Infinity", "abc", "2", " ", "1e999"] { builder.addText(cell) }
        builder.addNumber(.nan)
        builder.addNumber(-.infinity)
        builder.addMissing()
        builder.addNumber(3)
        let column = builder.build()
        #expect(column.values == [1.5, 2, 3])
        #expect(column.textCells == 1)
        #expect(column.rows == RowAlignment(rowCount: 13, storage: .numeric(missingRows: [1, 2, 3, 4, 5, 7, 8, 9, 10, 11])))
        #expect(column.rows?.missingRowCount == 10)
    }

    @Test("categorical: codes in first-appearance order, -1 exactly where a cell counts as missing")
    func categoricalCodes() {
        var builder = ColumnSampleBuilder(name: "c", expectedKind: .categorical, tracksRows: true)
        for cell in ["b", "", "a", "NaN", "b", "inf", "7", "7.0"] { builder.addText(cell) }
        builder.addNumber(3)
        builder.addNumber(.infinity)
        builder.addMissing()
        let column = builder.build()
        #expect(column.categories == ["a": 1, "b": 2, "7": 1, "7.0": 1, "3.0": 1])
        #expect(column.missing == MissingCounts(empty: 2, notANumber: 1, infinite: 2))
        #expect(column.rows == RowAlignment(
            rowCount: 11,
            storage: .categorical(codes: [0, -1, 1, -1, 0, -1, 2, 3, 4, -1, -1], categoryNames: ["b", "a", "7", "7.0", "3.0"])))
        #expect(column.rows?.missingRowCount == column.missing.total)
    }

    @Test("an inferred column that turns categorical after missing cells only keeps its rows")
    func flipAfterMissingOnly() {
        let column = build(["", "NaN", "x", "1", ""])
        #expect(column.kind == .categorical)
        #expect(column.rows == RowAlignment(rowCount: 5, storage: .categorical(codes: [-1, -1, 0, 1, -1], categoryNames: ["x", "1"])))
        #expect(!column.rowsUnavailable)
    }

    @Test("an inferred column that turns categorical after numbers has no rows until recounted")
    func flipAfterNumbers() {
        var builder = ColumnSampleBuilder(name: "c", tracksRows: true)
        for cell in ["1", "", "x", "2"] { builder.addText(cell) }
        #expect(builder.needsRescan)
        let column = builder.build()
        #expect(column.rows == nil)
        #expect(column.rowsUnavailable)
    }

    @Test("rows past the Int32 limit stop the tracking, for every kind and path")
    func rowLimit() {
        func builder(_ kind: ColumnKind?) -> ColumnSampleBuilder {
            ColumnSampleBuilder(name: "c", expectedKind: kind, tracker: RowTracker(rowLimit: 3))
        }
        var fits = builder(.numeric)
        for cell in ["1", "", "2"] { fits.addText(cell) }
        #expect(fits.build().rows == RowAlignment(rowCount: 3, storage: .numeric(missingRows: [1])))

        var finiteOnly = builder(.numeric)   // no missing cell ever reaches the tracker
        for value in [1.0, 2, 3, 4] { finiteOnly.addNumber(value) }
        #expect(finiteOnly.build().rows == nil)
        #expect(finiteOnly.build().rowsUnavailable)
        #expect(finiteOnly.build().values == [1, 2, 3, 4])

        var missingLate = builder(nil)
        for cell in ["1", "2", "3", ""] { missingLate.addText(cell) }
        #expect(missingLate.build().rowsUnavailable)

        var categorical = builder(.categorical)
        for cell in ["a", "b", "", "a"] { categorical.addText(cell) }
        let column = categorical.build()
        #expect(column.rowsUnavailable)
        #expect(column.categories == ["a": 2, "b": 1])   // counting goes on
        #expect(RowTracker(rowLimit: Int.max).rowLimit == Int(Int32.max))
    }

    @Test("tracking changes nothing else the column reports")
    func trackingIsInvisibleOtherwise() {
        let cells = ["1", "", "2.5", "NaN", "x", "inf", "3", " ", "y", "x"]
        for kind: ColumnKind? in [nil, .numeric, .categorical] {
            let plain = build(cells, kind: kind, tracksRows: false)
            let tracked = build(cells, kind: kind, tracksRows: true)
            #expect(plain.kind == tracked.kind)
            #expect(plain.values == tracked.values)
            #expect(plain.categories == tracked.categories)
            #expect(plain.missing == tracked.missing)
            #expect(plain.rowCount == tracked.rowCount)
            #expect(plain.textCells == tracked.textCells)
            #expect(plain.firstTextCell?.row == tracked.firstTextCell?.row)
        }
    }
}
