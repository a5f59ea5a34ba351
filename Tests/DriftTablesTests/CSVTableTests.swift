import DriftTables
import DriftTestSupport
import Testing

@Suite("CSVTable")
struct CSVTableTests {
    @Test("an empty file is an error")
    func emptyFile() throws {
        let path = try temporaryFile("")
        #expect(throws: TableError.emptyFile(path: path)) { try CSVTable.load(path: path) }
    }

    @Test("a duplicate or empty header name is an error")
    func badHeader() throws {
        let duplicate = try temporaryFile("a,b,a\n1,2,3\n")
        #expect(throws: TableError.duplicateColumn(path: duplicate, name: "a")) { try CSVTable.load(path: duplicate) }
        let empty = try temporaryFile("a,,c\n1,2,3\n")
        #expect(throws: TableError.emptyColumnName(path: empty, index: 1)) { try CSVTable.load(path: empty) }
    }

    @Test("a short row names its line and field counts")
    func fieldCountMismatch() throws {
        let path = try temporaryFile("a,b\n1,2\n3\n")
        #expect(throws: TableError.fieldCountMismatch(path: path, line: 3, found: 1, expected: 2)) {
            try CSVTable.load(path: path)
        }
    }

    @Test("unknown requested columns are named")
    func unknownColumns() throws {
        let path = try temporaryFile("a,b\n1,2\n")
        #expect(throws: TableError.unknownColumns(path: path, names: ["zz"])) {
            try CSVTable.load(path: path, columns: ["a", "zz"])
        }
    }

    @Test("missing cells are counted by kind and kept out of the values")
    func missingCounts() throws {
        let path = try temporaryFile("x,c\n1.5,a\n,b\nNaN,\ninf,nan\n-Infinity,a\n2, \n")
        let table = try CSVTable.load(path: path)
        #expect(table.rowCount == 6)
        let x = try #require(table.column(named: "x"))
        #expect(x.kind == .numeric)
        #expect(x.values == [1.5, 2])
        #expect(x.missing == MissingCounts(empty: 1, notANumber: 1, infinite: 2))
        #expect(x.testedCount + x.missing.total == x.rowCount)
        let c = try #require(table.column(named: "c"))
        #expect(c.kind == .categorical)
        #expect(c.categories == ["a": 2, "b": 1])
        #expect(c.missing == MissingCounts(empty: 2, notANumber: 1, infinite: 0))
        #expect(c.testedCount + c.missing.total == c.rowCount)
    }

    @Test("a column that turns to text after numbers is recounted exactly as categories")
    func lateCategorical() throws {
        let path = try temporaryFile("code,v\n1,0\n2,0\n1,0\n,0\nA7,0\n1.0,0\n")
        let column = try #require(try CSVTable.load(path: path).column(named: "code"))
        #expect(column.kind == .categorical)
        #expect(column.categories == ["1": 2, "2": 1, "A7": 1, "1.0": 1])
        #expect(column.missing.empty == 1)
    }

    @Test("forced categorical columns keep numbers as text")
    func forcedCategorical() throws {
        let path = try temporaryFile("zip,v\n10115,1\n10115,2\n80331,3\n")
        let table = try CSVTable.load(path: path, categorical: ["zip"])
        #expect(table.column(named: "zip")?.categories == ["10115": 2, "80331": 1])
        #expect(table.column(named: "v")?.kind == .numeric)
    }

    @Test("column selection keeps header order and loads only what was asked")
    func selection() throws {
        let path = try temporaryFile("a,b,c\n1,2,3\n")
        let table = try CSVTable.load(path: path, columns: ["c", "a"])
        #expect(table.columns.map(\.name) == ["a", "c"])
        #expect(table.header == ["a", "b", "c"])
    }

    @Test("the churn fixture: ten typed features, every cell accounted for")
    func churnFixture() throws {
        let table = try CSVTable.load(path: fixtures.appendingPathComponent("churn/reference.csv").path)
        #expect(table.rowCount == 5000)
        #expect(table.columns.count == 10)
        let kinds = Dictionary(uniqueKeysWithValues: table.columns.map { ($0.name, $0.kind) })
        #expect(kinds["contract"] == .categorical)
        #expect(kinds["payment_method"] == .categorical)
        #expect(kinds["monthly_charges"] == .numeric)
        #expect(kinds["satisfaction"] == .numeric)
        #expect(table.column(named: "payment_method")?.categories["credit card, automatic"] != nil)
        for column in table.columns {
            #expect(column.testedCount + column.missing.total == 5000, "\(column.name)")
        }
        #expect((table.column(named: "data_usage_gb")?.missing.empty ?? 0) > 0)
    }

    // MARK: Row tracking

    @Test("only the named columns are tracked; unknown names are ignored")
    func trackRowsSelection() throws {
        let path = try temporaryFile("a,b,c\n1,x,\n,y,2\n")
        let table = try CSVTable.load(path: path, columns: ["a", "b"], trackRows: ["a", "b", "c", "nope"])
        #expect(table.column(named: "a")?.rows == RowAlignment(rowCount: 2, storage: .numeric(missingRows: [1])))
        #expect(table.column(named: "b")?.rows == RowAlignment(rowCount: 2, storage: .categorical(codes: [0, 1], categoryNames: ["x", "y"])))
        let untracked = try CSVTable.load(path: path)
        #expect(untracked.columns.allSatisfy { $0.rows == nil && !$0.rowsUnavailable })
    }

    @Test("a tracked column that turns to text after numbers is tracked again by the rescan")
    func trackedLateCategorical() throws {
        let path = try temporaryFile("code,v\n1,0\n2,0\n1,0\n,0\nA7,0\n1.0,0\n")
        let table = try CSVTable.load(path: path, trackRows: ["code"])
        let column = try #require(table.column(named: "code"))
        #expect(column.kind == .categorical)
        #expect(column.categories == ["1": 2, "2": 1, "A7": 1, "1.0": 1])
        #expect(column.rows == RowAlignment(
            rowCount: 6, storage: .categorical(codes: [0, 1, 0, -1, 2, 3], categoryNames: ["1", "2", "A7", "1.0"])))
        #expect(!column.rowsUnavailable)
        #expect(table.column(named: "v")?.rows == nil)
    }

    @Test("recountAsCategorical keeps tracking for tracked columns only")
    func recountKeepsTracking() throws {
        let path = try temporaryFile("x,y\n1,1\n,2\n1,\n")
        var table = try CSVTable.load(path: path, trackRows: ["x"])
        try table.recountAsCategorical(["x", "y"])
        #expect(table.column(named: "x")?.rows == RowAlignment(
            rowCount: 3, storage: .categorical(codes: [0, -1, 0], categoryNames: ["1"])))
        #expect(table.column(named: "y")?.kind == .categorical)
        #expect(table.column(named: "y")?.rows == nil)
    }

    @Test("a lockstep walk of the tracked columns reproduces every row of the file")
    func lockstepReproducesTheFile() throws {
        let missingTexts: Set<String> = ["", "NaN", "nan", "inf", "-inf", "Inf", "1e999"]
        let pools: [[String]] = [
            ["1.5", "-2", "", "NaN", "inf", "-inf", "0", "1e999", "3.25"],   // num: inferred numeric
            ["a", "b", "", "nan", "c d", "Inf", "a"],                        // cat: inferred categorical
            ["1", "2", "", "2"],                                             // late: text from row 40 on
            ["3", "oops", "", "4.5", "NaN"],                                 // locked: numeric, with text
            ["10115", "007", "", "80331"],                                   // zip: forced categorical
        ]
        let names = ["num", "cat", "late", "locked", "zip"]
        let numeric: Set<String> = ["num", "locked"]
        var rows: [[String]] = []
        for row in 0..<60 {
            var cells = pools.indices.map { pools[$0][(row * 7 + $0 * 3 + row / 5) % pools[$0].count] }
            if row == 40 { cells[2] = "x" } else if row > 40 { cells[2] = ["1", "x", ""][row % 3] }
            rows.append(cells)
        }
        let csv = (names + ["skip"]).joined(separator: ",") + "\n"
            + rows.map { $0.map { $0.contains(" ") ? "\"\($0)\"" : $0 }.joined(separator: ",") + ",9\n" }.joined()
        let path = try temporaryFile(csv)
        let table = try CSVTable.load(
            path: path, categorical: ["zip"], kinds: ["locked": .numeric], trackRows: Set(names))
        #expect(table.column(named: "late")?.kind == .categorical)
        #expect(table.column(named: "locked")?.textCells == rows.filter { $0[3] == "oops" }.count)
        #expect(table.column(named: "skip")?.rows == nil)

        var expected: [[RowCell]] = []
        for cells in rows {
            var row: [RowCell] = []
            for (name, cell) in zip(names, cells) {
                if missingTexts.contains(cell) {
                    row.append(.missing)
                } else if numeric.contains(name) {
                    row.append(Double(cell).map { .number($0) } ?? .missing)   // text in the locked column
                } else {
                    row.append(.category(cell))
                }
            }
            expected.append(row)
        }
        var walk = try #require(LockstepRows(names.compactMap { table.column(named: $0) }))
        #expect(walk.rowCount == 60)
        var cells: [RowCell] = []
        var read: [[RowCell]] = []
        while walk.next(into: &cells) { read.append(cells) }
        #expect(read.count == expected.count)
        for (index, (got, want)) in zip(read, expected).enumerated() {
            #expect(got == want, "row \(index)")
        }
    }
}
