import DriftSources
import DriftStatistics

extension SplitMix64 {
    /// A generator for one feature: `seed` combined with the FNV-1a hash of `name`, so that
    /// features are sampled independently and reproducibly.
    init(seed: UInt64, stream name: String) {
        var hash = FNV1a64()
        hash.add(utf8: name)
        // Mix the two so that nearby seeds or names do not give related streams.
        var mixer = SplitMix64(seed: seed ^ 0x9E37_79B9_7F4A_7C15)
        self.init(seed: mixer.next() ^ hash.value)
    }
}
