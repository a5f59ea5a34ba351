import DriftSources
import DriftStatistics
import DriftTables

/// Builds one ``FeatureProfile`` while its column streams past, in memory bounded by the caps
/// of ``ProfileSettings`` whatever the number of rows.
///
/// Numeric cells feed a Welford ``SummaryStatistics`` and a ``ReservoirSampler`` (every value
/// up to ``ProfileSettings/sampleCap``, a seeded uniform sample of that size above it).
/// Categorical cells are counted per category up to ``ProfileSettings/categoryCap`` distinct
/// categories (the first ones met in input order); later new categories are pooled under
/// ``FeatureProfile/otherCategory``. Empty cells and SQL NULLs, NaN and ±infinity are counted
/// in ``MissingCounts`` in either kind.
///
/// The kind is inferred as in `CSVTable.load`: numeric until the first non-empty cell that is
/// not a number, categorical from then on, or categorical from the start when the column is
/// in ``ProfileSettings/categorical``. A column that turns categorical after numbers sets
/// ``needsRescan``: its numbers are no longer known as text, so the caller replaces the
/// builder by a fresh categorical one and feeds it the column again.
///
/// Life cycle: `add…` for every cell (pass 1); ``finishSampling()``; if it returns `true`
/// (the sample is a reservoir, so the PSI reference counts must come from all values), feed
/// every cell of the column once more through the same `add…` methods (pass 2, which only
/// counts finite numbers into the bins); then ``build()``.
///
/// ```swift
/// var builder = FeatureProfileBuilder(name: "age", settings: ProfileSettings())
/// builder.addNumber(42)
/// builder.addMissing()
/// if try builder.finishSampling() { /* feed the column again */ }
/// let feature = try builder.build()
/// ```
struct FeatureProfileBuilder: Sendable {
    private enum Phase: Sendable {
        /// Pass 1: every cell is counted, sampled or summarised.
        case sampling
        /// Pass 2: finite numbers are counted into ``binEdges``; everything else is ignored.
        case countingBins
        /// Nothing more is read.
        case finished
    }

    /// The text that stands for a BLOB value: BLOBs are not numbers, so they make a column
    /// categorical, and all of them count as this one category (the production reader's too).
    static let blobText = SQLiteSource.blobText

    /// The feature (column) name.
    let name: String
    /// Numeric, or categorical (forced, or from the first text cell).
    private(set) var kind: ColumnKind
    /// True when the column turned categorical after numeric cells: its category counts are
    /// incomplete and the column must be fed again to a fresh categorical builder.
    private(set) var needsRescan = false

    private let forcedKind: Bool
    private let categoryCap: Int
    private let psiBinCount: Int
    private var phase = Phase.sampling
    private var rows = 0
    private var missing = MissingCounts()
    private var summary = SummaryStatistics()
    private var sampler: ReservoirSampler
    private var categories: [String: Int] = [:]
    private var keptCategories = 0
    private var sortedSample: [Double] = []
    private var sampleIsExact = true
    /// The PSI bins: final when the sample is exact, otherwise the edges whose reference
    /// counts pass 2 fills into ``binCounts``.
    private var bins: PSIBins?
    private var binCounts: [Int] = []

    /// Starts an empty feature.
    ///
    /// - Parameters:
    ///   - name: The column name; also mixed into the sampler's seed.
    ///   - settings: Caps, PSI bins, seed and forced-categorical columns.
    ///   - kind: `.categorical` to force the kind (used for the rescan); `nil` to infer it.
    init(name: String, settings: ProfileSettings, kind: ColumnKind? = nil) {
        self.name = name
        let forced = kind ?? (settings.categorical.contains(name) ? .categorical : nil)
        self.kind = forced ?? .numeric
        self.forcedKind = forced != nil
        self.categoryCap = max(settings.categoryCap, 1)
        self.psiBinCount = settings.psiBins
        self.sampler = ReservoirSampler(
            capacity: settings.sampleCap, generator: SplitMix64(seed: settings.seed, stream: name))
    }

    // MARK: Cells

    /// Adds a missing cell (an empty CSV cell or SQL NULL).
    mutating func addMissing() {
        guard case .sampling = phase else { return }
        rows += 1
        missing.empty += 1
    }

    /// Adds a number (SQL REAL): NaN and ±infinity are counted as missing. In a categorical
    /// column the number counts as the category `"\(value)"` (`ColumnSampleBuilder`'s rule).
    mutating func addNumber(_ value: Double) {
        switch phase {
        case .countingBins:
            guard value.isFinite, let bins else { return }
            binCounts[bins.binIndex(of: value)] += 1
            return
        case .finished:
            return
        case .sampling:
            break
        }
        if value.isNaN { rows += 1; missing.notANumber += 1; return }
        if value.isInfinite { rows += 1; missing.infinite += 1; return }
        switch kind {
        case .numeric:
            addFinite(value)
        case .categorical:
            addCategory("\(value)")
        }
    }

