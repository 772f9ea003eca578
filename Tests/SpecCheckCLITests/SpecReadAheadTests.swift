import Foundation
import SpecSource
import Testing

@testable import spec_check

/// `SpecReadAhead`: the `--spec` file read while the command line is parsed is the tree the command
/// would have read, handed out once, and only for a regular file named by a command that reads one.
@Suite("spec read-ahead", .serialized)
struct SpecReadAheadTests {
    @Test func findsTheLastSpecBeforeTheOptionsEnd() {
        #expect(SpecReadAhead.specPath(["--spec", "a.yaml", "x.json"]) == "a.yaml")
        #expect(SpecReadAhead.specPath(["--spec=b.yaml"]) == "b.yaml")
        #expect(SpecReadAhead.specPath(["--spec", "a.yaml", "--spec=b.yaml"]) == "b.yaml")
        #expect(SpecReadAhead.specPath(["--spec=b.yaml", "--spec", "c.yaml"]) == "c.yaml")
        #expect(SpecReadAhead.specPath(["--", "--spec", "a.yaml"]) == nil)
        #expect(SpecReadAhead.specPath(["x.json", "--spec"]) == nil)
        #expect(SpecReadAhead.specPath(["--specs", "a.yaml"]) == nil)
        // Runs that may not read the spec read nothing ahead.
        #expect(SpecReadAhead.specPath(["--spec", "a.yaml", "--help"]) == nil)
        #expect(SpecReadAhead.specPath(["-h", "--spec", "a.yaml"]) == nil)
        #expect(SpecReadAhead.specPath(["--schema-file", "s.json", "--spec", "a.yaml"]) == nil)
        #expect(SpecReadAhead.specPath(["--spec", "a.yaml", "--schema-file=s.json"]) == nil)
        #expect(SpecReadAhead.specPath(["--spec", "a.yaml", "--", "--help"]) == "a.yaml")
    }

    @Test func handsOutTheTreeOfTheNamedFileOnce() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = try CLI.write("spec.yaml", "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\n", in: dir)
        SpecReadAhead.start(["spec-check", "validate", "--spec", path, "--schema", "X", "in.json"])
        #expect(SpecReadAhead.tree(for: path + ".other") == nil)
        let tree = try #require(SpecReadAhead.tree(for: path)).get()
        #expect(tree == (try SourceLoader.load(contentsOf: path)))
        #expect(tree["info"]?["title"]?.location.line == 2)
        #expect(SpecReadAhead.tree(for: path) == nil, "handed out twice")
    }

    @Test func readsNothingForOtherCommandsOrSpecialFiles() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = try CLI.write("spec.yaml", "openapi: 3.1.0\n", in: dir)
        SpecReadAhead.start(["spec-check", "lint", "--spec", path])
        #expect(SpecReadAhead.tree(for: path) == nil)
        let fifo = dir.appendingPathComponent("pipe.yaml").path
        #expect(mkfifo(fifo, 0o644) == 0)
        // A FIFO is never opened here: the command reads it once, itself.
        SpecReadAhead.start(["spec-check", "validate", "--spec", fifo, "in.json"])
        #expect(SpecReadAhead.tree(for: fifo) == nil)
        SpecReadAhead.start(["spec-check", "validate", "--spec", dir.path, "in.json"])
        #expect(SpecReadAhead.tree(for: dir.path) == nil)
        // A document over the size read ahead is left to the command.
        let big = try CLI.write(
            "big.json", "{\"openapi\": \"3.1.0\", \"x\": \"" + String(repeating: "a", count: SpecReadAhead.maxBytes) + "\"}", in: dir)
        SpecReadAhead.start(["spec-check", "validate", "--spec", big, "in.json"])
        #expect(SpecReadAhead.tree(for: big) == nil)
    }

    @Test func aFileThatDoesNotParseHandsOverTheErrorOfAReadByTheCommand() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = try CLI.write("broken.yaml", "openapi: [\n", in: dir)
        SpecReadAhead.start(["spec-check", "inspect", "--spec=\(path)"])
        let result = try #require(SpecReadAhead.tree(for: path))
        var direct: SourceError?
        do { _ = try SourceLoader.load(contentsOf: path) } catch { direct = error }
        guard case .failure(let error) = result else {
            Issue.record("a broken file was read ahead as a tree")
            return
        }
        #expect(error.code == "yaml.syntax")
        #expect(error == direct)
        #expect(SpecReadAhead.tree(for: path) == nil, "handed out twice")
    }
}
