import Foundation
import Testing

/// Instance values, keys and file names holding line breaks (LF, CR, U+2028, U+2029, NEL) and
/// terminal escapes: every JSON output object is one line for any JSON Lines reader (one that
/// splits on all of them included), and every text message is one line.
@Suite("spec-check output is line-safe", .serialized)
struct LineSafeOutputTests {
    /// What some reader takes for the end of a line (Swift's `isNewline`: LF, VT, FF, CR, NEL,
    /// U+2028, U+2029), plus the other C0/C1 controls, which no output line may hold raw.
    static func hasRawControl(_ line: Substring) -> Bool {
        line.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || $0 == "\u{2028}" || $0 == "\u{2029}" }
    }

    /// A schema, and two instances: one named plainly, one whose name holds LF and U+2028.
    static func fixtures() throws -> (dir: URL, schema: String, files: [String]) {
        let dir = try CLI.temporaryDirectory()
        let schema = dir.appendingPathComponent("schema.json").path
        try #"{"properties": {"name": {"enum": ["x"]}}, "additionalProperties": {"type": "integer"}}"#
            .write(toFile: schema, atomically: true, encoding: .utf8)
        let instances = dir.appendingPathComponent("instances")
        try FileManager.default.createDirectory(at: instances, withIntermediateDirectories: true)
        // Raw U+2028, U+2029 and NEL are allowed inside JSON strings; CR and LF are written as escapes.
        let a = instances.appendingPathComponent("a.json").path
        try "{\"k\u{2028}ey\\r\\n\": \"v\u{2029}al\", \"name\": \"a\u{2028}b\\nc\\rd\u{85}e\"}".write(
            toFile: a, atomically: true, encoding: .utf8)
        let b = instances.appendingPathComponent("n\ne\u{2028}w.json").path
        try "{\"name\": \"x\", \"z\u{85}\": \"\\u001b[31mred\"}".write(toFile: b, atomically: true, encoding: .utf8)
        return (dir, schema, [a, b])
    }

    @Test func jsonOutputIsOneLinePerInstanceAndReadsBack() throws {
        let (dir, schema, files) = try Self.fixtures()
        defer { try? FileManager.default.removeItem(at: dir) }
        let outcome = try CLI.run(["validate", "--schema-file", schema, "--format", "json", dir.appendingPathComponent("instances").path])
        #expect(outcome.status == 1, "\(outcome)")
        let lines = outcome.stdout.split(whereSeparator: \.isNewline)
        #expect(lines.count == 2, "\(outcome)")
        #expect(outcome.stdout.split(separator: "\n").count == 2)
        var errors: [String: (String, String)] = [:]  // instanceLocation → (file, message)
        for line in lines {
            #expect(!Self.hasRawControl(line), "\(line)")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "\(line)")
            let file = try #require(object["file"] as? String)
            #expect(files.contains(file), "\(file)")
            for error in try #require(object["errors"] as? [[String: String]]) {
                errors[error["instanceLocation"] ?? "?"] = (file, error["error"] ?? "?")
            }
        }
        // Keys and values come back exactly as the instances hold them.
        #expect(Set(errors.keys) == ["/k\u{2028}ey\r\n", "/name", "/z\u{85}"], "\(errors)")
        #expect(errors["/k\u{2028}ey\r\n"]?.0 == files[0])
        // Messages quote instance values as JSON literals (escaped), whatever the output format.
        #expect(errors["/k\u{2028}ey\r\n"]?.1 == #"expected integer, found string "v\u2029al""#, "\(errors)")
        #expect(errors["/name"]?.1 == #""a\u2028b\nc\rd\u0085e" must be "x""#, "\(errors)")
        #expect(errors["/z\u{85}"]?.0 == files[1])
        #expect(errors["/z\u{85}"]?.1 == #"expected integer, found string "\u001b[31mred""#, "\(errors)")

        let flags = try CLI.run(["validate", "--schema-file", schema, "--format", "flag", dir.appendingPathComponent("instances").path])
        let flagLines = flags.stdout.split(whereSeparator: \.isNewline)
        #expect(flagLines.count == 2 && !flagLines.contains(where: Self.hasRawControl), "\(flags)")
        let names = try flagLines.map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])["file"] as? String
        }
        #expect(names == files)
    }

    @Test func textOutputPrintsEachErrorOnOneLine() throws {
        let (dir, schema, files) = try Self.fixtures()
        defer { try? FileManager.default.removeItem(at: dir) }
        let outcome = try CLI.run(["validate", "--schema-file", schema, dir.appendingPathComponent("instances").path])
        #expect(outcome.status == 1, "\(outcome)")
        let lines = outcome.stdout.split(whereSeparator: \.isNewline)
        #expect(lines.count == 4, "3 errors and the summary: \(outcome)")
        #expect(!lines.contains(where: Self.hasRawControl), "\(outcome)")
        let escapedB = files[1].replacingOccurrences(of: "\n", with: #"\n"#).replacingOccurrences(of: "\u{2028}", with: #"\u2028"#)
        #expect(
            lines.contains { $0.hasPrefix(files[0] + #": /k\u2028ey\r\n: expected integer, found string "v\u2029al" ("#) }, "\(outcome)")
        #expect(lines.contains { $0.hasPrefix(files[0] + #": /name: "a\u2028b\nc\rd\u0085e" must be "x" ("#) }, "\(outcome)")
        #expect(lines.contains { $0.hasPrefix(escapedB + #": /z\u0085: expected integer, found string "\u001b[31mred" ("#) }, "\(outcome)")
        #expect(lines.last == "2 instances: 0 valid, 2 invalid")
    }

    @Test func unreadableInstanceNamesAndOverlayJSONAreLineSafe() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let schema = dir.appendingPathComponent("schema.json").path
        try "{}".write(toFile: schema, atomically: true, encoding: .utf8)
        let broken = dir.appendingPathComponent("bro\u{2029}ken\r.json").path
        try "{\"a\": ".write(toFile: broken, atomically: true, encoding: .utf8)
        for format in ["text", "json"] {
            let outcome = try CLI.run(["validate", "--schema-file", schema, "--format", format, broken])
            #expect(outcome.status == 2, "\(outcome)")
            let lines = outcome.stdout.split(whereSeparator: \.isNewline)
            #expect(lines.count == (format == "text" ? 2 : 1) && !lines.contains(where: Self.hasRawControl), "\(outcome)")
            if format == "json", let line = lines.first {
                let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
                #expect(object["file"] as? String == broken)
            }
        }

        // `overlay --format json` is pretty-printed: lines break only between members, never inside a string.
        let document = dir.appendingPathComponent("doc.json").path
        try "{\"info\": {\"k\u{2028}\": \"v\u{2029}\u{85}\"}}".write(toFile: document, atomically: true, encoding: .utf8)
        let overlay = dir.appendingPathComponent("o.yaml").path
        try
            "overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions:\n  - target: $.info\n    update: {\"line\\r\\nbreak\": \"x\\u2028y\"}\n"
            .write(toFile: overlay, atomically: true, encoding: .utf8)
        let patched = try CLI.run(["overlay", "--spec", document, "--overlay", overlay, "--format", "json"])
        #expect(patched.status == 0, "\(patched)")
        #expect(
            !patched.stdout.unicodeScalars.contains {
                $0 != "\n" && ($0.value < 0x20 || (0x7F...0x9F).contains($0.value) || $0 == "\u{2028}" || $0 == "\u{2029}")
            }, "\(patched)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(patched.stdout.utf8)) as? [String: [String: String]])
        #expect(object == ["info": ["k\u{2028}": "v\u{2029}\u{85}", "line\r\nbreak": "x\u{2028}y"]])
    }
}