    /// Adds an integer (SQL INTEGER): a number in a numeric column; in a categorical column
    /// its decimal digits (`"3"`, as the same cell of a CSV file would read).
    mutating func addInteger(_ value: Int64) {
        if kind == .categorical, case .sampling = phase {
            addCategory(String(value))
        } else {
            addNumber(Double(value))
        }
    }

    /// Adds a raw CSV cell: whitespace-only is missing, a number (`parseDecimal`) is a number,
    /// anything else is text (the column turns categorical unless it already is).
    ///
    /// - Complexity: O(cell length); no allocation for numeric cells of a numeric column.
    mutating func addCell(_ cell: UnsafeBufferPointer<UInt8>) {
        if case .finished = phase { return }
        if cell.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
            addMissing()
            return
        }
        switch parseDecimal(cell) {
        case .notANumber:
            addNumber(.nan)
        case .infinite(let value):
            addNumber(value)
        case .finite(let value):
            if kind == .numeric {
                addNumber(value)
            } else if case .sampling = phase {
                addCategory(String(decoding: cell, as: UTF8.self))
            }
        case .text:
            guard case .sampling = phase else { return }
            addText(cell)
        }
    }

    /// Adds a text value (SQL TEXT), read like a CSV cell.
    mutating func addText(_ text: String) {
        var text = text
        text.withUTF8 { addCell($0) }
    }

    /// Adds a BLOB value: the text ``blobText``.
    mutating func addBlob() {
        addText(Self.blobText)
    }

    private mutating func addFinite(_ value: Double) {
        rows += 1
        summary.add(value)
        sampler.add(value)
    }

    /// A text cell during sampling: turn categorical if needed, then count it.
    private mutating func addText(_ cell: UnsafeBufferPointer<UInt8>) {
        if kind == .numeric {
            kind = .categorical
            needsRescan = summary.count > 0
            summary = SummaryStatistics()
            sampler = ReservoirSampler(capacity: 1, generator: SplitMix64(seed: 0))
        }
        addCategory(String(decoding: cell, as: UTF8.self))
    }

    private mutating func addCategory(_ category: String) {
        rows += 1
        guard !needsRescan else { return }
        if let count = categories[category] {
            categories[category] = count + 1
        } else if keptCategories < categoryCap {
            categories[category] = 1
            keptCategories += 1
        } else {
            categories[FeatureProfile.otherCategory, default: 0] += 1
        }
    }

    // MARK: Finishing

    /// Ends pass 1: sorts the sample (radix sort) and places the PSI bin edges at its
    /// quantiles.
    ///
    /// - Returns: `true` when the sample is a reservoir with at least two distinct values:
    ///   the column must then be fed once more so the bins count every reference value.
    /// - Throws: ``ProfileError/invalidArgument(name:reason:)`` if the bins cannot be formed
    ///   for another reason than a constant column (a bin count below 1).
    /// - Complexity: O(sample) for the sort, O(bins · log sample) for the edges.
    mutating func finishSampling() throws -> Bool {
        guard case .sampling = phase else { return false }
        phase = .finished
        guard kind == .numeric, !sampler.values.isEmpty else { return false }
        sampleIsExact = sampler.isExact
        do {
            let sorted = try SortedSample(sampler.values, label: name)
            sortedSample = sorted.values
            sampler = ReservoirSampler(capacity: 1, generator: SplitMix64(seed: 0))
            do {
                bins = try PSIBins(reference: sorted, bins: psiBinCount, binning: .quantile)
            } catch StatisticsError.degenerateReference {
                return false  // a constant sample has no PSI bins
            }
        } catch let error as StatisticsError {
            throw ProfileError.invalidArgument(name: "feature \"\(name)\"", reason: error.description)
        }
        guard !sampleIsExact, let bins else { return false }
        binCounts = [Int](repeating: 0, count: bins.count)
        phase = .countingBins
        return true
    }

    /// The finished feature profile.
    ///
    /// - Throws: ``ProfileError/invalidArgument(name:reason:)`` if the PSI counts of pass 2 are
    ///   inconsistent (no value counted).
    /// - Complexity: O(1) (the arrays are moved into the profile).
    func build() throws -> FeatureProfile {
        var finalBins = bins
        if case .countingBins = phase, let bins {
            do {
                finalBins = try PSIBins(edges: bins.edges, referenceCounts: binCounts)
            } catch let error as StatisticsError {
                throw ProfileError.invalidArgument(
                    name: "feature \"\(name)\"", reason: "PSI reference counts: \(error.description)")
            }
        }
        let numeric = kind == .numeric
        return FeatureProfile(
            name: name, kind: kind, rowCount: rows, missing: missing,
            summary: numeric ? summary : SummaryStatistics(),
            sample: numeric ? sortedSample : [],
            sampleIsExact: !numeric || sampleIsExact,
            psiBins: numeric ? finalBins : nil,
            categories: numeric ? [:] : categories)
    }
}
