import Testing
@testable import DriftMultivariate

@Suite struct OneHotEncodingTests {
    let reference = try! MultivariateSample(
        names: ["age", "plan"],
        columns: [.numeric([30, 40, 50, 60, 70]), .categorical(["b", "a", "b", "c", "a"])],
        completeRows: 5, droppedRows: 0)

    @Test func rejectsACapBelowOneAndMismatchedSamples() throws {
        #expect(throws: MultivariateError.self) { try OneHotEncoding.fit(reference, maxCategories: 0) }
        let encoding = try OneHotEncoding.fit(reference, maxCategories: 5)
        let renamed = try MultivariateSample(names: ["age", "tier"], columns: reference.columns, completeRows: 5, droppedRows: 0)
        #expect(throws: MultivariateError.self) { try encoding.encode(renamed) }
        let retyped = try MultivariateSample(
            names: ["age", "plan"], columns: [.categorical(["1", "2"]), .categorical(["a", "b"])], completeRows: 2, droppedRows: 0)
        let error = #expect(throws: MultivariateError.self) { try encoding.encode(retyped) }
        #expect(error?.description.contains("\"age\" is categorical in the sample, numeric in the reference") == true)
    }

    @Test func keepsTheMostFrequentCategoriesTiesByLabel() throws {
        let encoding = try OneHotEncoding.fit(reference, maxCategories: 2)
        #expect(encoding.features[1].categories == ["a", "b"])
        #expect(encoding.columnNames == ["age", "plan=a", "plan=b", "plan=__other__"])
    }

    @Test func encodesIndicatorsAndSendsUnknownLabelsToOther() throws {
        let encoding = try OneHotEncoding.fit(reference, maxCategories: 2)
        let production = try MultivariateSample(
            names: ["age", "plan"], columns: [.numeric([1, 2, 3]), .categorical(["a", "c", "zzz"])], completeRows: 3, droppedRows: 0)
        let matrix = try encoding.encode(production)
        #expect(matrix.rows == 3 && matrix.columns == 4)
        #expect(matrix.row(0) == [1, 1, 0, 0])
        #expect(matrix.row(1) == [2, 0, 0, 1])   // "c" is beyond the cap
        #expect(matrix.row(2) == [3, 0, 0, 1])   // never seen
    }
}
