import DriftTables

/// A test that can decide whether a feature drifted, named as on the wire (JSON, YAML,
/// metrics labels, alert labels): `ks`, `cramer_von_mises`, `chi_square`.
///
/// ```swift
/// let test = DriftTest(rawValue: "cramer_von_mises")   // .cramerVonMises
/// DriftTest.default(for: .categorical)                 // .chiSquare
/// DriftTest.kolmogorovSmirnov.fits(.categorical)       // false
/// ```
public enum DriftTest: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// Two-sample Kolmogorov–Smirnov (numeric features; the default there).
    case kolmogorovSmirnov = "ks"
    /// Two-sample Cramér–von Mises (numeric features).
    case cramerVonMises = "cramer_von_mises"
    /// Chi-square test of homogeneity (categorical features; the default there).
    case chiSquare = "chi_square"

    /// The test that decides a feature of `kind` unless one is chosen: `ks` for numeric
    /// features, `chi_square` for categorical ones.
    ///
    /// - Complexity: O(1).
    public static func `default`(for kind: ColumnKind) -> DriftTest {
        kind == .numeric ? .kolmogorovSmirnov : .chiSquare
    }

    /// The tests that can decide a feature of `kind`, default first.
    ///
    /// - Complexity: O(1).
    public static func allowed(for kind: ColumnKind) -> [DriftTest] {
        kind == .numeric ? [.kolmogorovSmirnov, .cramerVonMises] : [.chiSquare]
    }

    /// Whether this test applies to a feature of `kind`.
    ///
    /// - Complexity: O(1).
    public func fits(_ kind: ColumnKind) -> Bool { Self.allowed(for: kind).contains(self) }

    /// The wire name.
    public var description: String { rawValue }
}
