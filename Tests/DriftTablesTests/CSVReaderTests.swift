import DriftTables
import DriftTestSupport
import Testing

@Suite("CSVReader")
struct CSVReaderTests {
    /// Reads every row of `text` as arrays of strings.
    func rows(_ text: String, chunkSize: Int = 1 << 20) throws -> [[String]] {
        let reader = try CSVReader(path: try temporaryFile(text), chunkSize: chunkSize)
        var row = CSVRow()
        var result: [[String]] = []
        while try reader.nextRow(into: &row) {
            result.append((0..<row.count).map { row.string(at: $0) })
        }
        return result
    }

    @Test("a missing file is a clear error")
    func missingFile() {
        #expect(throws: TableError.self) { try CSVReader(path: "/nonexistent/driftwatch.csv") }
        do {
            _ = try CSVReader(path: "/nonexistent/driftwatch.csv")
        } catch {
            #expect("\(error)".contains("/nonexistent/driftwatch.csv: cannot open"))
        }
    }

    @Test("a directory is not a CSV file")
    func directory() {
        #expect(throws: TableError.cannotOpen(path: "/tmp", reason: "is a directory")) {
            try CSVReader(path: "/tmp")
        }
    }

    @Test("an empty file has no rows")
    func emptyFile() throws {
        #expect(try rows("") == [])
    }

    @Test("an unterminated quote names its line")
    func unterminatedQuote() throws {
        #expect(throws: TableError.self) { try rows("a,b\n1,\"open\n2,3\n") }
        do {
            _ = try rows("a,b\n1,\"open\n2,3\n")
        } catch let error as TableError {
            guard case .unterminatedQuote(_, let line) = error else {
                Issue.record("wrong error \(error)"); return
            }
            #expect(line == 2)
        }
    }

    @Test("text after a closing quote is rejected")
    func textAfterQuote() {
        #expect(throws: TableError.self) { try rows("a\n\"x\"y\n") }
    }

    @Test("plain fields, LF and CRLF endings, no final newline")
    func plainFields() throws {
        #expect(try rows("a,b,c\n1,2,3\n") == [["a", "b", "c"], ["1", "2", "3"]])
        #expect(try rows("a,b\r\n1,2\r\n") == [["a", "b"], ["1", "2"]])
        #expect(try rows("a,b\n1,2") == [["a", "b"], ["1", "2"]])
    }

    @Test("empty fields are kept, blank lines are skipped")
    func emptyFields() throws {
        #expect(try rows("a,b,c\n,,\n\n1,,3\n\n") == [["a", "b", "c"], ["", "", ""], ["1", "", "3"]])
    }

    @Test("quoted fields hold commas, quotes and line breaks")
    func quotedFields() throws {
        let text = "name,note\n\"Smith, J\",\"said \"\"hi\"\"\"\n\"multi\nline\",x\n\"\",y\n"
        #expect(try rows(text) == [
            ["name", "note"], ["Smith, J", "said \"hi\""], ["multi\nline", "x"], ["", "y"],
        ])
    }

    @Test("a UTF-8 byte-order mark is skipped")
    func byteOrderMark() throws {
        #expect(try rows("\u{FEFF}a,b\n1,2\n") == [["a", "b"], ["1", "2"]])
    }

    @Test("rows spanning chunk boundaries read the same as with one chunk", arguments: [64, 65, 67, 101])
    func chunkBoundaries(chunkSize: Int) throws {
        var text = "id,text,value\n"
        for index in 0..<200 {
            text += "\(index),\"quoted, \"\"\(index)\"\"\r\nline\",\(Double(index) / 7)\r\n"
        }
        #expect(try rows(text, chunkSize: chunkSize) == rows(text))
        #expect(try rows(text, chunkSize: chunkSize).count == 201)
    }

    @Test("line numbers count physical lines, including breaks inside quotes")
    func lineNumbers() throws {
        let reader = try CSVReader(path: try temporaryFile("a\n\"x\ny\"\n\nz\n"))
        var row = CSVRow()
        var lines: [Int] = []
        while try reader.nextRow(into: &row) { lines.append(reader.line) }
        #expect(lines == [1, 2, 5])
    }
}
