import DriftStatistics
import DriftTables
import Testing
@testable import DriftProfiles

@Suite struct FeatureProfileBuilderTests {
    private func settings(sampleCap: Int = 100_000, categoryCap: Int = 1_000, psiBins: Int = 10) -> ProfileSettings {
        var settings = ProfileSettings()
        settings.sampleCap = sampleCap
        settings.categoryCap = categoryCap
        settings.psiBins = psiBins
        return settings
    }

    private func feed(_ builder: inout FeatureProfileBuilder, cells: [String]) {
        for cell in cells { builder.addText(cell) }
    }

    /// Runs both passes over `cells` as the profile builders do.
    private func profile(_ cells: [String], name: String = "x", settings: ProfileSettings) throws -> FeatureProfile {
        var builder = FeatureProfileBuilder(name: name, settings: settings)
        feed(&builder, cells: cells)
        if builder.needsRescan {
            builder = FeatureProfileBuilder(name: name, settings: settings, kind: .categorical)
            feed(&builder, cells: cells)
        }
        if try builder.finishSampling() { feed(&builder, cells: cells) }
        return try builder.build()
    }

    // MARK: Edge cases

    @Test func allMissingColumnIsNumericWithoutSampleOrBins() throws {
        let feature = try profile(["", " ", "NaN", "-inf", "Infinity"], settings: settings())
        #expect(feature.kind == .numeric)
        #expect(feature.rowCount == 5)
        #expect(feature.missing == MissingCounts(empty: 2, notANumber: 1, infinite: 2))
        #expect(feature.sample.isEmpty && feature.sampleIsExact)
        #expect(feature.summary.count == 0)
        #expect(feature.psiBins == nil)
        #expect(feature.testedCount == 0)
    }

    @Test func constantColumnHasNoPSIBins() throws {
        let exact = try profile(["3", "3", "3.0"], settings: settings())
        #expect(exact.psiBins == nil)
        #expect(exact.sample == [3, 3, 3])
        let sampled = try profile(Array(repeating: "7", count: 50), settings: settings(sampleCap: 5))
        #expect(sampled.psiBins == nil)
        #expect(sampled.sample == [7, 7, 7, 7, 7] && !sampled.sampleIsExact)
        #expect(sampled.summary.count == 50)
    }

    @Test func singleValue() throws {
        let feature = try profile(["2.5"], settings: settings())
        #expect(feature.sample == [2.5] && feature.psiBins == nil && feature.summary.mean == 2.5)
    }

    @Test func forcedCategoricalKeepsNumbersAsTheirText() throws {
        var forced = settings()
        forced.categorical = ["zip"]
        let feature = try profile(["02134", "2134", "", "nan", "02134"], name: "zip", settings: forced)
        #expect(feature.kind == .categorical)
        #expect(feature.categories == ["02134": 2, "2134": 1])
        #expect(feature.missing == MissingCounts(empty: 1, notANumber: 1, infinite: 0))
        #expect(feature.summary == SummaryStatistics() && feature.sample.isEmpty && feature.psiBins == nil)
    }

    @Test func categoryCapPoolsTheRestUnderOther() throws {
        let feature = try profile(["a", "b", "c", "a", "d", "b", "c", "e"], settings: settings(categoryCap: 2))
        #expect(feature.categories == ["a": 2, "b": 2, FeatureProfile.otherCategory: 4])
        #expect(feature.testedCount == 8)
        let uncapped = try profile(["a", "b", "c"], settings: settings(categoryCap: 3))
        #expect(uncapped.categories == ["a": 1, "b": 1, "c": 1])
    }

    @Test func textBeforeNumbersNeedsNoRescan() throws {
        var builder = FeatureProfileBuilder(name: "x", settings: settings())
        feed(&builder, cells: ["low", "1", "2.50", "low"])
        #expect(!builder.needsRescan)
        #expect(builder.kind == .categorical)
        #expect(try !builder.finishSampling())
        #expect(try builder.build().categories == ["low": 2, "1": 1, "2.50": 1])
    }

    @Test func textAfterNumbersNeedsARescanThatCountsExactly() throws {
        let cells = ["1", "2.50", "", "high", "1", "NaN"]
        var builder = FeatureProfileBuilder(name: "x", settings: settings())
        feed(&builder, cells: Array(cells.prefix(3)))
        #expect(!builder.needsRescan && builder.kind == .numeric)
        feed(&builder, cells: Array(cells.dropFirst(3)))
        #expect(builder.needsRescan && builder.kind == .categorical)
        let feature = try profile(cells, settings: settings())
        #expect(feature.kind == .categorical)
        #expect(feature.categories == ["1": 2, "2.50": 1, "high": 1])
        #expect(feature.missing == MissingCounts(empty: 1, notANumber: 1, infinite: 0))
        #expect(feature.rowCount == 6)
    }

