import COpenBLAS
import Dispatch
import DriftStatistics

/// The upper triangle of a symmetric `order × order` matrix, stored as row blocks in one
/// allocation: block `b` holds rows `[b·B, b·B + rows(b))` and columns `[b·B, order)`,
/// row-major, so the diagonal block is a full square and every block is a plain BLAS matrix.
/// About half the memory of the full matrix (`order · (order + B) / 2` doubles), with
/// BLAS-shaped pieces for the Gram matrix (one `dgemm` per block) and for products with it
/// (two `dgemm`s per block).
///
/// - Complexity: memory O(order² / 2 + order · B).
struct UpperBlocks {
    /// The matrix order.
    let order: Int
    /// The rows per block (the last block may have fewer).
    let blockRows: Int
    /// Every block, one after the other.
    var storage: [Double]
    /// Where each block starts in ``storage``.
    let offsets: [Int]

    /// The number of blocks.
    var count: Int { offsets.count }
    /// The first row (and column) of block `b`.
    func start(_ block: Int) -> Int { block * blockRows }
    /// The rows of block `b`.
    func rows(_ block: Int) -> Int { min(blockRows, order - start(block)) }
    /// The columns of block `b` (from its first row to the end).
    func width(_ block: Int) -> Int { order - start(block) }

    /// `z · zᵀ` for the rows of `z` (`order` = `z.rows`), one `dgemm` per block; the diagonal
    /// blocks are then made exactly symmetric (their lower part copied from the upper).
    ///
    /// - Complexity: about order² · columns / 2 multiply-adds.
    init(gramOf z: Matrix, blockRows: Int = 256) {
        order = z.rows
        self.blockRows = max(1, blockRows)
        let blocks = order == 0 ? 0 : (order + self.blockRows - 1) / self.blockRows
        var offsets: [Int] = []
        var total = 0
        for block in 0..<blocks {
            offsets.append(total)
            total += min(self.blockRows, order - block * self.blockRows) * (order - block * self.blockRows)
        }
        self.offsets = offsets
        let (d, n, height) = (z.columns, order, self.blockRows)
        storage = [Double](unsafeUninitializedCapacity: total) { buffer, initialized in
            z.elements.withUnsafeBufferPointer { a in
                guard let zBase = a.baseAddress, let out = buffer.baseAddress else { return }
                for block in 0..<blocks {
                    let first = block * height
                    let rows = min(height, n - first)
                    let width = n - first
                    let rowsOfBlock = zBase + first * d
                    cblas_dgemm(
                        CblasRowMajor, CblasNoTrans, CblasTrans, Int32(rows), Int32(width), Int32(d),
                        1.0, rowsOfBlock, Int32(d), rowsOfBlock, Int32(d), 0.0, out + offsets[block], Int32(width))
                    // The diagonal square exactly symmetric: its lower part from its upper part.
                    let values = out + offsets[block]
                    for row in 1..<max(rows, 1) {
                        for column in 0..<row { values[row * width + column] = values[column * width + row] }
                    }
                }
            }
            initialized = total
        }
    }

    /// Runs `body(block, values)` for every block on all cores, `values` being that block's
    /// `rows(b) × width(b)` row-major storage.
    mutating func forEachBlockConcurrently(_ body: @Sendable (Int, UnsafeMutableBufferPointer<Double>) -> Void) {
        let (offsets, order, blockRows) = (self.offsets, self.order, self.blockRows)
        storage.withUnsafeMutableBufferPointer { buffer in
            let shared = SharedBuffer(buffer)
            DispatchQueue.concurrentPerform(iterations: offsets.count) { block in
                let first = block * blockRows
                let size = min(blockRows, order - first) * (order - first)
                body(block, UnsafeMutableBufferPointer(rebasing: shared.buffer[offsets[block]..<(offsets[block] + size)]))
            }
        }
    }

    /// `K · right` for the symmetric `K` this stores and a row-major `order × columns` `right`:
    /// per block, its rows times `right` from its start down, and its part right of the
    /// diagonal square, transposed, times `right` at its rows.
    ///
    /// - Complexity: about 2 · order² · columns multiply-adds, all in BLAS.
    func product(with right: [Double], columns: Int) -> [Double] {
        var result = [Double](repeating: 0, count: order * columns)
        guard order > 0, columns > 0 else { return result }
        storage.withUnsafeBufferPointer { a in
            right.withUnsafeBufferPointer { b in
                result.withUnsafeMutableBufferPointer { c in
                    guard let kBase = a.baseAddress, let rightBase = b.baseAddress, let out = c.baseAddress else { return }
                    for block in 0..<count {
                        let (first, height, width) = (start(block), rows(block), width(block))
                        let values = kBase + offsets[block]
                        cblas_dgemm(
                            CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(height), Int32(columns), Int32(width),
                            1.0, values, Int32(width), rightBase + first * columns, Int32(columns),
                            1.0, out + first * columns, Int32(columns))
                        guard width > height else { continue }
                        cblas_dgemm(
                            CblasRowMajor, CblasTrans, CblasNoTrans, Int32(width - height), Int32(columns), Int32(height),
                            1.0, values + height, Int32(width), rightBase + first * columns, Int32(columns),
                            1.0, out + (first + height) * columns, Int32(columns))
                    }
                }
            }
        }
        return result
    }
}
