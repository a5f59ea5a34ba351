/// Builds one ``ColumnSample`` cell by cell while a file streams past.
struct ColumnAccumulator {
    private(set) var kind: ColumnKind
    private var values: [Double] = []
    private var categories: [String: Int] = [:]
    private var missing = MissingCounts()
    /// True when the column turned categorical after numeric cells: its counts need a rescan.
    private(set) var needsRescan = false

    init(forceCategorical: Bool) {
        kind = forceCategorical ? .categorical : .numeric
    }

    mutating func add(_ cell: UnsafeBufferPointer<UInt8>) {
        if cell.isEmpty || isBlank(cell) {
            missing.empty += 1
            return
        }
        let parsed = parseDecimal(cell)
        switch parsed {
        case .notANumber:
            missing.notANumber += 1
        case .infinite:
            missing.infinite += 1
        case .finite(let value):
            if kind == .numeric {
                values.append(value)
            } else if !needsRescan {
                categories[String(decoding: cell, as: UTF8.self), default: 0] += 1
            }
        case .text:
            if kind == .numeric {
                kind = .categorical
                needsRescan = !values.isEmpty
                values = []
            }
            if !needsRescan {
                categories[String(decoding: cell, as: UTF8.self), default: 0] += 1
            }
        }
    }

    func sample(name: String, rowCount: Int) -> ColumnSample {
        ColumnSample(
            name: name, kind: kind, values: values, categories: categories,
            missing: missing, rowCount: rowCount)
    }

    private func isBlank(_ cell: UnsafeBufferPointer<UInt8>) -> Bool {
        cell.allSatisfy { $0 == 0x20 || $0 == 0x09 }
    }
}