    @Test func sqliteValuesMapToNumbersTextAndBlob() throws {
        var numeric = FeatureProfileBuilder(name: "n", settings: settings())
        numeric.addInteger(3)
        numeric.addNumber(2.5)
        numeric.addText("4")
        numeric.addMissing()
        numeric.addNumber(.infinity)
        _ = try numeric.finishSampling()
        let n = try numeric.build()
        #expect(n.kind == .numeric && n.sample == [2.5, 3, 4])
        #expect(n.missing == MissingCounts(empty: 1, notANumber: 0, infinite: 1))

        var categorical = FeatureProfileBuilder(name: "c", settings: settings(), kind: .categorical)
        categorical.addInteger(3)
        categorical.addNumber(2.5)
        categorical.addText("3")
        categorical.addBlob()
        _ = try categorical.finishSampling()
        #expect(try categorical.build().categories == ["3": 2, "2.5": 1, "<blob>": 1])

        var blob = FeatureProfileBuilder(name: "b", settings: settings())
        blob.addBlob()
        #expect(blob.kind == .categorical && !blob.needsRescan)
    }

    // MARK: Numeric features

    @Test func exactSampleIsTheSortedFiniteValues() throws {
        var generator = SplitMix64(seed: 11)
        let values = (0..<5_000).map { _ in (generator.nextOpenUnit() - 0.5) * 1e3 }
        let cells = values.map { "\($0)" } + ["", "nan", "inf"]
        let feature = try profile(cells, settings: settings(sampleCap: 5_000))
        #expect(feature.sampleIsExact)
        #expect(feature.sample == values.sorted())
        #expect(feature.psiBins == (try PSIBins(reference: SortedSample(values), bins: 10, binning: .quantile)))
    }

    @Test func summaryEqualsATwoPassComputation() throws {
        var generator = SplitMix64(seed: 5)
        let values = (0..<20_000).map { _ in 1e6 + generator.nextOpenUnit() * 10 }
        let feature = try profile(values.map { "\($0)" }, settings: settings(sampleCap: 1_000))
        let mean = values.reduce(0, +) / Double(values.count)
        let m2 = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        #expect(feature.summary.count == values.count)
        #expect(abs(feature.summary.mean - mean) <= 1e-12 * mean)
        #expect(abs(feature.summary.sumOfSquaredDeviations - m2) <= 1e-9 * m2)
        #expect(feature.summary.minimum == values.min() && feature.summary.maximum == values.max())
        #expect(feature.summary == SummaryStatistics(values))
    }

    @Test func reservoirSampleHasCapValuesAndExactPSICounts() throws {
        var generator = SplitMix64(seed: 8)
        let values = (0..<30_000).map { _ in (generator.nextOpenUnit() * 100).rounded() / 4 }
        let cells = values.map { "\($0)" }
        let feature = try profile(cells, settings: settings(sampleCap: 500, psiBins: 8))
        #expect(!feature.sampleIsExact)
        #expect(feature.sample.count == 500)
        #expect(feature.sample == feature.sample.sorted())
        #expect(Set(feature.sample).isSubset(of: Set(values)))
        let bins = try #require(feature.psiBins)
        // Edges from the sample's quantiles, counts over every value.
        let fromSample = try PSIBins(reference: SortedSample(presorted: feature.sample), bins: 8, binning: .quantile)
        #expect(bins.edges == fromSample.edges)
        #expect(bins.referenceCounts == bins.counts(of: values))
        #expect(bins.referenceTotal == values.count)
        #expect(feature.summary == SummaryStatistics(values))
    }

    @Test func samplesAreReproducibleAndIndependentPerFeature() throws {
        let cells = (0..<2_000).map { "\($0)" }
        let small = settings(sampleCap: 50)
        let first = try profile(cells, name: "a", settings: small)
        let again = try profile(cells, name: "a", settings: small)
        let other = try profile(cells, name: "b", settings: small)
        var reseeded = small
        reseeded.seed = 1
        let otherSeed = try profile(cells, name: "a", settings: reseeded)
        #expect(first == again)
        #expect(first.sample != other.sample)
        #expect(first.sample != otherSeed.sample)
    }
}
