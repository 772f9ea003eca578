import ArgumentParser
import OpenAPIContract
import SpecSource

/// `spec-check explain [CODE]`: what an error code means (every error, load error and contract
/// finding carries one; `--format json` prints it as `"code"`), or the list of all codes.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain an error code, or list every code.",
        discussion: "Every error spec-check reports has a stable code (ref.unresolved, required, status.undocumented).")

    @Argument(help: ArgumentHelp("The code to explain; without it, every code is listed.", valueName: "CODE"))
    var code: String?

    func run() throws {
        guard let code else {
            print(Self.listing())
            return
        }
        guard let entry = ErrorCatalogue.entry(for: code) else {
            printError("error: unknown code \(code)" + suggestion(code))
            throw Exit.unreadable
        }
        print(Self.explanation(entry))
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

    /// `; did you mean …?` with the codes closest to `code`.
    private func suggestion(_ code: String) -> String {
        let lowered = code.lowercased()
        let matches = ErrorCatalogue.all.map(\.code).filter { $0.lowercased().contains(lowered) || lowered.contains($0.lowercased()) }
        if !matches.isEmpty {
            return "; did you mean " + matches.prefix(5).joined(separator: ", ") + "? (spec-check explain lists every code)"
        }
        return " (spec-check explain lists every code)"
    }
}
