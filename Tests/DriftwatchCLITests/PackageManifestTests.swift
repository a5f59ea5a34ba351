import DriftTestSupport
import Foundation
import Testing

/// Package.swift declares every module a target imports, so no target builds only because a
/// dependency leaks transitively (SwiftPM's `--explicit-target-dependency-import-check` does not
/// catch this for Swift targets on Linux). Reads the sources as text.
@Suite("Package.swift")
struct PackageManifestTests {
    /// Modules of the toolchain and the system, never declared.
    static let system: Set<String> = [
        "Foundation", "FoundationNetworking", "FoundationEssentials", "FoundationXML", "Dispatch", "Glibc", "Musl",
        "Darwin", "Testing", "XCTest", "Synchronization", "_Concurrency", "RegexBuilder",
    ]

    /// The `dependencies: [...]` text of the target named `name`, or nil when there is no such target.
    static func dependencies(of name: String, in manifest: String) -> String? {
        let pattern = #"\.(target|executableTarget|testTarget|systemLibrary)\(\s*name:\s*""# + name + #"""#
        guard let start = manifest.range(of: pattern, options: .regularExpression) else { return nil }
        let rest = manifest[start.upperBound...]
        let nextTarget = rest.range(of: #"\.(target|executableTarget|testTarget|systemLibrary)\("#, options: .regularExpression)?.lowerBound
            ?? rest.endIndex
        let block = rest[..<nextTarget]
        guard let list = block.range(of: "dependencies:") else { return "" }
        return String(block[list.upperBound...])
    }

    static func imports(in folder: URL) throws -> Set<String> {
        var modules: Set<String> = []
        let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
        while let file = files?.nextObject() as? URL {
            guard file.pathExtension == "swift" else { continue }
            let text = try String(contentsOf: file, encoding: .utf8)
            for line in text.split(separator: "\n") {
                let words = line.split(separator: " ").filter { !$0.hasPrefix("@") && !["package", "public", "internal"].contains($0) }
                if words.count == 2, words[0] == "import" { modules.insert(String(words[1])) }
            }
        }
        return modules
    }

    @Test("the dependency finder sees declared and undeclared imports")
    func finderWorks() {
        let manifest = #".target(name: "A", dependencies: ["B", .product(name: "C", package: "c")]), .target(name: "D")"#
        #expect(Self.dependencies(of: "A", in: manifest)?.contains(#""C""#) == true)
        #expect(Self.dependencies(of: "D", in: manifest) == "")
        #expect(Self.dependencies(of: "E", in: manifest) == nil)
    }

    @Test("every target under Sources/ and Tests/ declares each module it imports")
    func everyImportIsDeclared() throws {
        let manifest = try String(contentsOf: repositoryRoot.appendingPathComponent("Package.swift"), encoding: .utf8)
        var checked = 0
        for top in ["Sources", "Tests"] {
            let folder = repositoryRoot.appendingPathComponent(top)
            for target in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() {
                guard let declared = Self.dependencies(of: target, in: manifest) else { continue }
                checked += 1
                for module in try Self.imports(in: folder.appendingPathComponent(target)).subtracting(Self.system)
                where module != target {
                    #expect(declared.contains("\"\(module)\""), "\(top)/\(target) imports \(module) without declaring it")
                }
            }
        }
        #expect(checked >= 14)
    }
}
