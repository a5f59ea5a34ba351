import Testing
@testable import DriftMultivariate

@Suite struct BLASRuntimeTests {
    @Test func reportsTheLinkedLibrary() {
        let blas = BLASRuntime.current
        #expect(!blas.coreName.isEmpty && blas.coreName != "unknown")
        #expect(blas.configuration.contains("OpenBLAS"))
        #expect(blas.threads >= 1)
    }

    @Test func advisesOnlyForGenericKernelsOnAnAVX2CPU() {
        let prescott = BLASRuntime(coreName: "Prescott", configuration: "OpenBLAS 0.3.21", threads: 2, cpuHasAVX2: true)
        #expect(prescott.advice?.contains("OPENBLAS_CORETYPE=Haswell") == true)
        #expect(BLASRuntime(coreName: "Haswell", configuration: "", threads: 2, cpuHasAVX2: true).advice == nil)
        #expect(BLASRuntime(coreName: "SkylakeX", configuration: "", threads: 2, cpuHasAVX2: true).advice == nil)
        #expect(BLASRuntime(coreName: "Prescott", configuration: "", threads: 2, cpuHasAVX2: false).advice == nil)
    }
}
