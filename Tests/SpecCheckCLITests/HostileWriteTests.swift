import Foundation
import Testing

/// Hostile input, class "writes": every failed write is an error with exit 2 (never a crash), and
/// `--output` replaces only regular files, atomically. See docs/SECURITY.md.
@Suite("Hostile input: writes", .serialized)
struct HostileWriteTests {
    static let spec = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    S: {type: object}\n"
    static let overlay = "overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions:\n  - target: $.info\n    update: {x-a: 1}\n"
    /// An overlay whose only action selects nothing: a warning on standard error, exit 0.
    static let warningOverlay = "overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions:\n  - target: $.nothing\n    update: {x-a: 1}\n"

    static func withFiles(_ body: (URL) throws -> Void) throws {
        try OverlayCommandTests.withFiles(
            ["spec.yaml": spec, "fix.overlay.yaml": overlay, "warn.overlay.yaml": warningOverlay, "i.json": "{}"], body)
    }

    /// `/dev/full` accepts the open and fails every write with ENOSPC, like a full disk.
    static func devFull() throws -> FileHandle {
        try #require(FileHandle(forWritingAtPath: "/dev/full"), "/dev/full is missing")
    }

    @Test(arguments: [
        ["validate", "--spec", "spec.yaml", "--schema", "S", "i.json"],
        ["validate", "--spec", "spec.yaml", "--schema", "S", "--format", "json", "i.json"],
        ["overlay", "--spec", "spec.yaml", "--overlay", "fix.overlay.yaml"],
        ["inspect", "--spec", "spec.yaml", "--operations"],
        ["--help"],
    ])
    func fullStandardOutputIsAnErrorNotACrash(args: [String]) throws {
        try Self.withFiles { dir in
            let out = try CLI.run(args, in: dir, standardOutput: try Self.devFull())
            #expect(out.status == 2, "\(out)")
            #expect(out.stderr.contains("error: standard output cannot be written: No space left on device"), "\(out)")
        }
    }

    @Test func closedPipeIsAnErrorNotASignal() throws {
        try Self.withFiles { dir in
            let pipe = Pipe()
            try pipe.fileHandleForReading.close()  // nobody will ever read: writes fail with EPIPE
            let out = try CLI.run(
                ["validate", "--spec", "spec.yaml", "--schema", "S", "i.json"], in: dir, standardOutput: pipe.fileHandleForWriting)
            #expect(out.status == 2, "\(out)")
            #expect(out.stderr.contains("standard output cannot be written: Broken pipe"), "\(out)")
        }
    }

    @Test func failedStandardErrorTurnsSuccessIntoExitTwo() throws {
        try Self.withFiles { dir in
            // The overlay's warning goes to standard error: without it the run would exit 0.
            let args = ["overlay", "--spec", "spec.yaml", "--overlay", "warn.overlay.yaml"]
            let fine = try CLI.run(args, in: dir)
            #expect(fine.status == 0 && fine.stderr.contains("selects nothing"), "\(fine)")
            let lost = try CLI.run(args, in: dir, standardError: try Self.devFull())
            #expect(lost.status == 2, "\(lost)")
            #expect(lost.stdout == fine.stdout)
        }
    }

    @Test func outputRefusesEverythingButRegularFiles() throws {
        try Self.withFiles { dir in
            let fm = FileManager.default
            let folder = dir.appendingPathComponent("folder").path
            try fm.createDirectory(atPath: folder, withIntermediateDirectories: false)
            let fifo = dir.appendingPathComponent("pipe.yaml").path
            #expect(mkfifo(fifo, 0o644) == 0)
            let target = dir.appendingPathComponent("elsewhere.yaml").path
            try "keep\n".write(toFile: target, atomically: false, encoding: .utf8)
            let link = dir.appendingPathComponent("link.yaml").path
            try fm.createSymbolicLink(atPath: link, withDestinationPath: target)
            let cases: [(String, String)] = [
                (folder, "it is a directory"), ("/dev/null", "it is a character device"),
                (fifo, "it is a FIFO (named pipe)"), (link, "it is a symbolic link"),
            ]
            let before = try fm.contentsOfDirectory(atPath: dir.path).sorted()
            for (path, reason) in cases {
                let out = try CLI.run(["overlay", "--spec", "spec.yaml", "--overlay", "fix.overlay.yaml", "--output", path], in: dir)
                #expect(out.status == 2, "\(path): \(out)")
                #expect(out.stderr.contains("error: \(path): cannot be written: \(reason)"), "\(out)")
            }
            // Nothing was replaced and no temporary file is left behind.
            #expect(try fm.contentsOfDirectory(atPath: dir.path).sorted() == before)
            #expect(try fm.destinationOfSymbolicLink(atPath: link) == target)
            #expect(try String(contentsOfFile: target, encoding: .utf8) == "keep\n")
            var info = stat()
            #expect(lstat(fifo, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO)
            #expect(lstat("/dev/null", &info) == 0 && info.st_mode & S_IFMT == S_IFCHR)
        }
    }

    @Test func outputReplacesARegularFileKeepingItsPermissions() throws {
        try Self.withFiles { dir in
            let path = dir.appendingPathComponent("out.yaml").path
            try "old\n".write(toFile: path, atomically: false, encoding: .utf8)
            #expect(chmod(path, 0o640) == 0)
            let out = try CLI.run(["overlay", "--spec", "spec.yaml", "--overlay", "fix.overlay.yaml", "--output", "out.yaml"], in: dir)
            #expect(out.status == 0 && out.stderr.isEmpty, "\(out)")
            #expect(try String(contentsOfFile: path, encoding: .utf8).contains("x-a: 1"))
            var info = stat()
            #expect(stat(path, &info) == 0 && info.st_mode & 0o777 == 0o640)
            #expect(try !FileManager.default.contentsOfDirectory(atPath: dir.path).contains { $0.contains("spec-check-") })
        }
    }
}
