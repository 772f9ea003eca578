import ContractCorpus
import Foundation
import SpecSource
import Testing

@testable import spec_check

/// `InstanceReadAhead`: the JSON Lines files of a `validate` command line, read while it is
/// parsed, are handed to the command only as it would have read them itself.
@Suite("instance read-ahead", .serialized)
struct InstanceReadAheadTests {
    @Test func findsThePathsOfValidateOnly() {
        let line = [
            "spec-check", "validate", "--spec", "a.jsonl", "x.jsonl", "--output", "o.jsonl", "dir", "--request", "op", "z.json",
        ]
        #expect(InstanceReadAhead.instancePaths(line) == ["x.jsonl", "dir", "z.json"])
        // After "--", every argument is a path.
        #expect(
            InstanceReadAhead.instancePaths(["spec-check", "validate", "--", "--odd.jsonl", "--spec", "b.jsonl"]) == [
                "--odd.jsonl", "--spec", "b.jsonl",
            ])
        #expect(InstanceReadAhead.instancePaths(["spec-check", "validate", "--schema-file=s.json", "--quiet", "i.jsonl"]) == ["i.jsonl"])
        // Runs that read no instance, and other commands, read nothing ahead.
        #expect(InstanceReadAhead.instancePaths(["spec-check", "validate", "x.jsonl", "--help"]).isEmpty)
        #expect(InstanceReadAhead.instancePaths(["spec-check", "validate", "-h", "x.jsonl"]).isEmpty)
        #expect(InstanceReadAhead.instancePaths(["spec-check", "validate", "--version", "x.jsonl"]).isEmpty)
        #expect(InstanceReadAhead.instancePaths(["spec-check", "corpus", "x.jsonl"]).isEmpty)
        #expect(InstanceReadAhead.instancePaths(["spec-check", "validate"]).isEmpty)
        // With standard input among the paths, the command reads the others after it: nothing ahead.
        #expect(InstanceReadAhead.instancePaths(["spec-check", "validate", "-", "x.jsonl"]).isEmpty)
        #expect(InstanceReadAhead.instancePaths(["spec-check", "validate", "x.jsonl", "--", "-"]).isEmpty)
        #expect(InstanceReadAhead.instancePaths(["spec-check", "validate", "--stdin-name", "-", "x.jsonl"]) == ["x.jsonl"])
    }

    @Test func readsTheCommandLinesInstanceSizeLimit() {
        #expect(InstanceReadAhead.instanceSizeLimit(["spec-check", "validate", "x.jsonl"]) == 512 << 20)
        #expect(InstanceReadAhead.instanceSizeLimit(["spec-check", "validate", "--max-instance-size", "10", "x.jsonl"]) == 10)
        #expect(
            InstanceReadAhead.instanceSizeLimit(["spec-check", "validate", "--max-instance-size=2K", "--max-instance-size", "1M"]) == 1
                << 20)
        #expect(InstanceReadAhead.instanceSizeLimit(["spec-check", "validate", "--max-instance-size", "lots", "x.jsonl"]) == nil)
        #expect(InstanceReadAhead.instanceSizeLimit(["spec-check", "validate", "--", "--max-instance-size", "10"]) == 512 << 20)
    }

    /// The guess skips the value of every option that takes one, as ArgumentParser parses them.
    @Test func valueOptionsAreThoseOfTheCommand() throws {
        let out = try CLI.run(["validate", "--experimental-dump-help"])
        #expect(out.status == 0, "\(out)")
        let tool = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])
        let command = try #require(tool["command"] as? [String: Any])
        let arguments = try #require(command["arguments"] as? [[String: Any]])
        let withValues = arguments.filter { $0["kind"] as? String == "option" }.flatMap { argument in
            (argument["names"] as? [[String: Any]] ?? []).filter { $0["kind"] as? String == "long" }.compactMap { $0["name"] as? String }
        }
        #expect(Set(withValues.map { "--" + $0 }) == InstanceReadAhead.valueOptions)
    }

    @Test func handsOutAFoldersListingOnce() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for name in ["b.json", "a.yaml", "notes.txt", "spec-check.yaml", "c.jsonl"] { _ = try CLI.write(name, "{}\n", in: dir) }
        InstanceReadAhead.start(["spec-check", "validate", "--schema-file", "s.json", dir.path])
        let listed = try #require(InstanceReadAhead.listing(dir.path))
        let direct = InstanceFiles.list(dir.path, include: InstanceFiles.listsAsInstance)
        #expect(listed.files.map(\.path) == direct.files.map(\.path))
        #expect(
            listed.files.map(\.path).map { ($0 as NSString).lastPathComponent } == [
                "a.yaml", "b.json", "c.jsonl", "notes.txt", "spec-check.yaml",
            ])
        #expect(InstanceReadAhead.listing(dir.path) == nil, "handed out twice")
    }

    @Test func handsOutTheFileOnceWithinTheCommandsLimit() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = "{\"a\": 1}\n\n[2]\n"
        let path = try CLI.write("in.jsonl", text, in: dir)
        InstanceReadAhead.start(["spec-check", "validate", "--spec", "s.yaml", path])
        #expect(InstanceReadAhead.read(path + ".other", limits: LoadLimits()) == nil)
        let read = try #require(InstanceReadAhead.read(path, limits: LoadLimits()))
        let direct = try SourceLoader.readJSONLines(contentsOf: path)
        #expect(read.text.byteCount == text.utf8.count)
        #expect(read.chunks.map(\.entryCount) == direct.chunks().map(\.entryCount))
        #expect(InstanceReadAhead.read(path, limits: LoadLimits()) == nil, "handed out twice")
        // A file over the command's --max-instance-size is left to the command, which says so;
        // one over the command line's is not even read.
        InstanceReadAhead.start(["spec-check", "validate", path])
        #expect(InstanceReadAhead.read(path, limits: LoadLimits(maxBytes: 4)) == nil)
        InstanceReadAhead.start(["spec-check", "validate", "--max-instance-size", "4", path])
        #expect(InstanceReadAhead.read(path, limits: LoadLimits()) == nil)
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
