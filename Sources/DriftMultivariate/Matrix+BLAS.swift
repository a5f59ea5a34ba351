import COpenBLAS

extension Matrix {
    /// `selfᵀ · self` (the upper triangle filled; BLAS `dsyrk`), `columns × columns`.
    ///
    /// - Complexity: columns² · rows multiply-adds.
    func crossProductUpper() -> [Double] {
        var product = [Double](repeating: 0, count: columns * columns)
        guard rows > 0, columns > 0 else { return product }
        elements.withUnsafeBufferPointer { a in
            product.withUnsafeMutableBufferPointer { c in
                cblas_dsyrk(
                    CblasRowMajor, CblasUpper, CblasTrans, Int32(columns), Int32(rows),
                    1.0, a.baseAddress, Int32(columns), 0.0, c.baseAddress, Int32(columns))
            }
        }
        return product
    }

    /// `self · otherᵀ` (BLAS `dgemm`), `rows × other.rows`.
    ///
    /// - Complexity: rows · other.rows · columns multiply-adds.
    func multipliedTransposed(_ other: Matrix) -> Matrix {
        var product = Matrix(zeros: rows, other.rows)
        guard rows > 0, other.rows > 0, columns > 0 else { return product }
        elements.withUnsafeBufferPointer { a in
            other.elements.withUnsafeBufferPointer { b in
                product.elements.withUnsafeMutableBufferPointer { c in
                    cblas_dgemm(
                        CblasRowMajor, CblasNoTrans, CblasTrans, Int32(rows), Int32(other.rows), Int32(columns),
                        1.0, a.baseAddress, Int32(columns), b.baseAddress, Int32(other.columns),
                        0.0, c.baseAddress, Int32(other.rows))
                }
            }
        }
        return product
    }

    /// `self − left · right` in place (BLAS `dgemm` with β = 1, α = −1); `left` is
    /// `rows × k`, `right` is `k × columns`.
    ///
    /// - Complexity: rows · columns · k multiply-adds.
    mutating func subtractProduct(_ left: Matrix, _ right: Matrix) {
        guard rows > 0, columns > 0, left.columns > 0 else { return }
        let (m, n, k) = (Int32(rows), Int32(columns), Int32(left.columns))
        left.elements.withUnsafeBufferPointer { a in
            right.elements.withUnsafeBufferPointer { b in
                elements.withUnsafeMutableBufferPointer { c in
                    cblas_dgemm(
                        CblasRowMajor, CblasNoTrans, CblasNoTrans, m, n, k,
                        -1.0, a.baseAddress, k, b.baseAddress, n, 1.0, c.baseAddress, n)
                }
            }
        }
    }
}
