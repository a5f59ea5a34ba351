/// The width σ of the Gaussian kernel `k(x, y) = exp(−‖x − y‖² / (2σ²))` of the MMD test.
///
/// ```swift
/// let automatic = KernelBandwidth.medianHeuristic
/// let fixed = KernelBandwidth.fixed(2.5)
/// ```
public enum KernelBandwidth: Sendable, Hashable, CustomStringConvertible {
    /// σ is the median Euclidean distance between distinct rows of the pooled, standardized
    /// sample (Gretton et al., 2012). When more than half of the pairs coincide, the median of
    /// the distances above zero is used instead.
    case medianHeuristic
    /// A fixed σ in standardized units (finite, above zero).
    case fixed(Double)

    /// `median` or the number.
    public var description: String {
        switch self {
        case .medianHeuristic: return "median"
        case .fixed(let sigma): return "\(sigma)"
        }
    }

    /// Reads `median` or a positive number, as configuration and the command line write it.
    ///
    /// ```swift
    /// KernelBandwidth(parsing: "median")   // .medianHeuristic
    /// KernelBandwidth(parsing: "1.5")      // .fixed(1.5)
    /// ```
    ///
    /// - Parameter text: `median` or a finite number above zero.
    /// - Returns: The bandwidth, or nil for any other text.
    public init?(parsing text: String) {
        if text == "median" {
            self = .medianHeuristic
        } else if let sigma = Double(text), sigma.isFinite, sigma > 0 {
            self = .fixed(sigma)
        } else {
            return nil
        }
    }
}
