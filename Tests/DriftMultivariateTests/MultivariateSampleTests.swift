import Testing
@testable import DriftMultivariate

@Suite struct MultivariateSampleTests {
    @Test func rejectsInconsistentParts() {
        #expect(throws: MultivariateError.self) {
            try MultivariateSample(names: ["a"], columns: [.numeric([1]), .numeric([2])], completeRows: 1, droppedRows: 0)
        }
        #expect(throws: MultivariateError.self) {
            try MultivariateSample(names: ["a", "a"], columns: [.numeric([1]), .numeric([2])], completeRows: 1, droppedRows: 0)
        }
        #expect(throws: MultivariateError.self) {
            try MultivariateSample(names: ["a", "b"], columns: [.numeric([1, 2]), .numeric([2])], completeRows: 2, droppedRows: 0)
        }
        let error = #expect(throws: MultivariateError.self) {
            try MultivariateSample(names: ["a"], columns: [.numeric([1, .nan])], completeRows: 2, droppedRows: 0)
        }
        #expect(error?.description == "a: row 1 is nan")
        #expect(throws: MultivariateError.self) {
            try MultivariateSample(names: ["a"], columns: [.numeric([1, 2])], completeRows: 1, droppedRows: 0)
        }
    }

    @Test func selectingRowsKeepsCountsAndKinds() throws {
        let sample = try MultivariateSample(
            names: ["a", "b"], columns: [.numeric([1, 2, 3]), .categorical(["x", "y", "z"])], completeRows: 9, droppedRows: 4)
        let picked = sample.selectingRows([2, 0])
        #expect(picked.columns == [.numeric([3, 1]), .categorical(["z", "x"])])
        #expect(picked.rowCount == 2 && picked.completeRows == 9 && picked.droppedRows == 4)
    }
}
