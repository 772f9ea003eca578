import Foundation
import Testing

/// Hostile input, class "reads": only regular files are read, never blocking and never past a size
/// check; folder walks cannot loop; what cannot be read is an error (exit 2), named for its cause.
/// See docs/SECURITY.md.
@Suite("Hostile input: reads", .serialized)
struct HostileReadTests {
    static let spec = """
        openapi: 3.1.0
        info: {title: t, version: '1'}
        paths: {}
        components:
          schemas:
            S: {type: object}

        """
    /// A spec whose references lead to special files (line 6: a FIFO, line 7: a device).
    static let references = """
        openapi: 3.1.0
        info: {title: t, version: '1'}
        paths: {}
        components:
          schemas:
            FromPipe: {$ref: 'pipe.yaml#/X'}
            FromDevice: {$ref: 'device.yaml'}

        """

    /// A temporary folder holding `spec.yaml`, `refs.yaml`, `i.json` (valid against `S`) and a
    /// FIFO `pipe.yaml`.
    static func withFolder(_ body: (URL) throws -> Void) throws {
        try OverlayCommandTests.withFiles(["spec.yaml": spec, "refs.yaml": references, "i.json": "{}"]) { dir in
            #expect(mkfifo(dir.appendingPathComponent("pipe.yaml").path, 0o644) == 0)
            try body(dir)
        }
    }

    @Test func fifoAndDeviceInstancesAreRefusedWithoutBlocking() throws {
        try Self.withFolder { dir in
            let out = try CLI.run(["validate", "--spec", "spec.yaml", "--schema", "S", "pipe.yaml", "/dev/zero", "i.json"], in: dir)
            #expect(out.status == 2, "\(out)")
            #expect(out.lines.contains("pipe.yaml: cannot be read: pipe.yaml: is a FIFO (named pipe), not a regular file"), "\(out)")
            #expect(out.lines.contains("/dev/zero: cannot be read: /dev/zero: is a character device, not a regular file"), "\(out)")
            #expect(out.lines.last == "3 instances: 1 valid, 0 invalid, 2 unreadable", "\(out)")
            for spec in ["pipe.yaml", "/dev/zero", "."] {
                let refused = try CLI.run(["inspect", "--spec", spec], in: dir)
                #expect(refused.status == 2 && refused.stderr.contains("not a regular file"), "\(refused)")
            }
        }
    }

    /// Creates `name` (raw bytes, not necessarily UTF-8) in `dir` holding `{}`.
    static func createFile(named name: [UInt8], in dir: URL) {
        let path = Array(dir.path.utf8) + [UInt8(ascii: "/")] + name + [0]
        let fd = path.withUnsafeBytes { open($0.baseAddress!.assumingMemoryBound(to: CChar.self), O_CREAT | O_WRONLY, 0o644) }
        #expect(fd >= 0, "cannot create a file named \(name)")
        if fd >= 0 {
            #expect(write(fd, "{}", 2) == 2)
            close(fd)
        }
    }

