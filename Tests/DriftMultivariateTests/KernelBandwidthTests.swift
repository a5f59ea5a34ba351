import Testing
@testable import DriftMultivariate

@Suite struct KernelBandwidthTests {
    @Test func parsesMedianAndPositiveNumbersOnly() {
        #expect(KernelBandwidth(parsing: "median") == .medianHeuristic)
        #expect(KernelBandwidth(parsing: "1.5") == .fixed(1.5))
        for bad in ["", "Median", "0", "-1", "nan", "inf", "1e999", "abc"] {
            #expect(KernelBandwidth(parsing: bad) == nil, "\(bad)")
        }
        #expect(KernelBandwidth.medianHeuristic.description == "median")
        #expect(KernelBandwidth.fixed(2).description == "2.0")
    }
}
