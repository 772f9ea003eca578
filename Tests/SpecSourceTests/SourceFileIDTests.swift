import Dispatch
import Foundation
import Testing

@testable import SpecSource

/// The process-wide file table: one identifier per path, the path read back exactly (any UTF-8),
/// and locations rendered as `path:line:column`, from any number of threads at once.
@Suite("SourceFileID")
struct SourceFileIDTests {
    @Test func internsOncePerPathAndReadsItBack() {
        let paths = ["a.yaml", "dir/ü 🎬.json", "", String(repeating: "long/", count: 300) + "x.yaml"]
        let unique = UUID().uuidString
        for path in paths.map({ unique + $0 }) {
            let id = SourceFileID.intern(path)
            #expect(SourceFileID.intern(path) == id)
            #expect(id.path == path)
            #expect(SourceLocation(file: id, line: 12, column: 345).description == "\(path):12:345")
            #expect(SourceLocation(file: id, line: 4_294_967_295, column: 1).description == "\(path):4294967295:1")
            #expect(SourceLocation(file: id, line: 0, column: 0).description == path, "an unknown position is the path alone")
        }
        // Canonically equivalent names are still two files: é as one scalar, and e + U+0301.
        let composed = SourceFileID.intern(unique + "caf\u{E9}.json")
        let decomposed = SourceFileID.intern(unique + "cafe\u{301}.json")
        #expect(composed != decomposed)
        #expect(Array(decomposed.path.utf8) == Array((unique + "cafe\u{301}.json").utf8))
        #expect(SourceFileID.none.path == "<memory>")
        #expect(SourceLocation.unknown.description == "<memory>")
    }

    /// Paths interned on some threads while others read theirs: every thread sees every path it
    /// was given back exactly, and the same path gets one identifier whoever interns it first.
    @Test func manyThreadsInternAndReadAtOnce() {
        let prefix = "concurrent-\(UUID().uuidString)/"
        let count = 5_000
        let ids = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: count * 2)
        defer { ids.deallocate() }
        nonisolated(unsafe) let slots = ids
        DispatchQueue.concurrentPerform(iterations: count * 2) { i in
            // Two iterations per path, in different halves: they race to intern it first.
            let path = prefix + "file-\(i % count).json"
            let id = SourceFileID.intern(path)
            slots[i] = id.rawValue
            precondition(id.path == path)
            precondition(SourceLocation(file: id, line: UInt32(i + 1), column: 7).description == "\(path):\(i + 1):7")
        }
        for i in 0..<count {
            #expect(ids[i] == ids[i + count], "\(prefix)file-\(i).json got two identifiers")
            #expect(SourceFileID(rawValue: ids[i]).path == prefix + "file-\(i).json")
        }
        #expect(Set(ids).count == count)
    }
}

@Suite("Source file names")
struct SourceFileNameTests {
    @Test(
        arguments: [
            ([0x61, 0x2E, 0x6A], "a.j"),
            ([0x62, 0xFF, 0x2E], "b\\xFF."),
            ([0xC3, 0xA9, 0xC3], "é\\xC3"),
            ([0xE2, 0x82], "\\xE2\\x82"),
            ([0xF0, 0x9F, 0x98, 0x80, 0x80], "😀\\x80"),
            ([], ""),
        ] as [([UInt8], String)])
    func escapingKeepsUTF8AndShowsOtherBytesInHex(bytes: [UInt8], shown: String) {
        #expect(SourceFileName.escaping(bytes) == shown)
    }
}
