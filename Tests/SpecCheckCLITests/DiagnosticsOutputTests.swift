import Foundation
import GoldenFiles
import SpecSource
import Testing

@testable import spec_check

/// Instance positions in every output, source snippets under errors, colour choice, plurals and
/// `error:` prefixes. The snippet output is compared with a golden file,
/// `Golden/validate-snippets.txt` (`SPEC_CHECK_GOLDEN_UPDATE=1` rewrites it).
@Suite("Diagnostics: positions, snippets, terminal", .serialized)
struct DiagnosticsOutputTests {
    static let spec = """
        openapi: 3.0.3
        info: {title: t, version: '1'}
        paths: {}
        components:
          schemas:
            Video:
              type: object
              required: [prompt]
              additionalProperties: false
              properties:
                prompt: {type: string}
                aspect_ratio:
                  type: string
                  enum: ['16:9', '9:16']

        """
    static let files = [
        "spec.yaml": spec,
        "bad.json": "{\n  \"promt\": \"sunset\",\n  \"aspect_ratio\": \"16:10\"\n}\n",
        "bad.yaml": "prompt: sunset\naspectRatio: '16:9'\n",
        "lines.jsonl": "{\"prompt\": \"a\"}\n\n{\"prompt\": 42}\n",
    ]

    static let goldenSource = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    /// `text` without ANSI escape sequences.
    static func plain(_ text: String) -> String {
        text.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
    }

