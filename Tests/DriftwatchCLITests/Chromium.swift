import Foundation

/// Debian's headless Chromium, for tests that look at the report as a browser renders it.
///
/// Tests that need it are `.enabled(if: Chromium.runs)`: they run when `chromium` is on PATH,
/// and also when it is missing but required (`CI` set or `DRIFTWATCH_REQUIRE_SERVERS=1`, as
/// `scripts/test` sets; `scripts/prerequisites test` installs it), so they then fail instead
/// of skipping.
enum Chromium {
    struct Missing: Error, CustomStringConvertible {
        let description: String
    }

    static var required: Bool {
        let environment = ProcessInfo.processInfo.environment
        return !(environment["CI"] ?? "").isEmpty || environment["DRIFTWATCH_REQUIRE_SERVERS"] == "1"
    }

    static var runs: Bool { required || executable != nil }

    static let skip = "chromium not on PATH: apt-get install --no-install-recommends chromium (scripts/prerequisites test does)"

    static var executable: URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { URL(fileURLWithPath: String($0)).appendingPathComponent("chromium") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// Runs headless Chromium on `page` with `arguments`; returns stdout and stderr.
    static func run(_ arguments: [String], page: String) throws -> (output: String, log: String) {
        guard let executable else { throw Missing(description: skip) }
        let process = Process()
        process.executableURL = executable
        // As root Chromium needs --no-sandbox; a fresh profile directory keeps runs apart.
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("chromium-\(UUID().uuidString)")
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(profile.path)",
                             "--enable-logging=stderr", "--v=0"] + arguments + [URL(fileURLWithPath: page).absoluteString]
        let output = Pipe()
        let log = Pipe()
        process.standardOutput = output
        process.standardError = log
        try process.run()
        // Read both pipes concurrently with the process, so neither fills up and blocks it.
        let group = DispatchGroup()
        nonisolated(unsafe) var logData = Data()
        group.enter()
        DispatchQueue.global().async {
            logData = log.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: profile)
        return (String(decoding: outputData, as: UTF8.self), String(decoding: logData, as: UTF8.self))
    }

    /// The console messages in a Chromium log (`INFO:CONSOLE` lines).
    static func consoleMessages(_ log: String) -> [String] {
        log.split(separator: "\n").filter { $0.contains(":CONSOLE") }.map(String.init)
    }
}

/// Pixel statistics of an 8-bit RGB(A) PNG (as Chromium's screenshots are), decoded with
/// python3's zlib at test time: size, luminance mean and variance, and how many pixels are
/// clearly the report's reference blue or production orange.
struct PNGStatistics: Decodable {
    let width: Int
    let height: Int
    let mean: Double
    let variance: Double
    let blue: Int
    let orange: Int

    static func of(_ path: String) throws -> PNGStatistics {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return try JSONDecoder().decode(PNGStatistics.self, from: data)
    }

    static let script = #"""
        import json, struct, sys, zlib
        data = open(sys.argv[1], "rb").read()
        assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
        pos, idat = 8, b""
        while pos < len(data):
            length, kind = struct.unpack(">I4s", data[pos:pos + 8])
            body = data[pos + 8:pos + 8 + length]
            pos += 12 + length
            if kind == b"IHDR":
                width, height, depth, color = struct.unpack(">IIBB", body[:10])
            elif kind == b"IDAT":
                idat += body
        assert depth == 8 and color in (2, 6), (depth, color)
        bpp = 3 if color == 2 else 4
        raw = zlib.decompress(idat)
        stride = width * bpp
        previous = bytearray(stride)
        total = square = 0.0
        blue = orange = 0
        for y in range(height):
            start = y * (stride + 1)
            kind, row = raw[start], bytearray(raw[start + 1:start + 1 + stride])
            for i in range(stride):
                a = row[i - bpp] if i >= bpp else 0
                b = previous[i]
                c = previous[i - bpp] if i >= bpp else 0
                if kind == 1: row[i] = (row[i] + a) & 255
                elif kind == 2: row[i] = (row[i] + b) & 255
                elif kind == 3: row[i] = (row[i] + (a + b) // 2) & 255
                elif kind == 4:
                    p = a + b - c
                    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                    row[i] = (row[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
            for x in range(0, stride, bpp):
                r, g, b = row[x], row[x + 1], row[x + 2]
                lum = 0.2126 * r + 0.7152 * g + 0.0722 * b
                total += lum
                square += lum * lum
                if b > r + 60 and b > g: blue += 1
                if r > b + 90 and r > g + 20: orange += 1
            previous = row
        n = width * height
        mean = total / n
        print(json.dumps({"width": width, "height": height, "mean": mean, "variance": square / n - mean * mean,
                          "blue": blue, "orange": orange}))
        """#
}
