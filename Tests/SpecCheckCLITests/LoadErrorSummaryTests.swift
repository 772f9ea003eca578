import Foundation
import Testing

/// A multi-file spec with 1,200 unresolvable `$ref`s (100 in each of 12 files): load errors of one
/// cause are summarised, with a bounded number of examples, unless `--verbose` is given.
@Suite("spec-check summarises repeated load errors", .serialized)
struct LoadErrorSummaryTests {
    static let files = 12
    static let refsPerFile = 100

    /// Writes the spec (and one valid instance) into a fresh directory; returns the directory.
    static func brokenSpec() throws -> URL {
        let dir = try CLI.temporaryDirectory()
        let schemas = dir.appendingPathComponent("schemas")
        try FileManager.default.createDirectory(at: schemas, withIntermediateDirectories: true)
        var components = ""
        for i in 1...files {
            components += "    S\(i): {$ref: 'schemas/s\(i).yaml'}\n"
            var text = "type: object\nproperties:\n"
            for j in 1...refsPerFile { text += "  p\(j): {$ref: '#/definitions/Missing\(j)'}\n" }
            try text.write(to: schemas.appendingPathComponent("s\(i).yaml"), atomically: true, encoding: .utf8)
        }
        try """
        openapi: 3.1.0
        info: {title: broken, version: '1'}
        paths:
          /things:
            post:
              operationId: createThing
              requestBody:
                content:
                  application/json:
                    schema: {$ref: '#/components/schemas/S1'}
              responses:
                '201': {description: created}
        components:
          schemas:
            Odd: {type: string, minLength: -1}
        \(components)
        """.write(to: dir.appendingPathComponent("openapi.yaml"), atomically: true, encoding: .utf8)
        try "{}".write(to: dir.appendingPathComponent("thing.json"), atomically: true, encoding: .utf8)
        return dir
    }

    static var total: Int { files * refsPerFile }

    /// Checks the 11 lines of the unresolved-reference summary at the start of `lines`: every
    /// file's references, or with `file`, those of `schemas/<file>` only.
    static func expectSummary(_ lines: [String], dir: URL, file: String? = nil, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let schemas = dir.appendingPathComponent("schemas").path + "/" + (file ?? "")
        guard lines.count >= 11 else {
            Issue.record("expected a summary, got \(lines)", sourceLocation: sourceLocation)
            return
        }
        let counted =
            file == nil
            ? "1,200 unresolved references \\(ref\\.unresolved\\) in 12 files"
            : "100 unresolved references \\(ref\\.unresolved\\) in 1 file"
        let pattern = try! Regex("^error: " + counted + ##"; first: (.+):(\d+):(\d+): cannot resolve \$ref "#/definitions/Missing\d+""##)
        let first = lines[0].firstMatch(of: pattern)
        #expect(first != nil, "\(lines[0])", sourceLocation: sourceLocation)
        #expect(
            first.map { String($0.output[1].substring ?? "").hasPrefix(schemas) } == true, "\(lines[0])", sourceLocation: sourceLocation)
        for line in lines[1..<10] {
            #expect(
                line.hasPrefix("error: " + schemas) && line.contains(##": cannot resolve $ref "#/definitions/Missing"##), "\(line)",
                sourceLocation: sourceLocation)
        }
        let more = file == nil ? "1,190" : "90"
        #expect(lines[10] == "error: … and \(more) more unresolved references (--verbose prints every one)", sourceLocation: sourceLocation)
        #expect(Set(lines[0..<10]).count == 10, "examples are distinct", sourceLocation: sourceLocation)
    }

    static func errorLines(_ outcome: CLI.Outcome) -> [String] {
        outcome.stderr.split(separator: "\n").map(String.init)
    }

