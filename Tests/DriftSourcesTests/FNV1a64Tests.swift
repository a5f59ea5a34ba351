import Testing
@testable import DriftSources

@Suite struct FNV1a64Tests {
    @Test func fnv1a64MatchesPublishedVectors() {
        #expect(FNV1a64().hexDigest == "fnv1a64:cbf29ce484222325")
        var a = FNV1a64()
        a.add(utf8: "a")
        #expect(a.hexDigest == "fnv1a64:af63dc4c8601ec8c")
        var hello = FNV1a64()
        hello.add(utf8: "hello")
        #expect(hello.hexDigest == "fnv1a64:a430d84680aabd0b")
    }
}
