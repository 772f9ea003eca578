import ArgumentParser
import ContractLint
import OpenAPIContract
import SpecSource

/// `spec-check explain [CODE|RULE]`: what an error code means (every error, load error and contract
/// finding carries one; `--format json` prints it as `"code"`) or what a lint rule checks (its
/// identifier, as `spec-check lint --list-rules` lists them), or the list of all codes.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain an error code or a lint rule, or list every code.",
        discussion: """
            Every error spec-check reports has a stable code (ref.unresolved, required, status.undocumented); every \
            lint finding a rule identifier (example-invalid; spec-check lint --list-rules lists them).
            """)

    @Argument(
        help: ArgumentHelp("The error code or lint rule to explain; without it, every error code is listed.", valueName: "CODE|RULE"))
    var code: String?

    func run() throws {
        guard let code else {
            print(Self.listing())
            return
        }
        if let entry = ErrorCatalogue.entry(for: code) {
            print(Self.explanation(entry))
        } else if let rule = LintRule.named(code) {
            print(Self.explanation(rule))
        } else {
            printError("error: unknown code \(code)" + Self.suggestion(code))
            throw Exit.unreadable
        }
    }

    /// Every code with its summary, by where it comes from.
    static func listing() -> String {
        let sections: [(String, [ErrorCode])] = [
            ("Reading files, JSON and YAML", ErrorCatalogue.source),
            ("Schemas: compiling, and each keyword", ErrorCatalogue.schema),
            ("OpenAPI documents, overlays, corpora and HTTP exchanges", ErrorCatalogue.contract),
        ]
        let width = ErrorCatalogue.all.map(\.code.count).max() ?? 0
        var lines: [String] = []
        for (title, codes) in sections {
            if !lines.isEmpty { lines.append("") }
            lines.append(title + ":")
            for entry in codes {
                lines.append("  " + entry.code + String(repeating: " ", count: width - entry.code.count + 2) + entry.summary)
            }
        }
        lines.append("")
        lines.append("spec-check explain CODE prints what a code means.")
        return lines.joined(separator: "\n")
    }

    /// `code: summary`, then the explanation wrapped at 100 columns.
    static func explanation(_ entry: ErrorCode) -> String {
        "\(entry.code): \(entry.summary)\n\n" + wrap(entry.explanation, width: 100)
    }

    /// `rule: lint rule, default severity S`, then what it checks and the specification text it
    /// rests on, wrapped at 100 columns.
    static func explanation(_ rule: LintRule) -> String {
        "\(rule.id): lint rule, default severity \(rule.defaultSeverity.rawValue)\n\n" + wrap(rule.summary, width: 100) + "\n\n"
            + wrap("Specification: " + rule.reference, width: 100)
    }

    static func wrap(_ text: String, width: Int) -> String {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty && line.count + 1 + word.count > width {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(line) }
        return lines.joined(separator: "\n")
    }

    /// `; did you mean …?` with the error code or lint rule nearest to `code` (``SpecSource/NameSuggestion``:
    /// a typo), else the codes of the same family (`operation.not-found` → `operation.unknown`, …),
    /// else the codes that contain it or that it holds as a whole dot-separated part (`unresolved`
    /// → `ref.unresolved`; `not` is not offered for `operation.not-found`).
    static func suggestion(_ code: String) -> String {
        let pointers = " (spec-check explain lists every code, spec-check lint --list-rules every lint rule)"
        let names = ErrorCatalogue.all.map(\.code) + LintRule.all.map(\.id)
        if let nearest = NameSuggestion.nearest(to: code, among: names) {
            return "; did you mean \(nearest)?" + pointers
        }
        let lowered = code.lowercased()
        let parts = Set(lowered.split(separator: ".").map(String.init))
        var matches: [String] = []
        if let dot = lowered.firstIndex(of: "."), dot != lowered.startIndex {
            let family = lowered[...dot]
            matches = names.filter { $0.lowercased().hasPrefix(family) }
        }
        if matches.isEmpty {
            matches = names.filter { $0.lowercased().contains(lowered) || parts.contains($0.lowercased()) }
        }
        if !matches.isEmpty {
            return "; did you mean " + matches.prefix(5).joined(separator: ", ") + "?" + pointers
        }
        return pointers
    }
}