    @Test func inspectSummarisesEachRepeatedCauseAndPrintsTheOthers() throws {
        let dir = try Self.brokenSpec()
        defer { try? FileManager.default.removeItem(at: dir) }
        let spec = dir.appendingPathComponent("openapi.yaml").path
        let outcome = try CLI.run(["inspect", "--spec", spec])
        #expect(outcome.status == 2, "\(outcome)")
        let lines = Self.errorLines(outcome)
        // The invalid keyword, a cause of its own, in full; then the summary.
        #expect(lines.count == 12, "\(lines.prefix(20))")
        let keyword = try #require(lines.first)
        #expect(keyword.hasPrefix("error: \(spec):15:"), "\(keyword)")
        #expect(keyword.contains("minLength must be a non-negative integer"), "\(keyword)")
        Self.expectSummary(Array(lines.dropFirst()), dir: dir)

        let verbose = try CLI.run(["inspect", "--verbose", "--spec", spec])
        #expect(verbose.status == 2)
        let all = Self.errorLines(verbose)
        #expect(all.count == Self.total + 1, "\(all.count) lines")
        #expect(Set(all).count == all.count, "each error once")
        #expect(all.filter { $0.contains(##"cannot resolve $ref "#/definitions/Missing"##) }.count == Self.total)
    }

    /// `validate` loads lazily: it reports the errors of the schemas its target uses (createThing's
    /// body is S1, whose 100 broken references are in schemas/s1.yaml; S2's are in s2.yaml), not
    /// those of the rest of the document (`inspect` reports every one).
    @Test func validateSummarisesItsTargetsLoadErrors() throws {
        let dir = try Self.brokenSpec()
        defer { try? FileManager.default.removeItem(at: dir) }
        let spec = dir.appendingPathComponent("openapi.yaml").path
        let instance = dir.appendingPathComponent("thing.json").path
        for (target, file) in [(["--request", "createThing"], "s1.yaml"), (["--schema", "S2"], "s2.yaml")] {
            for format in ["text", "json"] {
                let outcome = try CLI.run(["validate", "--spec", spec] + target + ["--format", format, instance])
                #expect(outcome.status == 2, "\(outcome)")
                #expect(outcome.stdout.isEmpty, "no verdict: \(outcome.stdout)")
                let lines = Self.errorLines(outcome)
                #expect(lines.count == 11, "\(lines.prefix(20))")
                Self.expectSummary(lines, dir: dir, file: file)
            }
        }
        let verbose = try CLI.run(["validate", "--verbose", "--spec", spec, "--request", "createThing", instance])
        #expect(Self.errorLines(verbose).count == Self.refsPerFile, "\(verbose.stderr.prefix(500))")
        // A schema without references: only its own problem.
        let odd = Self.errorLines(try CLI.run(["validate", "--spec", spec, "--schema", "Odd", instance]))
        #expect(
            odd.count == 1 && odd[0].hasPrefix("error: \(spec):15:") && odd[0].contains("minLength must be a non-negative integer"),
            "\(odd)")
    }

    /// Two corpus groups on the same spec: its errors are printed (and summarised) once.
    @Test func corpusPrintsASpecsErrorsOnceForAllItsGroups() throws {
        let dir = try Self.brokenSpec()
        defer { try? FileManager.default.removeItem(at: dir) }
        // The corpus folder holds only fixtures; the spec's files are next to it.
        let corpus = dir.appendingPathComponent("corpus")
        try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
        try "{}".write(to: corpus.appendingPathComponent("thing.json"), atomically: true, encoding: .utf8)
        try """
        spec: ../openapi.yaml
        groups:
          - name: first
            target: {request: createThing}
            valid: [thing.json]
          - name: second
            target: {schema: S2}
            valid: [thing.json]
        """.write(to: corpus.appendingPathComponent("spec-check.yaml"), atomically: true, encoding: .utf8)
        let outcome = try CLI.run(["corpus", corpus.path])
        #expect(outcome.status == 2, "\(outcome)")
        let lines = Self.errorLines(outcome)
        #expect(lines.count == 12, "\(lines.prefix(20))")
        Self.expectSummary(lines, dir: dir)
        #expect(
            lines.last?.hasSuffix(#"spec-check.yaml:6:5: group "second" is not run: its target has the errors above"#) == true,
            "\(lines.last ?? "")")
        #expect(outcome.lines == ["corpus: 0 passed, 0 failed"], "\(outcome)")
    }
}
