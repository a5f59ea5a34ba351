import Testing
@testable import DriftTables

@Suite("RowAlignment")
struct RowAlignmentTests {
    private func column(_ cells: [String], kind: ColumnKind? = nil) -> ColumnSample {
        var builder = ColumnSampleBuilder(name: "c", expectedKind: kind, tracksRows: true)
        for cell in cells { builder.addText(cell) }
        return builder.build()
    }

    private func walk(_ column: ColumnSample) -> [RowCell]? {
        column.rowCursor().map { Array($0) }
    }

    @Test("a numeric cursor interleaves values and missing rows in row order")
    func numericCursor() throws {
        let cells = walk(column(["", "1", "NaN", "2", "3", "inf", ""]))
        #expect(cells == [.missing, .number(1), .missing, .number(2), .number(3), .missing, .missing])
        var cursor = try #require(column(["4", ""]).rowCursor())
        #expect(cursor.rowCount == 2 && cursor.row == 0)
        #expect(cursor.next() == .number(4))
        #expect(cursor.row == 1)
        #expect(cursor.next() == .missing)
        #expect(cursor.next() == nil)
        #expect(cursor.next() == nil)
        #expect(cursor.row == 2)
    }

    @Test("a categorical cursor returns each row's category")
    func categoricalCursor() {
        #expect(walk(column(["a", "", "b", "a", "nan"], kind: .categorical))
            == [.category("a"), .missing, .category("b"), .category("a"), .missing])
    }

    @Test("an alignment that does not fit its column gives no cursor, a bad code reads as missing")
    func inconsistentAlignment() {
        var numeric = column(["1", "", "2"])
        numeric.rows = RowAlignment(rowCount: 3, storage: .numeric(missingRows: [0, 1]))   // 2 + 2 != 3
        #expect(numeric.rowCursor() == nil)
        numeric.rows = RowAlignment(rowCount: 3, storage: .categorical(codes: [0, 0, 0], categoryNames: ["a"]))
        #expect(numeric.rowCursor() == nil)   // wrong kind
        numeric.rows = RowAlignment(rowCount: 4, storage: .numeric(missingRows: [1, 2]))
        #expect(numeric.rowCursor() == nil)   // wrong row count

        var categorical = column(["a", "b", "a"], kind: .categorical)
        categorical.rows = RowAlignment(rowCount: 3, storage: .categorical(codes: [0, 7, -3], categoryNames: ["a"]))
        #expect(walk(categorical) == [.category("a"), .missing, .missing])
        categorical.rows = RowAlignment(rowCount: 3, storage: .categorical(codes: [0], categoryNames: ["a"]))
        #expect(categorical.rowCursor() == nil)

        var unsorted = column(["", "1", ""])
        unsorted.rows = RowAlignment(rowCount: 3, storage: .numeric(missingRows: [2, 0]))
        #expect(walk(unsorted)?.count == 3)   // wrong but safe: never traps
    }

    @Test("lockstep walk: one row of every column at a time")
    func lockstep() throws {
        let x = column(["1", "", "3"])
        let c = column(["a", "b", ""], kind: .categorical)
        let y = column(["", "NaN", "7"], kind: .numeric)
        var rows = try #require(LockstepRows([x, c, y]))
        #expect(rows.rowCount == 3)
        var cells: [RowCell] = []
        var seen: [[RowCell]] = []
        while rows.next(into: &cells) { seen.append(cells) }
        #expect(seen == [
            [.number(1), .category("a"), .missing],
            [.missing, .category("b"), .missing],
            [.number(3), .missing, .number(7)],
        ])
        #expect(rows.row == 3)
        let more = rows.next(into: &cells)
        #expect(!more)
        #expect(cells == [.number(3), .missing, .number(7)])   // left unchanged
    }

    @Test("lockstep needs tracked columns of equal length")
    func lockstepRequirements() throws {
        var untracked = ColumnSampleBuilder(name: "u")
        untracked.addNumber(1)
        #expect(LockstepRows([column(["1"]), untracked.build()]) == nil)
        #expect(LockstepRows([column(["1"]), column(["1", "2"])]) == nil)
        var none = try #require(LockstepRows([]))
        var cells: [RowCell] = []
        let any = none.next(into: &cells)
        #expect(none.rowCount == 0 && !any)
    }
}
