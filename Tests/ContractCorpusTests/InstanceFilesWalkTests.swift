import ContractCorpus
import Foundation
import Testing

/// ``InstanceFiles/walk(_:include:)`` lists files in the order of `String`'s `<`, whether it
/// compares ASCII paths by their bytes or falls back to `<` for others.
@Suite("Instance files: the folder walk")
struct InstanceFilesWalkTests {
    /// Makes the files (and their folders) below a new temporary folder.
    private func tree(_ files: [String]) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("walk-\(UUID().uuidString)")
        for file in files {
            let url = root.appendingPathComponent(file)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("{}".utf8).write(to: url)
        }
        return root
    }

    // Names around "/" (0x2F): "-" and "." sort before it, "0" and letters after, so the order of
    // whole paths is not a folder-by-folder order.
    private static let asciiNames = [
        "a.json", "a-b.json", "a/b.json", "a/b-c.json", "a/b/c.json", "a0.json", "A.json", "Z/x.json", "b.yaml", "a/.hidden.json",
        ".hidden/x.json", "a~.json", "a_b.json",
    ]

    @Test("ASCII paths come back in the order of String's <, hidden entries skipped")
    func asciiPathsInStringOrder() throws {
        let root = try tree(Self.asciiNames)
        defer { try? FileManager.default.removeItem(at: root) }
        let walked = InstanceFiles.walk(root.path)
        let expected = Self.asciiNames.filter { !$0.hasPrefix(".") && !$0.contains("/.") }.map { root.path + "/" + $0 }.sorted()
        #expect(walked.problems.isEmpty)
        #expect(walked.files == expected)
        #expect(walked.files.count == 11)
    }

    @Test("Paths that are not all ASCII come back in the order of String's <")
    func unicodePathsInStringOrder() throws {
        // "é" precomposed (NFC) and decomposed (NFD): `<` compares them as equal-by-canonical
        // equivalence first, so their byte order is not what `<` gives.
        let names = Self.asciiNames + ["\u{E9}t\u{E9}.json", "e\u{301}a.json", "\u{1F3AC}.json", "z\u{E9}/a.json"]
        let root = try tree(names)
        defer { try? FileManager.default.removeItem(at: root) }
        let walked = InstanceFiles.walk(root.path)
        let expected = names.filter { !$0.hasPrefix(".") && !$0.contains("/.") }.map { root.path + "/" + $0 }.sorted()
        #expect(walked.files == expected)
        #expect(walked.files.count == 15)
    }
}
