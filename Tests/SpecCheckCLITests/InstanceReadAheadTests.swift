import Foundation
import SpecSource
import Testing

@testable import spec_check

/// `InstanceReadAhead`: the JSON Lines files of a `validate` command line, read while it is
/// parsed, are handed to the command only as it would have read them itself.
@Suite("instance read-ahead", .serialized)
struct InstanceReadAheadTests {
    private func file(_ name: String, _ text: String, in dir: URL) throws -> String {
        let url = dir.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    @Test func findsJSONLinesArgumentsOfValidateOnly() {
        let line = ["spec-check", "validate", "--spec", "a.jsonl", "x.jsonl", "--output", "o.jsonl", "y.NDJSON", "-", "z.json"]
        #expect(InstanceReadAhead.jsonLinesPaths(line) == ["x.jsonl", "y.NDJSON"])
        // After "--", every argument is a path.
        #expect(
            InstanceReadAhead.jsonLinesPaths(["spec-check", "validate", "--", "--odd.jsonl", "--spec", "b.jsonl"]) == [
                "--odd.jsonl", "b.jsonl",
            ])
        #expect(InstanceReadAhead.jsonLinesPaths(["spec-check", "validate", "--schema-file", "s.jsonl", "i.jsonl"]) == ["i.jsonl"])
        // Runs that read no instance, and other commands, read nothing ahead.
        #expect(InstanceReadAhead.jsonLinesPaths(["spec-check", "validate", "x.jsonl", "--help"]).isEmpty)
        #expect(InstanceReadAhead.jsonLinesPaths(["spec-check", "validate", "-h", "x.jsonl"]).isEmpty)
        #expect(InstanceReadAhead.jsonLinesPaths(["spec-check", "validate", "--version", "x.jsonl"]).isEmpty)
        #expect(InstanceReadAhead.jsonLinesPaths(["spec-check", "corpus", "x.jsonl"]).isEmpty)
        #expect(InstanceReadAhead.jsonLinesPaths(["spec-check", "validate"]).isEmpty)
    }

    @Test func handsOutTheFileOnceWithinTheCommandsLimit() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = "{\"a\": 1}\n\n[2]\n"
        let path = try file("in.jsonl", text, in: dir)
        InstanceReadAhead.start(["spec-check", "validate", "--spec", "s.yaml", path])
        #expect(InstanceReadAhead.read(path + ".other", limits: LoadLimits()) == nil)
        let read = try #require(InstanceReadAhead.read(path, limits: LoadLimits()))
        let direct = try SourceLoader.readJSONLines(contentsOf: path)
        #expect(read.text.byteCount == text.utf8.count)
        #expect(read.chunks.map(\.entryCount) == direct.chunks().map(\.entryCount))
        #expect(InstanceReadAhead.read(path, limits: LoadLimits()) == nil, "handed out twice")
        // A file over the command's --max-instance-size is left to the command, which says so.
        InstanceReadAhead.start(["spec-check", "validate", path])
        #expect(InstanceReadAhead.read(path, limits: LoadLimits(maxBytes: 4)) == nil)
    }

    @Test func readsNoSpecialFiles() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let fifo = dir.appendingPathComponent("pipe.jsonl").path
        #expect(mkfifo(fifo, 0o644) == 0)
        // A FIFO is never opened here: the command reads it once, itself.
        InstanceReadAhead.start(["spec-check", "validate", fifo])
        #expect(InstanceReadAhead.read(fifo, limits: LoadLimits()) == nil)
        let folder = dir.appendingPathComponent("lines.jsonl")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        InstanceReadAhead.start(["spec-check", "validate", folder.path])
        #expect(InstanceReadAhead.read(folder.path, limits: LoadLimits()) == nil)
    }

    @Test func aFileOverTheCommandsLimitIsReportedAsBefore() throws {
        try OverlayCommandTests.withFiles(["s.json": #"{"type": "object"}"#, "in.jsonl": "{}\n{\"a\": 1}\n"]) { dir in
            let out = try CLI.run(["validate", "--schema-file", "s.json", "--max-instance-size", "4", "in.jsonl"], in: dir)
            #expect(out.status == 2, "\(out)")
            #expect(out.stdout.contains("in.jsonl") && out.stdout.contains("is 12 bytes, more than the limit of 4"), "\(out)")
            let fine = try CLI.run(["validate", "--schema-file", "s.json", "in.jsonl"], in: dir)
            #expect(fine.status == 0, "\(fine)")
            #expect(fine.lines.last == "2 instances: 2 valid, 0 invalid", "\(fine)")
        }
    }
}
