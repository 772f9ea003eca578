import Foundation
import Testing

@testable import SpecSource

/// Reading a file that a folder's listing gave as regular skips the `stat` before opening it; what
/// lies at the path is still refused or followed as for any path.
@Suite("Reading files: listed as regular, and read to their end")
struct ListedFileReadTests {
    private static func withFolder(_ body: (URL) throws -> Void) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("listed-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try body(dir)
    }

    private static func code(_ body: () throws(SourceError) -> JSONValue) -> String? {
        do throws(SourceError) {
            _ = try body()
            return nil
        } catch {
            return error.code
        }
    }

    @Test("A regular file, and a link to one, are read; a FIFO and a link to one are refused without blocking")
    func listedRegularFollowsTheCarefulPathForAnythingElse() throws {
        try Self.withFolder { dir in
            let file = dir.appendingPathComponent("a.json").path
            try Data(#"{"a": [1, 2]}"#.utf8).write(to: URL(fileURLWithPath: file))
            let fifo = dir.appendingPathComponent("pipe.json").path
            #expect(mkfifo(fifo, 0o644) == 0)
            let link = dir.appendingPathComponent("link.json").path
            let fifoLink = dir.appendingPathComponent("pipe-link.json").path
            try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: file)
            try FileManager.default.createSymbolicLink(atPath: fifoLink, withDestinationPath: fifo)

            let direct = try SourceLoader.load(contentsOf: file, listedRegular: true, limits: LoadLimits())
            #expect(direct == (try SourceLoader.load(contentsOf: file)))
            // A link (O_NOFOLLOW fails with ELOOP) is looked at with stat, then read.
            let followed = try SourceLoader.load(contentsOf: link, listedRegular: true, limits: LoadLimits())
            #expect(followed == direct)
            #expect(
                Self.code { () throws(SourceError) in try SourceLoader.load(contentsOf: fifo, listedRegular: true, limits: LoadLimits()) }
                    == "file.not-regular")
            #expect(
                Self.code { () throws(SourceError) in try SourceLoader.load(contentsOf: fifoLink, listedRegular: true, limits: LoadLimits())
                }
                    == "file.not-regular")
            #expect(
                Self.code { () throws(SourceError) in
                    try SourceLoader.load(
                        contentsOf: dir.appendingPathComponent("gone.json").path, listedRegular: true, limits: LoadLimits())
                } == "file.not-found")
            #expect(
                Self.code { () throws(SourceError) in
                    try SourceLoader.load(contentsOf: file, listedRegular: true, limits: LoadLimits(maxBytes: 4))
                }
                    == "file.too-large")
        }
    }

    @Test("A file whose size fstat does not give (/proc) is read to its end; an empty file is empty")
    func filesAreReadToTheirEnd() throws {
        let status = try SourceLoader.readFile("/proc/self/status", file: .none)
        #expect(String(decoding: status, as: UTF8.self).contains("Name:"))
        try Self.withFolder { dir in
            let empty = dir.appendingPathComponent("empty.json").path
            #expect(FileManager.default.createFile(atPath: empty, contents: Data()))
            #expect(try SourceLoader.readFile(empty, file: .none).isEmpty)
            let text = String(repeating: "x", count: 70_000)
            let big = dir.appendingPathComponent("big.txt").path
            try Data(text.utf8).write(to: URL(fileURLWithPath: big))
            #expect(try SourceLoader.readFile(big, file: .none) == Array(text.utf8))
        }
    }
}
