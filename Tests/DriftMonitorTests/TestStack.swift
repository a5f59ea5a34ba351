import DriftMonitor
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The real servers started by `scripts/stack/start` (which `scripts/test` runs), found through
/// `DRIFTWATCH_TEST_{PUSHGATEWAY,ALERTMANAGER,PROMETHEUS}_URL`, and the command-line tools
/// (`promtool`, `amtool`) found on `PATH`.
///
/// A test that needs one is `.enabled(if: TestStack.runs(...))`: it runs when the server is
/// there, and also when it is missing but required (`CI` set, or `DRIFTWATCH_REQUIRE_SERVERS=1`),
/// so that it then fails on `TestStack.url(...)` instead of skipping. Otherwise it is skipped
/// with the trait's comment, which `swift test` prints.
enum TestStack {
    enum Server: String {
        case pushgateway = "DRIFTWATCH_TEST_PUSHGATEWAY_URL"
        case alertmanager = "DRIFTWATCH_TEST_ALERTMANAGER_URL"
        case prometheus = "DRIFTWATCH_TEST_PROMETHEUS_URL"
    }

    struct Missing: Error, CustomStringConvertible {
        let description: String
    }

    static var required: Bool {
        let environment = ProcessInfo.processInfo.environment
        return !(environment["CI"] ?? "").isEmpty || environment["DRIFTWATCH_REQUIRE_SERVERS"] == "1"
    }

    /// Whether tests needing `servers` should run (present, or required and so failing).
    static func runs(_ servers: Server...) -> Bool {
        required || servers.allSatisfy { ProcessInfo.processInfo.environment[$0.rawValue] != nil }
    }

    /// The server's base URL; throws when it is not set or not a loopback http URL.
    static func url(_ server: Server) throws -> URL {
        guard let text = ProcessInfo.processInfo.environment[server.rawValue], !text.isEmpty else {
            throw Missing(description: "\(server.rawValue) is not set, but real servers are required (CI or DRIFTWATCH_REQUIRE_SERVERS=1): start them with scripts/stack/start DIR and source DIR/env")
        }
        guard let url = URL(string: text), url.scheme == "http", url.host == "127.0.0.1" else {
            throw Missing(description: "\(server.rawValue)=\(text) is not an http://127.0.0.1 URL; tests only talk to loopback")
        }
        return url
    }

    /// Whether a test needing `tools` should run (all on PATH, or required).
    static func toolsRun(_ tools: String...) -> Bool {
        required || tools.allSatisfy { executable($0) != nil }
    }

    /// The tool's path on PATH, or nil.
    static func executable(_ name: String) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }

    static let skipServers = "real servers not configured: run scripts/stack/start DIR and source DIR/env (scripts/test does this)"
    static let skipTools = "promtool/amtool not on PATH: apt-get install --no-install-recommends prometheus prometheus-alertmanager"

    /// A name no other test (or earlier run) uses.
    static func uniqueName(_ prefix: String) -> String {
        "\(prefix)_\(UUID().uuidString.prefix(8).lowercased())"
    }
}

/// Result of running a command-line tool.
struct ToolResult {
    let status: Int32
    let output: String
}

/// Runs a tool found on PATH with `arguments`, optional stdin, and returns its exit status and
/// combined stdout+stderr.
func runTool(_ name: String, _ arguments: [String], stdin: String? = nil, in folder: URL? = nil) throws -> ToolResult {
    guard let executable = TestStack.executable(name) else {
        throw TestStack.Missing(description: "\(name) is not on PATH; \(TestStack.skipTools)")
    }
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    if let folder { process.currentDirectoryURL = folder }
    let output = Pipe()
    process.standardOutput = output
    process.standardError = output
    let input = Pipe()
    process.standardInput = input
    try process.run()
    if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
    try input.fileHandleForWriting.close()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return ToolResult(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
}

/// A plain HTTP request for reading servers back (not the code under test).
func httpRequest(_ method: String, _ url: URL) async throws -> (status: Int, body: Data) {
    var request = URLRequest(url: url, timeoutInterval: 5)
    request.httpMethod = method
    let (data, response) = try await URLSession.shared.data(for: request)
    return ((response as? HTTPURLResponse)?.statusCode ?? 0, data)
}

/// GETs `path` (with query items) under `base` and parses the JSON answer.
func getJSON(_ base: URL, _ path: String, query: [URLQueryItem] = []) async throws -> Any {
    guard var components = URLComponents(url: base.appendingPathComponent(path), resolvingAgainstBaseURL: false) else {
        throw TestStack.Missing(description: "bad URL \(base) \(path)")
    }
    if !query.isEmpty { components.queryItems = query }
    guard let url = components.url else { throw TestStack.Missing(description: "bad query \(query)") }
    let (status, body) = try await httpRequest("GET", url)
    guard status == 200 else {
        throw TestStack.Missing(description: "GET \(url) answered \(status): \(String(decoding: body, as: UTF8.self))")
    }
    return try JSONSerialization.jsonObject(with: body)
}

/// Polls `condition` every 0.25 s until it returns a value or `timeout` seconds pass.
func poll<T>(timeout: TimeInterval, _ condition: () async throws -> T?) async throws -> T? {
    let deadline = Date().addingTimeInterval(timeout)
    repeat {
        if let value = try await condition() { return value }
        try await Task.sleep(nanoseconds: 250_000_000)
    } while Date() < deadline
    return try await condition()
}
