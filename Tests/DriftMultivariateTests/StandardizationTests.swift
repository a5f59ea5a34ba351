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

    /// Values near the top of the double range: the variance must neither overflow nor make
    /// the column look constant.
    @Test func hugeValuesKeepTheirScale() throws {
        let x = try Matrix(rowArrays: [[1e300, 1e307], [3e300, -1e307], [5e300, 1e307], [7e300, -1e307]])
        let fitted = Standardization.fit(x)
        #expect(isClose(fitted.means[0], 4e300, relative: 1e-15) && fitted.means[1] == 0)
        #expect(isClose(fitted.scales[0], 5.0.squareRoot() * 1e300, relative: 1e-15))
        #expect(isClose(fitted.scales[1], 1e307, relative: 1e-15))
        let z = fitted.apply(x)
        #expect(z.elements.allSatisfy { $0.isFinite && abs($0) < 2 })
        // The reference builds: PCA on these columns is not "every column is constant".
        #expect(try PCAModel.fit(x, varianceFraction: 0.5).componentCount >= 1)
    }
}
