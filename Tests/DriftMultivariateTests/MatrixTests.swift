import Testing
@testable import DriftMultivariate

@Suite struct MatrixTests {
    @Test func rejectsBadShapes() {
        #expect(throws: MultivariateError.self) { try Matrix(rows: 2, columns: 2, elements: [1, 2, 3]) }
        #expect(throws: MultivariateError.self) { try Matrix(rows: -1, columns: 2, elements: []) }
        #expect(throws: MultivariateError.self) { try Matrix(rows: Int.max, columns: 3, elements: []) }
        #expect(throws: MultivariateError.self) { try Matrix(rowArrays: []) }
        #expect(throws: MultivariateError.self) { try Matrix(rowArrays: [[1, 2], [3]]) }
    }

    @Test func rowMajorAccessSelectionAndStacking() throws {
        let x = try Matrix(rowArrays: [[1, 2, 3], [4, 5, 6]])
        #expect(x[1, 2] == 6 && x.row(0) == [1, 2, 3])
        #expect(x.selectingRows([1, 1, 0]).elements == [4, 5, 6, 4, 5, 6, 1, 2, 3])
        #expect(x.stacked(on: x).rows == 4)
    }

    @Test func blasProductsMatchLoops() throws {
        let a = chainCorrelated(rows: 7, features: 3, rho: 0.4, seed: 1)
        let b = chainCorrelated(rows: 5, features: 3, rho: 0.4, seed: 2)
        let product = a.multipliedTransposed(b)
        let cross = a.crossProductUpper()
        for i in 0..<7 {
            for j in 0..<5 {
                #expect(isClose(product[i, j], (0..<3).reduce(0.0) { $0 + a[i, $1] * b[j, $1] }, absolute: 1e-13))
            }
        }
        for p in 0..<3 { for q in p..<3 {
            #expect(isClose(cross[p * 3 + q], (0..<7).reduce(0.0) { $0 + a[$1, p] * a[$1, q] }, absolute: 1e-13))
        } }
    }
}
