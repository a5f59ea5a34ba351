import Testing
@testable import DriftMultivariate

@Suite struct UpperBlocksTests {
    /// Element (i, j), i ≤ j, of the stored upper triangle.
    func element(_ blocks: UpperBlocks, _ i: Int, _ j: Int) -> Double {
        let block = i / blocks.blockRows
        return blocks.storage[blocks.offsets[block] + (i - blocks.start(block)) * blocks.width(block) + (j - blocks.start(block))]
    }

    @Test func emptyAndSingleRow() throws {
        let none = UpperBlocks(gramOf: Matrix(rows: 0, columns: 3, unchecked: []))
        #expect(none.count == 0 && none.storage.isEmpty)
        #expect(none.product(with: [], columns: 2).isEmpty)
        let one = UpperBlocks(gramOf: try Matrix(rowArrays: [[3, 4]]))
        #expect(one.storage == [25])
        #expect(one.product(with: [2, 1], columns: 2) == [50, 25])
    }

    /// Block sizes that divide the order, do not, and exceed it: the Gram matrix and products
    /// with it equal plain loops, and the diagonal squares are exactly symmetric.
    @Test func gramAndProductEqualLoops() throws {
        let z = chainCorrelated(rows: 23, features: 4, rho: 0.3, seed: 5)
        let right = chainCorrelated(rows: 23, features: 3, rho: 0, seed: 6)
        for blockRows in [1, 4, 5, 23, 64] {
            let blocks = UpperBlocks(gramOf: z, blockRows: blockRows)
            func gram(_ i: Int, _ j: Int) -> Double { (0..<4).reduce(0.0) { $0 + z[i, $1] * z[j, $1] } }
            for i in 0..<23 {
                for j in i..<23 {
                    #expect(isClose(element(blocks, i, j), gram(i, j), absolute: 1e-13), "B \(blockRows) (\(i), \(j))")
                }
            }
            for block in 0..<blocks.count {
                let (first, rows) = (blocks.start(block), blocks.rows(block))
                for r in 0..<rows { for c in 0..<r {
                    let lower = blocks.storage[blocks.offsets[block] + r * blocks.width(block) + c]
                    #expect(lower == element(blocks, first + c, first + r))
                } }
            }
            let product = blocks.product(with: right.elements, columns: 3)
            for i in 0..<23 {
                for column in 0..<3 {
                    let expected = (0..<23).reduce(0.0) { $0 + gram(i, $1) * right[$1, column] }
                    #expect(isClose(product[i * 3 + column], expected, absolute: 1e-12), "B \(blockRows) row \(i)")
                }
            }
        }
    }
}
