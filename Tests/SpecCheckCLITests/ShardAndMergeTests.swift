import Foundation
import Testing

/// `--shard K/N` splits fixtures deterministically (each in exactly one shard, stable when files
/// are added) and `merge-reports` joins the shards' JUnit and SARIF reports into the report of
/// the whole run.
@Suite("shards and merge-reports", .serialized)
struct ShardAndMergeTests {
    /// A folder of `count` instances named `item-N.json` against `{"type": "object"}`; every third is invalid.
    func instances(_ count: Int, in directory: URL) throws {
        try #"{"type": "object"}"#.write(to: directory.appendingPathComponent("schema.json"), atomically: true, encoding: .utf8)
        let items = directory.appendingPathComponent("items")
        try FileManager.default.createDirectory(at: items, withIntermediateDirectories: true)
        for i in 0..<count {
            try (i % 3 == 0 ? "[]" : "{}").write(to: items.appendingPathComponent("item-\(i).json"), atomically: true, encoding: .utf8)
        }
    }

    /// The files `validate --format flag --shard K/N` checks, run in `directory`.
    func files(shard: String?, in directory: URL) throws -> [String] {
        let outcome = try CLI.run(
            ["validate", "--schema-file", "schema.json", "--format", "flag", "items"] + (shard.map { ["--shard", $0] } ?? []),
            in: directory)
        #expect(outcome.status == 0 || outcome.status == 1, "\(outcome)")
        return try outcome.lines.map { line in
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            return try #require(object["file"] as? String)
        }
    }

