import Foundation
import Testing

/// What `--help` says: every subcommand listed, the OpenAPI versions the tool reads, and what
/// `inspect` prints without and with `--operations`.
@Suite("spec-check --help")
struct HelpTextTests {
    /// The subcommand names of `spec-check --help`'s SUBCOMMANDS section (two-space indented,
    /// the name first; `(default)` and descriptions dropped).
    static func listedSubcommands() throws -> [String] {
        let help = try CLI.run(["--help"])
        #expect(help.status == 0, "\(help)")
        let lines = help.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let start = try #require(lines.firstIndex(of: "SUBCOMMANDS:"), "\(help)")
        var names: [String] = []
        for line in lines[(start + 1)...] {
            if line.isEmpty || !line.hasPrefix(" ") { break }
            // A name is indented by two spaces; a wrapped description by more.
            guard line.hasPrefix("  "), !line.hasPrefix("   "), let name = line.split(separator: " ").first else { continue }
            names.append(String(name))
        }
        return names
    }

    /// The `commandName:` of every command in Sources/spec-check, except the root's.
    static func declaredSubcommands() throws -> Set<String> {
        let folder = CLI.repositoryRoot.appendingPathComponent("Sources/spec-check")
        let files = try #require(FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil))
        var names = Set<String>()
        for case let url as URL in files where url.pathExtension == "swift" {
            let text = try String(contentsOf: url, encoding: .utf8)
            var rest = text[...]
            while let range = rest.range(of: "commandName: \"") {
                let after = rest[range.upperBound...]
                guard let end = after.firstIndex(of: "\"") else { break }
                names.insert(String(after[..<end]))
                rest = after[end...]
            }
        }
        names.remove("spec-check")
        return names
    }

    @Test func everySubcommandIsListed() throws {
        let listed = try Self.listedSubcommands()
        let declared = try Self.declaredSubcommands()
        #expect(declared.count >= 8, "\(declared)")
        #expect(declared.contains("merge-reports"))
        #expect(Set(listed) == declared, "listed \(listed), declared \(declared.sorted())")
        #expect(Set(listed).count == listed.count, "\(listed)")
        // Each one answers `--help` under its own name.
        for name in declared {
            let help = try CLI.run([name, "--help"])
            #expect(help.status == 0 && help.stdout.contains("USAGE: spec-check \(name)"), "\(name): \(help)")
        }
    }

    /// The tool reads OpenAPI 3.2 documents (OpenAPIDocument loads `openapi: 3.2.x` with the 3.1
    /// dialect); no help text may say 3.0/3.1 only.
    @Test func helpNamesOpenAPI32() throws {
        let root = try CLI.run(["--help"])
        #expect(root.stdout.contains("OpenAPI 3.0/3.1/3.2 contract"), "\(root)")
        for name in try Self.declaredSubcommands().sorted() {
            let help = try CLI.run([name, "--help"])
            let text = help.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            #expect(!text.replacingOccurrences(of: "3.0/3.1/3.2", with: "").contains("3.0/3.1"), "\(name): \(text)")
            if ["validate", "inspect", "har", "lint"].contains(name) {
                #expect(text.contains("--spec <FILE> The OpenAPI 3.0/3.1/3.2 document"), "\(name): \(text)")
            }
        }
        let spec =
            "openapi: 3.2.0\ninfo: {title: t, version: '1'}\npaths: {/a: {get: {operationId: getA, responses: {'200': {description: ok}}}}}\n"
        try OverlayCommandTests.withFiles(["spec.yaml": spec]) { dir in
            let inspect = try CLI.run(["inspect", "--spec", "spec.yaml"], in: dir)
            #expect(inspect.status == 0 && inspect.lines.first?.hasPrefix("spec.yaml: OpenAPI 3.2.0") == true, "\(inspect)")
        }
    }

    /// `inspect` summarises in one line; only `--operations` lists the operations, and the help
    /// says so.
    @Test func inspectHelpMatchesWhatItPrints() throws {
        let help = try CLI.run(["inspect", "--help"])
        let text = help.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(!text.contains("then list its operations"), "\(text)")
        #expect(text.contains("--operations also lists each operation"), "\(text)")
        let summary = try CLI.run(["inspect", "--spec", CLI.spec])
        #expect(summary.status == 0 && summary.lines.count == 1, "\(summary)")
        let operations = try CLI.run(["inspect", "--spec", CLI.spec, "--operations"])
        #expect(operations.status == 0 && operations.lines.count > 1, "\(operations)")
        #expect(operations.lines.dropFirst().allSatisfy { $0.hasPrefix("  ") && $0.contains("responses:") }, "\(operations)")
    }

    /// Every option a subcommand's `--help` lists is in the README's synopsis of that command (the
    /// `spec-check NAME …` lines of the Command line section).
    @Test func theReadmeSynopsisListsEveryOption() throws {
        let readme = try String(contentsOf: CLI.repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try #require(readme.range(of: "## Command line\n\n```\n"), "no Command line section")
        let block = readme[section.upperBound...]
        let end = try #require(block.range(of: "```"))
        var synopsis: [String: String] = [:]
        var current: String?
        for line in block[..<end.lowerBound].split(separator: "\n") {
            if line.hasPrefix("spec-check "), let name = line.split(separator: " ").dropFirst().first { current = String(name) }
            if let current { synopsis[current, default: ""] += line + "\n" }
        }
        #expect(Set(synopsis.keys) == (try Self.declaredSubcommands()), "\(synopsis.keys.sorted())")
        for (name, text) in synopsis {
            let help = try CLI.run([name, "--help"])
            let options = help.stdout.split(separator: "\n").compactMap { line -> String? in
                // An option's own line, indented by two spaces: `  --name <value>` or `  -s, --name`
                // (wrapped descriptions are indented further).
                guard line.hasPrefix("  -") else { return nil }
                let trimmed = line.dropFirst(2)
                let word = (trimmed.hasPrefix("--") ? trimmed : trimmed.drop { $0 != " " }.dropFirst()).prefix { !$0.isWhitespace }
                return word.hasPrefix("--") ? String(word) : nil
            }
            #expect(!options.isEmpty, "\(name): \(help)")
            for option in options where option != "--help" && option != "--version" {
                #expect(text.contains(option + " ") || text.contains(option + "\n") || text.contains(option + "]"), "\(name) \(option)")
            }
        }
    }
}
