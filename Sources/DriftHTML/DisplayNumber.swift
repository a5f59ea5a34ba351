import Foundation

/// A number as the report shows it: four significant digits, scientific notation for very
/// small or large magnitudes (`%.4g`, as the alert annotations), `-` for a missing value.
///
/// The page carries the unrounded value beside every shown number (`data-value`, the JSON
/// document's shortest round-trip text), so the table sorts and tests compare exactly.
///
/// ```swift
/// displayNumber(0.000012345)  // "1.234e-05"
/// displayNumber(0.1234567)    // "0.1235"
/// ```
///
/// - Complexity: O(1).
package func displayNumber(_ value: Double?) -> String {
    guard let value else { return "-" }
    guard value.isFinite else { return value.isNaN ? "NaN" : value > 0 ? "inf" : "-inf" }
    return String(format: "%.4g", value)
}

/// A share in `[0, 1]` as a percentage with one decimal (`12.5%`).
///
/// - Complexity: O(1).
package func displayPercent(_ share: Double) -> String {
    String(format: "%.1f%%", 100 * share)
}

/// A tick label: at most three significant digits, no trailing noise (`0.30000000000000004` → `0.3`).
///
/// - Complexity: O(1).
package func tickLabel(_ value: Double) -> String {
    if value == 0 { return "0" }
    return String(format: "%.3g", value)
}

/// A power of ten for a log axis: `1`, `0.1`, `0.01`, `0.001`, then `1e-4`, `1e-5`, …
///
/// - Complexity: O(1).
package func powerOfTenLabel(_ value: Double) -> String {
    let exponent = Int(log10(value).rounded())
    switch exponent {
    case 0: return "1"
    case -3 ... -1: return "0." + String(repeating: "0", count: -exponent - 1) + "1"
    default: return "1e\(exponent)"
    }
}
