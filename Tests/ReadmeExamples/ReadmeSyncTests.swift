import Foundation
import Testing

/// Every ```swift block of README.md is the code of one `// README: name` … `// END README`
/// region of a compiled file (these tests, or the integration package for the middleware), and
/// every region is in the README: the examples compile and run, so they cannot rot.
@Suite("README examples are compiled code")
struct ReadmeSyncTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let folders = ["Tests/ReadmeExamples", "IntegrationTests/Tests", "IntegrationTests/Sources/MiddlewareSpeed"]

    /// The README's Swift blocks, import lines set apart, dedented.
    static func readmeBlocks() throws -> [(imports: [String], code: String)] {
        let text = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        var blocks: [(imports: [String], code: String)] = []
        var current: [String]?
        for line in text.components(separatedBy: "\n") {
            if current == nil, line == "```swift" {
                current = []
                continue
            }
            if current != nil, line == "```" {
                defer { current = nil }
                // A manifest excerpt is not Swift code to compile.
                if current!.first == "// Package.swift" { continue }
                let imports = current!.filter { $0.hasPrefix("import ") }
                let code = current!.filter { !$0.hasPrefix("import ") }
                blocks.append((imports, dedent(code)))
                continue
            }
            current?.append(line)
        }
        return blocks
    }

    /// The marked regions of the compiled files: (file, its import lines, region code).
    static func regions() throws -> [(file: String, imports: [String], code: String)] {
        var found: [(file: String, imports: [String], code: String)] = []
        for folder in folders {
            let url = root.appendingPathComponent(folder)
            guard let files = FileManager.default.enumerator(atPath: url.path) else { continue }
            for case let name as String in files where name.hasSuffix(".swift") && !name.contains("Generated/") {
                let lines = try String(contentsOf: url.appendingPathComponent(name), encoding: .utf8).components(separatedBy: "\n")
                let imports = lines.filter { $0.hasPrefix("import ") }
                var current: [String]?
                for line in lines {
                    let trimmed = line.trimmingCharacters(in: .whitespaces)
                    if trimmed.hasPrefix("// README:") {
                        current = []
                        continue
                    }
                    if trimmed == "// END README", let code = current {
                        found.append((folder + "/" + name, imports, dedent(code)))
                        current = nil
                        continue
                    }
                    current?.append(line)
                }
            }
        }
        return found
    }

    static func dedent(_ lines: [String]) -> String {
        var lines = lines.map { $0.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) }
        while lines.first?.isEmpty == true { lines.removeFirst() }
        while lines.last?.isEmpty == true { lines.removeLast() }
        let indent = lines.filter { !$0.isEmpty }.map { $0.prefix { $0 == " " }.count }.min() ?? 0
        return lines.map { $0.isEmpty ? $0 : String($0.dropFirst(indent)) }.joined(separator: "\n")
    }

    @Test func everyReadmeBlockIsCompiledCode() throws {
        let blocks = try Self.readmeBlocks()
        let regions = try Self.regions()
        #expect(blocks.count >= 7)
        for block in blocks {
            let matches = regions.filter { $0.code == block.code }
            #expect(!matches.isEmpty, "README block not found in \(Self.folders):\n\(block.code)")
            for region in matches {
                for line in block.imports {
                    #expect(region.imports.contains(line), "\(region.file) lacks the README's \(line)")
                }
            }
        }
        for region in regions {
            #expect(
                blocks.contains { $0.code == region.code },
                "\(region.file) has a README region that README.md does not show:\n\(region.code)")
        }
    }
}