    /// A file name that is not UTF-8 cannot be named by a Swift string: it is reported with its
    /// cause and its bytes escaped, never as "no such file"; in a folder, a file only when the walk
    /// would have read it and a folder always (its files would have been read); on the command
    /// line before anything else (exit 2).
    @Test func fileNamesThatAreNotUTF8AreReportedWithTheirCause() throws {
        try OverlayCommandTests.withFiles(["spec.yaml": Self.spec, "in/i.json": "{}"]) { dir in
            let folder = dir.appendingPathComponent("in")
            Self.createFile(named: Array("bad".utf8) + [0xFF] + Array(".json".utf8), in: folder)
            Self.createFile(named: Array("notes".utf8) + [0xFE] + Array(".txt".utf8), in: folder)
            let subfolder = Array(folder.path.utf8) + Array("/sub".utf8) + [0xFD, 0]
            #expect(subfolder.withUnsafeBytes { mkdir($0.baseAddress!.assumingMemoryBound(to: CChar.self), 0o755) } == 0)
            let walked = try CLI.run(["validate", "--spec", "spec.yaml", "--schema", "S", "in"], in: dir)
            #expect(walked.status == 2, "\(walked)")
            #expect(
                walked.lines.contains(
                    "in/bad\\xFF.json: cannot be read: in/bad\\xFF.json: the file name is not UTF-8 (bytes that are not UTF-8 are shown as \\xNN): spec-check reads names as UTF-8, so it cannot be read; give it a UTF-8 name"
                ), "\(walked)")
            #expect(
                walked.lines.contains(
                    "in/sub\\xFD: cannot be read: in/sub\\xFD: the folder name is not UTF-8 (bytes that are not UTF-8 are shown as \\xNN): spec-check reads names as UTF-8, so none of its files can be read; give it a UTF-8 name"
                ), "\(walked)")
            #expect(!walked.stdout.contains("notes") && !walked.stderr.contains("notes"), "\(walked)")
            #expect(walked.lines.last == "3 instances: 1 valid, 0 invalid, 2 unreadable", "\(walked)")

