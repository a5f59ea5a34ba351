import DriftStatistics
import Foundation
import Testing

/// The test harness itself: generator known answers and regeneration of every spec in every file.
@Suite("Reference-vector harness")
struct ReferenceVectorsTests {
    @Test("ReferenceVectorGenerator (SplitMix64) known answers for seed 0")
    func splitMixKnownAnswers() {
        var generator = ReferenceVectorGenerator(seed: 0)
        #expect(generator.next() == 0xE220_A839_7B1D_CDAF)
        #expect(generator.next() == 0x6E78_9E6A_A1B9_65F4)
        #expect(generator.next() == 0x06C4_5D18_8009_454F)
    }

    @Test("ReferenceVectorGenerator's raw bits are the library's SplitMix64's", arguments: [0, 1, 42, UInt64.max])
    func rawBitsMatchLibrary(seed: UInt64) {
        var reference = ReferenceVectorGenerator(seed: seed)
        var library = SplitMix64(seed: seed)
        for _ in 0..<1_000 { #expect(reference.next() == library.next()) }
    }

    @Test("portableLog agrees with Foundation.log to a few ulps")
    func portableLogAccuracy() {
        for x in [0.5, 1.0, 1.5, 2.0, 10.0, 1e-300, 1e300, 0.1, 0.999999] {
            let reference = Foundation.log(x)
            #expect(abs(portableLog(x) - reference) <= 4e-16 * max(1, abs(reference)), "x = \(x)")
        }
    }

    @Test("every generator spec and provenance array regenerates bit for bit",
          arguments: ["ks_2samp", "wasserstein", "psi", "histogram",
                      "cramervonmises", "corrections"])
    func regeneration(method: String) throws {
        let cases = try ReferenceVectors.cases(method: method)
        #expect(!cases.isEmpty, "no vector file for \(method)")
        var checked = 0
        for vectorCase in cases {
            for (name, json) in vectorCase.inputs.object ?? [:] {
                if json["gen"] != nil {
                    // resolveArray verifies the fingerprint and throws on mismatch
                    _ = try vectorCase.array(name)
                    checked += 1
                } else if let provenance = json["provenance"], let stored = json["values"]?.doubles {
                    let regenerated = try ReferenceVectors.generate(provenance)
                    #expect(regenerated.map(\.bitPattern) == stored.map(\.bitPattern), "\(vectorCase.id).\(name)")
                    checked += 1
                }
            }
        }
        #expect(checked > 0, "\(method): no generated arrays found")
    }
}
