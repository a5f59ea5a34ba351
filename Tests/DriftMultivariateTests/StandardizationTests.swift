import Testing
@testable import DriftMultivariate

@Suite struct StandardizationTests {
    @Test func rejectsBadParts() {
        #expect(throws: MultivariateError.self) { try Standardization(means: [0], scales: [1, 1]) }
        #expect(throws: MultivariateError.self) { try Standardization(means: [0], scales: [0]) }
        #expect(throws: MultivariateError.self) { try Standardization(means: [.nan], scales: [1]) }
    }

    @Test func populationDeviationAndConstantColumnsOnlyCentred() throws {
        let x = try Matrix(rowArrays: [[1, 5], [3, 5], [5, 5]])
        let fitted = Standardization.fit(x)
        #expect(fitted.means == [3, 5])
        #expect(isClose(fitted.scales[0], (8.0 / 3).squareRoot(), relative: 1e-15) && fitted.scales[1] == 1)
        let z = fitted.apply(x)
        #expect(z[1, 0] == 0 && z[0, 1] == 0)
        #expect(isClose(z[2, 0], 2 / (8.0 / 3).squareRoot(), relative: 1e-15))
    }
}