            // Foundation's Process passes arguments as strings; a shell passes the raw bytes.
            let (status, message) = try CLI.runTool(
                "/bin/sh", ["-c", #"exec "$0" validate --spec spec.yaml --schema S "in/$(printf 'bad\377.json')""#, CLI.binary], in: dir)
            #expect(status == 2, "\(message)")
            #expect(
                message
                    == "error: argument 6 (in/bad\\xFF.json, bytes that are not UTF-8 shown as \\xNN) is not UTF-8: spec-check reads paths and names as UTF-8; use a UTF-8 name\n"
            )
        }
    }

    @Test func referenceToAFIFOIsALoadErrorAtTheReference() throws {
        try Self.withFolder { dir in
            let out = try CLI.run(["inspect", "--spec", "refs.yaml"], in: dir)
            #expect(out.status == 2, "\(out)")
            // Line 6, column 22 is the value of the `$ref`.
            #expect(
                out.stderr.contains(
                    "refs.yaml:6:22: cannot resolve $ref \"pipe.yaml#/X\": the referenced document cannot be loaded: pipe.yaml: is a FIFO (named pipe), not a regular file"
                ), "\(out)")
        }
    }

    @Test func symbolicLinkLoopsAreWalkedOnce() throws {
        try Self.withFolder { dir in
            let fm = FileManager.default
            let tree = dir.appendingPathComponent("tree")
            try fm.createDirectory(at: tree.appendingPathComponent("a/b"), withIntermediateDirectories: true)
            try "{}".write(to: tree.appendingPathComponent("a/b/x.json"), atomically: false, encoding: .utf8)
            try "{}".write(to: tree.appendingPathComponent("top.json"), atomically: false, encoding: .utf8)
            // Every folder links back to its ancestors and siblings: 2^40 paths if links are followed blindly.
            for (link, target) in [
                ("a/b/up", ".."), ("a/b/root", "../.."), ("a/b/again", "../b"), ("a/loop", "."), ("a/b/c1", ".."), ("a/b/c2", ".."),
            ] {
                try fm.createSymbolicLink(atPath: tree.appendingPathComponent(link).path, withDestinationPath: target)
            }
            let out = try CLI.run(["validate", "--spec", "spec.yaml", "--schema", "S", "tree"], in: dir)
            #expect(out.status == 0, "\(out)")
            #expect(out.lines.last == "2 instances: 2 valid, 0 invalid", "\(out)")
        }
    }

    @Test func specialFilesInAFolderAreReportedNotSkipped() throws {
        try Self.withFolder { dir in
            let fm = FileManager.default
            let tree = dir.appendingPathComponent("tree")
            try fm.createDirectory(at: tree, withIntermediateDirectories: true)
            try "{}".write(to: tree.appendingPathComponent("ok.json"), atomically: false, encoding: .utf8)
            #expect(mkfifo(tree.appendingPathComponent("fifo.json").path, 0o644) == 0)
            try fm.createSymbolicLink(atPath: tree.appendingPathComponent("dangling.json").path, withDestinationPath: "missing.json")
            let out = try CLI.run(["validate", "--spec", "spec.yaml", "--schema", "S", "tree"], in: dir)
            #expect(out.status == 2, "\(out)")
            #expect(
                out.lines.contains("tree/fifo.json: cannot be read: tree/fifo.json: is a FIFO (named pipe), not a regular file"), "\(out)")
            #expect(
                out.lines.contains(
                    "tree/dangling.json: cannot be read: tree/dangling.json: is a symbolic link to a file that does not exist"), "\(out)")
            #expect(out.lines.last == "3 instances: 1 valid, 0 invalid, 2 unreadable", "\(out)")
        }
    }

    @Test(.enabled(if: CLI.canRunUnprivileged, "needs a user that file permissions apply to"))
    func unreadableFoldersAndFilesAreErrorsNamedPermissionDenied() throws {
        try Self.withFolder { dir in
            let fm = FileManager.default
            try fm.createDirectory(at: dir.appendingPathComponent("tree/locked"), withIntermediateDirectories: true)
            try "{}".write(to: dir.appendingPathComponent("tree/ok.json"), atomically: false, encoding: .utf8)
            try "{}".write(to: dir.appendingPathComponent("tree/locked/hidden.json"), atomically: false, encoding: .utf8)
            try "{}".write(to: dir.appendingPathComponent("secret.json"), atomically: false, encoding: .utf8)
            #expect(chmod(dir.appendingPathComponent("tree/locked").path, 0o000) == 0)
            #expect(chmod(dir.appendingPathComponent("secret.json").path, 0o000) == 0)
            defer { chmod(dir.appendingPathComponent("tree/locked").path, 0o755) }
            let out = try CLI.run(
                ["validate", "--spec", "spec.yaml", "--schema", "S", "tree", "secret.json", "absent.json"], in: dir, unprivileged: true)
            #expect(out.status == 2, "\(out)")
            // Each is a result of its own, in its place, beside the others' results.
            #expect(
                out.lines == [
                    "tree/locked: cannot be read: tree/locked: folder cannot be read: permission denied",
                    "secret.json: cannot be read: secret.json: permission denied",
                    "absent.json: cannot be read: absent.json: no such file",
                    "4 instances: 1 valid, 0 invalid, 3 unreadable",
                ], "\(out)")

            // The corpus walk reports the folder too, and exits 2.
            try "spec: ../spec.yaml\ngroups:\n  - target: {schema: S}\n    valid: ['**/*.json']\n".write(
                to: dir.appendingPathComponent("tree/spec-check.yaml"), atomically: false, encoding: .utf8)
            let corpus = try CLI.run(["corpus", "tree"], in: dir, unprivileged: true)
            #expect(corpus.status == 2, "\(corpus)")
            #expect(corpus.stderr.contains("error: tree/locked: folder cannot be read: permission denied"), "\(corpus)")
        }
    }

    @Test func utf16AndUTF32AreNamed() throws {
        try Self.withFolder { dir in
            let utf16 = Data([0xFF, 0xFE]) + "{}".data(using: .utf16LittleEndian)!
            try utf16.write(to: dir.appendingPathComponent("u16.json"))
            let utf32 = Data([0x00, 0x00, 0xFE, 0xFF]) + "a: 1".data(using: .utf32BigEndian)!
            try utf32.write(to: dir.appendingPathComponent("u32.yaml"))
            try "{}".data(using: .utf16BigEndian)!.write(to: dir.appendingPathComponent("nobom.json"))
            let out = try CLI.run(["validate", "--spec", "spec.yaml", "--schema", "S", "u16.json", "u32.yaml", "nobom.json"], in: dir)
            #expect(out.status == 2, "\(out)")
            #expect(
                out.stdout.contains("u16.json:1:1: the text is UTF-16LE (byte order mark FF FE); JSON must be UTF-8 (RFC 8259 §8.1)"),
                "\(out)")
            #expect(out.stdout.contains("u32.yaml:1:1: the text is UTF-32BE (byte order mark 00 00 FE FF)"), "\(out)")
            #expect(out.stdout.contains("nobom.json:1:1: the text is UTF-16BE (no byte order mark)"), "\(out)")
            // YAML may be UTF-16 with a byte order mark (YAML 1.2 §5.2; libyaml reads it).
            try (Data([0xFF, 0xFE]) + "a: 1\n".data(using: .utf16LittleEndian)!).write(to: dir.appendingPathComponent("u16.yaml"))
            let yaml = try CLI.run(["validate", "--spec", "spec.yaml", "--schema", "S", "u16.yaml"], in: dir)
            #expect(yaml.status == 0, "\(yaml)")
        }
    }
}

