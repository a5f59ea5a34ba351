import COpenBLAS
import Foundation

/// What the linked OpenBLAS does on this machine: its kernel family and thread count, and
/// whether it fell back to generic kernels on a CPU that has AVX2.
///
/// ```swift
/// let blas = BLASRuntime.current
/// print(blas.coreName, blas.threads)   // "Haswell" 2
/// if let advice = blas.advice { print(advice) }
/// ```
///
/// Debian 12's OpenBLAS 0.3.21 does not recognise some newer CPUs and falls back to its
/// SSE3 "Prescott" kernels, several times slower than its AVX2 ("Haswell") or AVX-512
/// ("SkylakeX") ones. `OPENBLAS_CORETYPE=Haswell` in the job's environment picks the AVX2
/// kernels; ``advice`` says so when it applies. (Nothing here sets it: it must be set before
/// the library loads, and it is the operator's choice.)
public struct BLASRuntime: Sendable, Hashable {
    /// OpenBLAS's kernel family, e.g. `Haswell`, `SkylakeX`, `Prescott`.
    public let coreName: String
    /// OpenBLAS's build configuration string.
    public let configuration: String
    /// The threads OpenBLAS uses.
    public let threads: Int
    /// Whether the CPU reports AVX2 (from `/proc/cpuinfo`; false when unreadable).
    public let cpuHasAVX2: Bool

    /// The linked library, asked once per call.
    ///
    /// - Complexity: O(size of `/proc/cpuinfo`).
    public static var current: BLASRuntime {
        let core = openblas_get_corename().map { String(cString: $0) } ?? "unknown"
        let configuration = openblas_get_config().map { String(cString: $0) } ?? "unknown"
        let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let flags = cpuinfo.split(separator: "\n").first { $0.hasPrefix("flags") } ?? ""
        return BLASRuntime(
            coreName: core.trimmingCharacters(in: .whitespaces), configuration: configuration,
            threads: Int(openblas_get_num_threads()), cpuHasAVX2: flags.split(separator: " ").contains("avx2"))
    }

    /// Generic SSE-era kernel families OpenBLAS falls back to.
    static let genericCores: Set<String> = ["Prescott", "Core2", "Penryn", "Dunnington", "Nehalem", "Atom", "Katmai", "Coppermine", "Northwood", "Banias"]

    /// A one-line suggestion when OpenBLAS runs generic kernels on an AVX2 CPU, else nil.
    public var advice: String? {
        guard cpuHasAVX2, Self.genericCores.contains(coreName) else { return nil }
        return "OpenBLAS runs its generic \(coreName) kernels on this AVX2 CPU; OPENBLAS_CORETYPE=Haswell in the environment makes the multivariate tests several times faster"
    }
}