    @Test("every fixture is in exactly one shard, the same one every run")
    func partition() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try instances(40, in: directory)
        let all = try files(shard: nil, in: directory)
        #expect(all.count == 40)
        var seen: [String: Int] = [:]
        for k in 1...3 {
            let part = try files(shard: "\(k)/3", in: directory)
            #expect(!part.isEmpty, "shard \(k)/3 is empty: the hash does not spread 40 paths")
            #expect(try files(shard: "\(k)/3", in: directory) == part, "shard \(k)/3 differs between two runs")
            for file in part {
                #expect(seen[file] == nil, "\(file) is in shards \(seen[file] ?? 0) and \(k)")
                seen[file] = k
            }
        }
        #expect(Set(seen.keys) == Set(all))
        #expect(try files(shard: "1/1", in: directory) == all)
    }

    @Test("a JSON Lines file is split by line: every line in exactly one shard, named FILE:LINE")
    func jsonLinesAreSplitByLine() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try instances(3, in: directory)
        // 60 entries (every fourth invalid) and a blank line, which is no entry.
        var lines = (0..<60).map { $0 % 4 == 0 ? "[]" : #"{"n": \#($0)}"# }
        lines.insert("", at: 10)
        try (lines.joined(separator: "\n") + "\n").write(
            to: directory.appendingPathComponent("items/big.jsonl"), atomically: true, encoding: .utf8)
        let all = try files(shard: nil, in: directory)
        #expect(all.count == 3 + 60)
        var seen: [String: Int] = [:]
        var linesPerShard: [Int] = []
        for k in 1...3 {
            let part = try files(shard: "\(k)/3", in: directory)
            linesPerShard.append(part.filter { $0.contains("big.jsonl:") }.count)
            for file in part {
                #expect(seen[file] == nil, "\(file) is in shards \(seen[file] ?? 0) and \(k)")
                seen[file] = k
            }
        }
        #expect(Set(seen.keys) == Set(all))
        // The lines spread over the shards instead of going to one of them with their file.
        #expect(linesPerShard.allSatisfy { $0 > 0 }, "\(linesPerShard)")
        #expect(!seen.keys.contains { $0.hasSuffix("big.jsonl") }, "the file itself is no result")
    }

    @Test("adding fixtures moves no other fixture to another shard")
    func stableUnderAdditions() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try instances(20, in: directory)
        var before: [String: Int] = [:]
        for k in 1...4 { for file in try files(shard: "\(k)/4", in: directory) { before[file] = k } }
        // New files sorting before and among the old ones (an index-based split would shift them).
        for name in ["a-new.json", "item-10b.json", "item-2a.json"] {
            try "{}".write(to: directory.appendingPathComponent("items/" + name), atomically: true, encoding: .utf8)
        }
        var after: [String: Int] = [:]
        for k in 1...4 { for file in try files(shard: "\(k)/4", in: directory) { after[file] = k } }
        #expect(after.count == 23)
        for (file, shard) in before { #expect(after[file] == shard, "\(file) moved from shard \(shard) to \(after[file] ?? 0)") }
    }

    @Test("--shard values outside 1…N are refused", arguments: ["0/3", "4/3", "1/0", "x/2", "1", "1/2/3", "-1/2"])
    func badShard(_ value: String) throws {
        let outcome = try ReportKit.run(ReportFormatTests.validateArgs + ["--shard", value])
        #expect(outcome.status == 2, "\(outcome)")
        #expect(outcome.stderr.contains("--shard"), "\(outcome)")
        // The reason, not only the help text ("-1/2" reads as an option, so the value is missing).
        let reason = [
            "0/3": "K must be from 1 to N (3)", "4/3": "K must be from 1 to N (3)", "1/0": "N must be from 1 to",
            "-1/2": "Missing value for '--shard",
        ][value]
        #expect(outcome.stderr.contains(reason ?? "K/N is two whole numbers"), "\(outcome)")
    }

    @Test("corpus shards partition the fixtures; manifest findings appear in shard 1 only")
    func corpusShards() throws {
        var names: [String] = []
        for k in 1...2 {
            let outcome = try ReportKit.run(["corpus", "corpus", "--format", "json", "--shard", "\(k)/2"])
            names += outcome.lines.compactMap { line in
                (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["fixture"] as? String
            }
        }
        #expect(names.sorted() == ["fixtures/bad.json", "fixtures/good.json", "fixtures/surprise.json"])

        // A listed fixture that does not exist concerns no shard's fixtures: shard 1 reports it.
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try #"{"type": "object"}"#.write(to: directory.appendingPathComponent("schema.json"), atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("corpus"), withIntermediateDirectories: true)
        for i in 0..<6 { try "{}".write(to: directory.appendingPathComponent("corpus/f\(i).json"), atomically: true, encoding: .utf8) }
        try """
        groups:
          - name: g
            target: {schema-file: ../schema.json}
            valid: ["f*.json"]
            invalid: {gone.json: [""]}
        """.write(to: directory.appendingPathComponent("corpus/spec-check.yaml"), atomically: true, encoding: .utf8)
        var fixtures: [String] = []
        for k in 1...2 {
            let outcome = try CLI.run(["corpus", "corpus", "--format", "json", "--shard", "\(k)/2"], in: directory)
            #expect(outcome.status == (k == 1 ? 1 : 0), "\(outcome)")
            #expect(outcome.stdout.contains("missingFixture") == (k == 1), "\(outcome)")
            fixtures += outcome.lines.compactMap { line in
                (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["fixture"] as? String
            }
        }
        #expect(fixtures.sorted() == (0..<6).map { "f\($0).json" })
    }

    @Test("corpus shards a JSON Lines body fixture by line")
    func corpusShardsJSONLinesByLine() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try #"{"type": "object"}"#.write(to: directory.appendingPathComponent("schema.json"), atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("corpus"), withIntermediateDirectories: true)
        try String(repeating: "{}\n", count: 30).write(
            to: directory.appendingPathComponent("corpus/many.jsonl"), atomically: true, encoding: .utf8)
        try """
        groups:
          - name: g
            target: {schema-file: ../schema.json}
            valid: [many.jsonl]
        """.write(to: directory.appendingPathComponent("corpus/spec-check.yaml"), atomically: true, encoding: .utf8)
        var perShard: [[String]] = []
        for k in 1...3 {
            let outcome = try CLI.run(["corpus", "corpus", "--format", "json", "--shard", "\(k)/3"], in: directory)
            #expect(outcome.status == 0, "\(outcome)")
            perShard.append(
                outcome.lines.compactMap { line in
                    (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["fixture"] as? String
                })
        }
        #expect(perShard.allSatisfy { !$0.isEmpty }, "\(perShard)")
        #expect(perShard.joined().sorted() == (1...30).map { "many.jsonl:\($0)" }.sorted(), "\(perShard)")
    }

    @Test("corpus shards the entries of a HAR fixture one by one, as har does")
    func corpusShardsHAREntries() throws {
        func harEntries(_ shard: String?) throws -> [String] {
            let outcome = try CLI.run(["corpus", "Corpus", "--format", "json"] + (shard.map { ["--shard", $0] } ?? []))
            #expect(outcome.status == 0, "\(outcome)")
            return outcome.lines.compactMap { line in
                (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["fixture"] as? String
            }.filter { $0.contains(".har#") }
        }
        let all = try harEntries(nil)
        #expect(all.count > 3, "\(all)")
        let parts = try (1...3).map { try harEntries("\($0)/3") }
        #expect(parts.filter { !$0.isEmpty }.count >= 2, "the entries of one archive spread over the shards: \(parts)")
        #expect(parts.joined().sorted() == all.sorted())
    }

    @Test("har shards partition the entries")
    func harShards() throws {
        var entries: [Int] = []
        for k in 1...2 {
            let outcome = try ReportKit.run(ReportFormatTests.harArgs + ["--format", "json", "--shard", "\(k)/2"])
            entries += outcome.lines.compactMap { line in
                (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["entry"] as? Int
            }
        }
        #expect(entries.sorted() == [0, 1])
    }

    /// The reports of `args` in `format` for shards 1…n, written into `directory`.
    func shardReports(_ args: [String], format: String, shards n: Int, in directory: URL) throws -> [String] {
        try (1...n).map { k in
            let path = directory.appendingPathComponent("shard-\(k).\(format)").path
            _ = try ReportKit.run(args + ["--format", format, "--shard", "\(k)/\(n)", "--output", path])
            return path
        }
    }

    @Test("merged JUnit shards hold every case once and stay valid against the XSD")
    func mergeJUnit() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let whole = try ReportKit.run(ReportFormatTests.validateArgs + ["--format", "junit"]).stdout
        let parts = try shardReports(ReportFormatTests.validateArgs, format: "junit", shards: 3, in: directory)
        let merged = try CLI.run(["merge-reports"] + parts)
        #expect(merged.status == 0, "\(merged)")
        func cases(_ xml: String) -> [String] { xml.matches(#"<testcase name="([^"]*)""#).sorted() }
        #expect(cases(merged.stdout) == cases(whole))
        #expect(merged.stdout.matches(#"<testsuite [^>]*name="([^"]*)""#).count == 1, "one suite of the same name")
        #expect(merged.stdout.matches(#" tests="(\d+)""#) == whole.matches(#" tests="(\d+)""#))
        #expect(merged.stdout.matches(#" failures="(\d+)""#) == whole.matches(#" failures="(\d+)""#))
        #expect(merged.stdout.matches(#" errors="(\d+)""#) == whole.matches(#" errors="(\d+)""#))
        if ReportKit.xmllint != nil {
            let problems = try ReportKit.junitSchemaProblems(merged.stdout)
            #expect(problems == nil, "\(problems ?? "")")
        }
        // --output writes the same document.
        let file = directory.appendingPathComponent("merged.xml").path
        #expect(try CLI.run(["merge-reports", "--output", file] + parts).status == 0)
        #expect(try String(contentsOfFile: file, encoding: .utf8) == merged.stdout)
    }

    @Test("merged SARIF shards hold every result once, one run, rules joined")
    func mergeSARIF() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let whole = try ReportKit.run(ReportFormatTests.validateArgs + ["--format", "sarif"]).stdout
        let parts = try shardReports(ReportFormatTests.validateArgs, format: "sarif", shards: 3, in: directory)
        let merged = try CLI.run(["merge-reports"] + parts)
        #expect(merged.status == 0, "\(merged)")
        try ReportKit.validateWithSpecCheck([merged.stdout], schema: "sarif/sarif-schema-2.1.0.json")
        func run(_ text: String) throws -> [String: Any] {
            let log = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            let runs = try #require(log["runs"] as? [[String: Any]])
            #expect(runs.count == 1)
            return runs[0]
        }
        let mergedRun = try run(merged.stdout)
        let wholeRun = try run(whole)
        func results(_ run: [String: Any]) -> [String] {
            ((run["results"] as? [[String: Any]]) ?? []).map {
                "\($0["ruleId"] ?? "") \((($0["message"] as? [String: Any])?["text"]) ?? "")"
            }.sorted()
        }
        #expect(results(mergedRun) == results(wholeRun))
        let rules = (((mergedRun["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]]) ?? []
        let ids = rules.compactMap { $0["id"] as? String }
        #expect(Set(ids).count == ids.count)
        for result in (mergedRun["results"] as? [[String: Any]]) ?? [] {
            let index = try #require(result["ruleIndex"] as? Int)
            #expect(ids[index] == result["ruleId"] as? String)
        }
    }

    @Test("merge-reports refuses mixed or unknown reports")
    func mergeRefuses() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let junit = try shardReports(ReportFormatTests.validateArgs, format: "junit", shards: 1, in: directory)
        let sarif = try shardReports(ReportFormatTests.validateArgs, format: "sarif", shards: 1, in: directory)
        let mixed = try CLI.run(["merge-reports", junit[0], sarif[0]])
        #expect(mixed.status == 2 && mixed.stderr.contains("different kinds"), "\(mixed)")
        let text = directory.appendingPathComponent("notes.txt")
        try "hello".write(to: text, atomically: true, encoding: .utf8)
        let unknown = try CLI.run(["merge-reports", text.path])
        #expect(unknown.status == 2 && unknown.stderr.contains("neither a JUnit XML nor a SARIF report"), "\(unknown)")
        let badResult = directory.appendingPathComponent("bad.sarif")
        try #"{"runs": [{"tool": {"driver": {"name": "x"}}, "results": [7]}]}"#.write(to: badResult, atomically: true, encoding: .utf8)
        let malformed = try CLI.run(["merge-reports", badResult.path])
        #expect(malformed.status == 2 && malformed.stderr.contains("is not an object"), "\(malformed)")
        let unclosed = directory.appendingPathComponent("unclosed.xml")
        try #"<testsuites><testsuite name="a" tests="1""#.write(to: unclosed, atomically: true, encoding: .utf8)
        let broken = try CLI.run(["merge-reports", unclosed.path])
        #expect(broken.status == 2 && broken.stderr.contains("not a JUnit report spec-check can merge"), "\(broken)")
        let missing = try CLI.run(["merge-reports", directory.appendingPathComponent("nope.xml").path])
        #expect(missing.status == 2, "\(missing)")
        // JSON Lines (--format json) starts with "{" like SARIF, and is not mistaken for it.
        let lines = directory.appendingPathComponent("shard.json")
        try "{\"file\":\"a.json\",\"valid\":true}\n{\"file\":\"b.json\",\"valid\":true}\n".write(
            to: lines, atomically: true, encoding: .utf8)
        let jsonLines = try CLI.run(["merge-reports", junit[0], lines.path])
        #expect(
            jsonLines.status == 2 && jsonLines.stderr.contains("neither a JUnit XML nor a SARIF report (--format json writes JSON Lines"),
            "\(jsonLines)")
        // The same report twice would count its cases twice.
        let twice = try CLI.run(["merge-reports", junit[0], junit[0]])
        #expect(twice.status == 2 && twice.stderr.contains("is given twice"), "\(twice)")
    }
}
