import DriftTestSupport
import Foundation
import Testing

@Suite("driftwatch compare: multivariate options")
struct CompareMultivariateTests {
    let reference = fixturePath("churn/reference.csv")
    let drifted = fixturePath("churn/production-drifted.csv")

    func json(_ extra: [String]) throws -> [String: Any] {
        let result = try driftwatch(["compare", reference, drifted, "--format", "json"] + extra)
        #expect(result.status == 0, "\(result.standardError)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
    }

    @Test("bad multivariate options: exit 64 and one line naming the option")
    func badOptions() throws {
        for (arguments, message) in [
            (["--permutations", "0"], "--permutations must be at least 1, got 0"),
            (["--bandwidth", "wide"], "--bandwidth must be 'median' or a number above 0, got 'wide'"),
            (["--multivariate-sample", "3"], "--multivariate-sample: 3 is below 4 (the PCA fit needs 4 complete rows)"),
            (["--pca-variance", "1"], "--pca-variance: 1.0 is not in (0, 1)"),
        ] {
            let result = try driftwatch(["compare", reference, drifted] + arguments)
            #expect(result.status == 64, "\(arguments)")
            #expect(result.standardError.contains(message), "\(arguments): \(result.standardError)")
        }
    }

    @Test("--no-multivariate leaves the member out; the knobs reach the report")
    func knobs() throws {
        #expect(try json(["--no-multivariate"])["multivariate"] == nil)
        let root = try json(["--permutations", "19", "--bandwidth", "2.5", "--multivariate-sample", "300", "--seed", "9"])
        let multivariate = try #require(root["multivariate"] as? [String: Any])
        let mmd = try #require(multivariate["mmd"] as? [String: Any])
        #expect(mmd["permutations"] as? Int == 19)
        #expect(mmd["bandwidth"] as? Double == 2.5)
        #expect(mmd["p_value"] as? Double == 1.0 / 20)   // the smallest possible with 19 permutations
        let rows = try #require(multivariate["rows"] as? [String: Int])
        #expect(rows == ["reference": 300, "production": 300])
        // The same seed gives the same output; another seed samples other rows.
        let again = try json(["--permutations", "19", "--bandwidth", "2.5", "--multivariate-sample", "300", "--seed", "9"])
        #expect(NSDictionary(dictionary: again).isEqual(to: root))
        let other = try json(["--permutations", "19", "--bandwidth", "2.5", "--multivariate-sample", "300", "--seed", "10"])
        #expect(!NSDictionary(dictionary: other).isEqual(to: root))
    }
}