    @Test func jsonOutputCarriesKeywordAndInstancePositionForJSONYAMLAndJSONLines() throws {
        try OverlayCommandTests.withFiles(Self.files) { dir in
            let out = try CLI.run(
                ["validate", "--spec", "spec.yaml", "--schema", "Video", "--format", "json", "bad.json", "bad.yaml", "lines.jsonl"], in: dir
            )
            #expect(out.status == 1, "\(out)")
            var positions: [String: [String]] = [:]
            for line in out.lines {
                let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "\(line)")
                for e in object["errors"] as? [[String: Any]] ?? [] {
                    let position = try #require(e["instancePosition"] as? String, "\(e)")
                    #expect(e["keyword"] as? String != nil, "\(e)")
                    positions[object["file"] as! String, default: []].append("\(e["keyword"]!) \(e["instanceLocation"]!) \(position)")
                }
            }
            #expect(
                positions["bad.json"] == [
                    "required  bad.json:1:1", "additionalProperties /promt bad.json:2:12", "enum /aspect_ratio bad.json:3:19",
                ], "\(positions)")
            #expect(positions["bad.yaml"] == ["additionalProperties /aspectRatio bad.yaml:2:14"], "\(positions)")
            // The line of a JSON Lines instance is its line in the file.
            #expect(positions["lines.jsonl:3"] == ["type /prompt lines.jsonl:3:12"], "\(positions)")
        }
    }

    @Test func textOutputNamesTheInstancePositionAndHintsTheFix() throws {
        try OverlayCommandTests.withFiles(Self.files) { dir in
            let out = try CLI.run(["validate", "--spec", "spec.yaml", "--schema", "Video", "bad.json", "bad.yaml"], in: dir)
            #expect(out.status == 1, "\(out)")
            #expect(
                out.lines == [
                    #"bad.json: (root): missing required property "prompt"; did you mean to rename "promt"? (spec.yaml:8:7) [instance bad.json:1:1]"#,
                    #"bad.json: /promt: property "promt" is not allowed (no additional properties); did you mean "prompt"? (spec.yaml:9:7) [instance bad.json:2:12]"#,
                    #"bad.json: /aspect_ratio: "16:10" is not one of "16:9", "9:16" (spec.yaml:14:11) [instance bad.json:3:19]"#,
                    #"bad.yaml: /aspectRatio: property "aspectRatio" is not allowed (no additional properties); did you mean "aspect_ratio"? (spec.yaml:9:7) [instance bad.yaml:2:14]"#,
                    "2 instances: 0 valid, 2 invalid",
                ], "\(out)")
        }
    }

    @Test func snippetsShowTheSpecAndInstanceLinesWithCarets() throws {
        try OverlayCommandTests.withFiles(Self.files) { dir in
            let out = try CLI.run(
                ["validate", "--spec", "spec.yaml", "--schema", "Video", "--color", "always", "bad.json", "bad.yaml", "lines.jsonl"],
                in: dir)
            #expect(out.status == 1, "\(out)")
            #expect(out.stdout.contains("\u{1B}["), "--color always colours even when piped")
            let rendered = Self.plain(out.stdout)
            let file = Self.goldenSource.appendingPathComponent("validate-snippets.txt")
            let mismatch = GoldenFile.mismatch(rendered, file: file)
            #expect(mismatch == nil, "\(mismatch ?? "")")
        }
    }

    @Test func snippetsAreOffWhenPipedAndWithNoSnippets() throws {
        try OverlayCommandTests.withFiles(Self.files) { dir in
            let piped = try CLI.run(["validate", "--spec", "spec.yaml", "--schema", "Video", "bad.json"], in: dir)
            #expect(!piped.stdout.contains(" | "), "\(piped)")
            let off = try CLI.run(
                ["validate", "--spec", "spec.yaml", "--schema", "Video", "--color", "always", "--no-snippets", "bad.json"], in: dir)
            #expect(!off.stdout.contains(" | ") && off.stdout.contains("\u{1B}["), "\(off)")
            let never = try CLI.run(["validate", "--spec", "spec.yaml", "--schema", "Video", "--color", "never", "bad.json"], in: dir)
            #expect(!never.stdout.contains("\u{1B}") && !never.stdout.contains(" | "), "\(never)")
        }
    }

    @Test func aVeryLongLineIsCutAroundTheCaret() {
        let line = String(repeating: "x", count: 500) + "\"bad\"" + String(repeating: "y", count: 500)
        let location = SpecSource.SourceLocation(file: .none, line: 7, column: 501)
        let text = Diagnostic.snippet(label: "instance", location: location, line: line, style: Style(enabled: false))
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.count == 3, "\(text)")
        #expect(lines[1].hasPrefix("       7 | …") && lines[1].hasSuffix("…"), "\(lines[1])")
        #expect(lines[1].count < Diagnostic.width + 20)
        // The caret sits under the value's first character and spans its token.
        let caretColumn = lines[2].firstIndex(of: "^").map { lines[2].distance(from: lines[2].startIndex, to: $0) }
        let valueColumn = lines[1].range(of: "\"bad\"").map { lines[1].distance(from: lines[1].startIndex, to: $0.lowerBound) }
        #expect(caretColumn != nil && caretColumn == valueColumn, "\(text)")
        #expect(lines[2].hasSuffix("^^^^^"))
    }

    @Test func harPositionsPointIntoTheHARFile() throws {
        let outcome = try CLI.run(["har", "--spec", CLI.spec, "--overlay", CLI.overlay, "--format", "json", HarCommandTests.shippedHAR])
        #expect(outcome.status == 1, "\(outcome)")
        var checked = 0
        for line in outcome.lines {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            for e in (object["errors"] as? [[String: Any]] ?? []) + (object["warnings"] as? [[String: Any]] ?? []) {
                let position = try #require(e["instancePosition"] as? String, "\(e)")
                #expect(position.hasPrefix(HarCommandTests.shippedHAR + ":"), "\(position)")
                let parts = position.split(separator: ":")
                #expect(parts.count == 3 && Int(parts[1])! > 1, "\(position)")
                checked += 1
            }
        }
        #expect(checked > 5)
    }

    @Test func colourFollowsTheChoiceAndTheEnvironment() {
        func resolve(_ choice: ColorChoice, _ env: [String: String], tty: Bool) -> (Bool, Bool) {
            let style = Style.resolve(choice, snippets: true, environment: env, isTerminal: tty)
            return (style.enabled, style.snippets)
        }
        #expect(resolve(.auto, [:], tty: true) == (true, true))
        #expect(resolve(.auto, [:], tty: false) == (false, false))
        #expect(resolve(.auto, ["NO_COLOR": "1"], tty: true) == (false, true))
        #expect(resolve(.auto, ["NO_COLOR": ""], tty: true) == (true, true))  // empty NO_COLOR is unset
        #expect(resolve(.auto, ["FORCE_COLOR": "1"], tty: false) == (true, true))
        #expect(resolve(.auto, ["FORCE_COLOR": "0"], tty: false) == (false, false))
        #expect(resolve(.auto, ["FORCE_COLOR": "1", "NO_COLOR": "1"], tty: true) == (true, true))
        #expect(resolve(.always, ["NO_COLOR": "1"], tty: false) == (true, true))
        #expect(resolve(.never, ["FORCE_COLOR": "1"], tty: true) == (false, true))
        #expect(Style.resolve(.always, snippets: false, environment: [:], isTerminal: true).snippets == false)
    }

    @Test func progressLineCountsRatesAndEstimates() {
        #expect(
            ProgressMeter.line(done: 1_500, total: 6_000, noun: "instance", elapsed: .seconds(3)) == "1,500/6,000 instances, 500/s, ETA 9s")
        #expect(ProgressMeter.line(done: 1, total: -1, noun: "entry", plural: "entries", elapsed: .seconds(4)) == "1 entry, 0/s")
        #expect(ProgressMeter.line(done: 10, total: 1, noun: "entry", plural: "entries", elapsed: .seconds(1)) == "10/1 entry, 10/s")
        #expect(ProgressMeter.line(done: 0, total: -1, noun: "entry", plural: "entries", elapsed: .seconds(3)) == "reading entries…")
        #expect(ProgressMeter.duration(59.2) == "60s" || ProgressMeter.duration(59.2) == "1m00s")
        #expect(ProgressMeter.duration(125) == "2m05s")
        #expect(ProgressMeter.duration(3_720) == "1h02m")
    }

    @Test func noProgressLineWhenStandardErrorIsNotATerminal() throws {
        try OverlayCommandTests.withFiles(Self.files) { dir in
            let out = try CLI.run(["validate", "--spec", "spec.yaml", "--schema", "Video", "bad.json"], in: dir)
            #expect(!out.stderr.contains("\r") && !out.stderr.contains("/s"), "\(out)")
        }
    }

    @Test func pluralsAndErrorPrefixes() throws {
        try OverlayCommandTests.withFiles(Self.files) { dir in
            let one = try CLI.run(["validate", "--spec", "spec.yaml", "--schema", "Video", "bad.yaml"], in: dir)
            #expect(one.lines.last == "1 instance: 0 valid, 1 invalid", "\(one)")
            let usage = try CLI.run(["validate", "--spec", "spec.yaml", "bad.json"], in: dir)
            #expect(usage.status == 2)
            #expect(usage.stderr.hasPrefix("error: "), "\(usage)")
            let inspect = try CLI.run(["inspect", "--spec", "spec.yaml"], in: dir)
            #expect(inspect.stdout.contains("0 operations, 1 component schema,"), "\(inspect)")
        }
    }
}
