import DriftMultivariate
import DriftTables
import GRDB

/// The multivariate part of a profile build (see ``ProfileBuilder`` for the pass and the
/// table of how cells are read).
extension ProfileBuilder {
    /// Checks the multivariate knobs of `settings` (whether or not the part is enabled).
    ///
    /// - Throws: ``ProfileError/invalidArgument(name:reason:)`` naming the first knob out of range.
    static func validateMultivariate(_ settings: ProfileSettings) throws {
        do {
            try settings.multivariateSettings.validate()
        } catch MultivariateError.invalidArgument(let knob, let reason) {
            // MultivariateSettings' own checks, with the knobs named as ProfileSettings names them.
            let names = ["sample_cap": "multivariateSampleCap", "max_categories": "multivariateMaxCategories",
                         "variance": "pcaVarianceFraction"]
            throw ProfileError.invalidArgument(name: names[knob] ?? knob, reason: reason)
        }
    }

    static func multivariateSampleBuilder(
        _ builders: [FeatureProfileBuilder], settings: ProfileSettings
    ) -> MultivariateSampleBuilder? {
        guard settings.multivariate, !builders.isEmpty else { return nil }
        return MultivariateSampleBuilder(
            features: builders.map { (name: $0.name, categorical: $0.kind == .categorical) },
            capacity: settings.multivariateSampleCap, seed: settings.seed)
    }

    /// Fits the reference on the sample, or says why there is none; never throws.
    ///
    /// - Parameters:
    ///   - builder: The filled sample builder, `nil` when the part is disabled.
    ///   - settings: The build settings.
    /// - Returns: The reference, or the problem text.
    /// - Complexity: O(cap · d² + d³) for d encoded columns.
    static func fitMultivariate(
        _ builder: MultivariateSampleBuilder?, settings: ProfileSettings
    ) -> (reference: MultivariateReference?, problem: String?) {
        guard settings.multivariate else { return (nil, ReferenceProfile.multivariateDisabled) }
        guard let builder else { return (nil, "no features") }
        do {
            return (try MultivariateReference.fit(sample: builder.build(), settings: settings.multivariateSettings), nil)
        } catch let error as MultivariateError {
            return (nil, error.description)
        } catch {
            return (nil, "\(error)")
        }
    }

    /// A CSV cell (or SQLite TEXT) as the multivariate sample takes it.
    ///
    /// - Parameters:
    ///   - cell: The raw bytes.
    ///   - categorical: Whether the feature is categorical.
    /// - Returns: The cell, or `nil` for a missing one.
    /// - Complexity: O(cell length); allocates only for a categorical label.
    static func multivariateCell(_ cell: UnsafeBufferPointer<UInt8>, categorical: Bool) -> MultivariateCell? {
        if cell.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return nil }
        switch parseDecimal(cell) {
        case .notANumber, .infinite:
            return nil
        case .finite(let value):
            return categorical ? .category(String(decoding: cell, as: UTF8.self)) : .number(value)
        case .text:
            return categorical ? .category(String(decoding: cell, as: UTF8.self)) : nil
        }
    }

    /// A SQLite value as the multivariate sample takes it.
    ///
    /// - Parameters:
    ///   - value: The value.
    ///   - categorical: Whether the feature is categorical.
    /// - Returns: The cell, or `nil` for a missing one.
    static func multivariateCell(_ value: DatabaseValue, categorical: Bool) -> MultivariateCell? {
        switch value.storage {
        case .null:
            return nil
        case .int64(let integer):
            return categorical ? .category(String(integer)) : .number(Double(integer))
        case .double(let double):
            guard double.isFinite else { return nil }
            return categorical ? .category("\(double)") : .number(double)
        case .string(var text):
            return text.withUTF8 { multivariateCell($0, categorical: categorical) }
        case .blob:
            return categorical ? .category(FeatureProfileBuilder.blobText) : nil
        }
    }
}