extension HostileReadTests {
    @Test func instancesLargerThanTheLimitAreRefusedBeforeReading() throws {
        try Self.withFolder { dir in
            try String(repeating: " ", count: 100).appending("{}").write(
                to: dir.appendingPathComponent("big.json"), atomically: false, encoding: .utf8)
            let out = try CLI.run(
                ["validate", "--spec", "spec.yaml", "--schema", "S", "--max-instance-size", "64", "big.json", "i.json"], in: dir)
            #expect(out.status == 2, "\(out)")
            #expect(
                out.lines.contains(
                    "big.json: cannot be read: big.json: is 102 bytes, more than the limit of 64 (--max-instance-size raises the limit)"),
                "\(out)")
            #expect(out.lines.last == "2 instances: 1 valid, 0 invalid, 1 unreadable", "\(out)")
            let raised = try CLI.run(
                ["validate", "--spec", "spec.yaml", "--schema", "S", "--max-instance-size", "1K", "big.json"], in: dir)
            #expect(raised.status == 0, "\(raised)")
            for bad in ["0", "-5", "12X", "lots"] {
                let usage = try CLI.run(
                    ["validate", "--spec", "spec.yaml", "--schema", "S", "--max-instance-size=\(bad)", "i.json"], in: dir)
                #expect(usage.status == 2 && usage.stderr.contains("--max-instance-size takes a positive number of bytes"), "\(usage)")
            }
        }
    }
}

extension HostileReadTests {
    @Test func largeArrayInstancesAreStreamedWithTheSameReport() throws {
        // 17 MB (over the 16 MiB streaming threshold): one bad element near the end, then the
        // same file with a syntax error after it.
        let element = #"{"n":1,"pad":"\#(String(repeating: "x", count: 100))"}"#
        var elements = Array(repeating: element, count: 150_000)
        elements[140_000] = #"{"n":"one"}"#
        let schema = #"{"type":"array","items":{"type":"object","properties":{"n":{"type":"integer"}}}}"#
        try OverlayCommandTests.withFiles([
            "schema.json": schema, "big.json": "[" + elements.joined(separator: ",") + "]",
            "broken.json": "[" + elements.joined(separator: ",") + ",]",
        ]) { dir in
            let out = try CLI.run(["validate", "--schema-file", "schema.json", "big.json"], in: dir)
            #expect(out.status == 1, "\(out)")
            #expect(
                out.lines == [
                    "big.json: /140000/n: expected integer, found string \"one\" (schema.json:1:61) [instance big.json:1:16380007]",
                    "1 instance: 0 valid, 1 invalid",
                ], "\(out)")
            let broken = try CLI.run(["validate", "--schema-file", "schema.json", "--format", "flag", "broken.json"], in: dir)
            #expect(broken.status == 2, "\(broken)")
            #expect(broken.stdout.contains("\"parseError\"") || broken.stdout.contains("trailing commas are not allowed"), "\(broken)")
        }
    }
}
