import Foundation
import Testing
@testable import DriftSources

@Suite struct TimeParsingTests {
    // MARK: Timestamps: rejections first

    @Test(arguments: [
        "", " 2019-04-30 12:00:00", "2019-04-30 12:00:00 ", "garbage", "2019/04/30", "2019-4-30",
        "19-04-30", "2019-04-30X12:00", "2019-04-30 12", "2019-04-30 12:00:", "2019-04-30 12:00:00.",
        "2019-04-30 12:00:00,5", "2019-04-30T12:00:00ZZ", "2019-04-30T12:00:00+2", "2019-04-30T12:00:00+02:0",
        "2019-04-30Z", "-1556625600", "+1556625600", "01556625600", "1556625600.", "1.5e9", "0x10", "now", "12:00",
    ])
    func rejectsMalformedTimestamps(text: String) {
        #expect(throws: SourceError.self) { try parseTimestamp(text) }
    }

    @Test(arguments: [
        ("2019-13-01", "month 13"), ("2019-00-10", "month 0"), ("2019-02-29", "day 29"), ("2019-04-31", "day 31"),
        ("2019-04-00", "day 0"), ("2019-04-30 24:00", "hour 24"), ("2019-04-30 12:60", "minute 60"),
        ("2019-04-30 12:00:60", "second 60"), ("2019-04-30T12:00:00+24:00", "offset"),
        ("2019-04-30T12:00:00+05:60", "offset"), ("99999999999999", "year 9999"),
    ])
    func rejectsOutOfRangeFieldsNamingThem(text: String, fragment: String) {
        do {
            _ = try parseTimestamp(text)
            Issue.record("\(text) was accepted")
        } catch let error as SourceError {
            #expect(error.description.contains("\"\(text)\""))
            #expect(error.description.contains(fragment), "\(error)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func errorMessageNamesTextAndFormats() {
        #expect(throws: SourceError.invalidArgument(
            name: "timestamp",
            reason: "\"yesterday\" is not a timestamp; expected ISO-8601 like 2019-04-30T12:00:00Z or "
                + "2019-04-30 12:00:00.000 (UTC when no zone), or Unix seconds like 1556625600")
        ) { try parseTimestamp("yesterday") }
    }

    // MARK: Timestamps: accepted forms

    @Test(arguments: [
        ("2019-04-30 12:00:00.000", 1_556_625_600.0), ("2019-04-30T12:00:00Z", 1_556_625_600),
        ("2019-04-30t12:00:00z", 1_556_625_600), ("2019-04-30 12:00", 1_556_625_600),
        ("2019-04-30T12:00:00", 1_556_625_600), ("2019-04-30T14:00:00+02:00", 1_556_625_600),
        ("2019-04-30T14:00:00+0200", 1_556_625_600), ("2019-04-30T14:00:00+02", 1_556_625_600),
        ("2019-04-30T07:30:00-04:30", 1_556_625_600), ("2019-04-30", 1_556_582_400),
        ("2019-06-01T00:00:00Z", 1_559_347_200), ("1970-01-01T00:00:00Z", 0), ("1556625600", 1_556_625_600),
        ("1556625600.25", 1_556_625_600.25), ("0", 0), ("0.5", 0.5), ("2019-04-30 12:00:00.5", 1_556_625_600.5),
        ("2019-04-30 12:00:00.250000", 1_556_625_600.25), ("2020-02-29 00:00:00", 1_582_934_400),
        ("2000-02-29", 951_782_400), ("1969-12-31T23:59:59Z", -1), ("9999-12-31T23:59:59Z", 253_402_300_799),
        ("0000-01-01", -62_167_219_200),
    ])
    func parsesTimestamps(text: String, unixSeconds: Double) throws {
        #expect(try parseTimestamp(text).timeIntervalSince1970 == unixSeconds)
    }

    @Test func agreesWithFoundationOnEveryDayOfTwoCenturies() throws {
        let formatter = ISO8601DateFormatter()
        var day = try parseTimestamp("1900-01-01")
        let end = try parseTimestamp("2101-01-01")
        var checked = 0
        while day < end {
            let text = formatter.string(from: day)   // 1900-01-01T00:00:00Z
            #expect(try parseTimestamp(text) == day, "\(text)")
            day.addTimeInterval(86_400 + 3_661)
            checked += 1
        }
        #expect(checked > 60_000)
    }

    // MARK: Durations

    @Test(arguments: [
        "", "30", "h", "1.5h", "-1h", "+1h", "1h ", " 1h", "1m1h", "1h1h", "1x", "1H", "0s", "0h0m",
        "1hh", "99999999999999999999h", "100000000000y", "1h30", "ms1",
    ])
    func rejectsMalformedDurations(text: String) {
        do {
            _ = try parseDuration(text)
            Issue.record("\(text) was accepted")
        } catch let error as SourceError {
            #expect(error.description.contains("\"\(text)\""), "\(error)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func durationMessagesSayWhatIsWrong() {
        #expect(throws: SourceError.invalidArgument(
            name: "duration",
            reason: "\"3x\" has an unknown unit \"x\"; expected a duration like 30s, 15m, 1h, 1h30m, 7d or 1w")
        ) { try parseDuration("3x") }
        #expect((try? parseDuration("1m1h")) == nil)
        do { _ = try parseDuration("1m1h") } catch { #expect("\(error)".contains("out of order")) }
        do { _ = try parseDuration("30") } catch { #expect("\(error)".contains("without a unit")) }
    }

    @Test(arguments: [
        ("30s", 30.0), ("30m", 1_800), ("1h", 3_600), ("720h", 2_592_000), ("7d", 604_800), ("1w", 604_800),
        ("1h30m", 5_400), ("1d2h3m4s", 93_784), ("250ms", 0.25), ("1s500ms", 1.5), ("1y", 31_536_000),
        ("2w1d", 1_296_000), ("0h1m", 60),
    ])
    func parsesDurations(text: String, seconds: Double) throws {
        #expect(try parseDuration(text) == seconds)
    }

    // MARK: Windows

    @Test func windowRejectsEmptyAndNegativeDurations() throws {
        let end = try parseTimestamp("2019-04-30T11:00:00Z")
        for duration in [0, -1, .infinity, .nan] as [TimeInterval] {
            #expect(throws: SourceError.self) { try TimeWindow(end: end, duration: duration) }
        }
        #expect(throws: SourceError.self) { try TimeWindow(start: end, end: end) }
        #expect(throws: SourceError.self) { try TimeWindow(start: end, end: end.addingTimeInterval(-1)) }
    }

    @Test func windowIsHalfOpen() throws {
        let end = try parseTimestamp("2019-04-30T11:00:00Z")
        let window = try TimeWindow(end: end, duration: try parseDuration("1h"))
        #expect(window.start == (try parseTimestamp("2019-04-30 10:00:00.000")))
        #expect(window.duration == 3_600)
        #expect(window.contains(window.start))
        #expect(!window.contains(end))
        #expect(window.contains(end.addingTimeInterval(-0.001)))
        #expect(!window.contains(window.start.addingTimeInterval(-0.001)))
        #expect(window.description == "[2019-04-30T10:00:00.000Z, 2019-04-30T11:00:00.000Z)")
    }

    @Test(arguments: [
        (0.0, "1970-01-01"), (-1, "1969-12-31"), (951_782_400, "2000-02-29"), (1_556_625_600, "2019-04-30"),
        (253_402_300_799, "9999-12-31"), (253_402_300_800, nil), (-62_167_219_200, "0000-01-01"),
        (-62_167_219_201, nil),
    ] as [(Double, String?)])
    func candidateDateText(seconds: Double, expected: String?) {
        #expect(CandidateRanges.dateText(seconds) == expected)
    }

    @Test func candidateRangesCoverEveryFormatOfTheWindow() throws {
        let window = try TimeWindow(end: try parseTimestamp("2019-04-30T11:00:00Z"), duration: 3_600)
        let ranges = CandidateRanges(window: window)
        #expect(ranges.numberLow == 1_556_618_399 && ranges.numberHigh == 1_556_622_001)
        #expect(ranges.isoLow == "2019-04-29" && ranges.isoHigh == "2019-05-02")
        #expect(ranges.digitsLow == "1556618400" && ranges.digitsHigh == "1556622001")
        #expect(ranges.minuteRanges.map(\.low) == ["2019-04-30 10:00", "2019-04-30T10:00", "2019-04-30t10:00"])
        #expect(ranges.minuteRanges.map(\.high) == ["2019-04-30 11:01", "2019-04-30T11:01", "2019-04-30t11:01"])
        // A window across 2001-09-09T01:46:40Z (Unix seconds gain a digit) widens the digit range.
        let crossing = try TimeWindow(end: try parseTimestamp("1000000100"), duration: 200)
        let wide = CandidateRanges(window: crossing)
        #expect(wide.digitsLow == "0" && wide.digitsHigh == ":")
    }
}
