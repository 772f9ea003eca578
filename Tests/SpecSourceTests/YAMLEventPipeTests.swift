import Foundation
import Testing

@testable import SpecSource

/// Parses `bytes` on one thread and with libyaml on a second (``YAMLEventPipe``).
private func bothWays(_ bytes: [UInt8], limits: LoadLimits = LoadLimits(), file: SourceFileID = .none) -> (
    single: Result<JSONValue, SourceError>, pipelined: Result<JSONValue, SourceError>
) {
    func parse(_ threading: YAMLReader.Threading) -> Result<JSONValue, SourceError> {
        do throws(SourceError) {
            return .success(try YAMLReader.parse(bytes, file: file, limits: limits, threading: threading))
        } catch {
            return .failure(error)
        }
    }
    return (parse(.single), parse(.pipelined))
}

/// Expects the same tree with the same locations, or the same error.
private func expectSame(_ results: (single: Result<JSONValue, SourceError>, pipelined: Result<JSONValue, SourceError>)) {
    switch results {
    case (.success(let single), .success(let pipelined)):
        #expect(pipelined == single)
        #expect(locations(pipelined) == locations(single))
    case (.failure(let single), .failure(let pipelined)):
        #expect(pipelined == single)
    default:
        Issue.record("one way gave a value, the other an error: \(results)")
    }
}

/// libyaml on a second thread, a few batches of events ahead of the tree builder: the value, every
/// location and every error must be those of the one-thread parse, at every batch boundary.
@Suite("YAMLReader, libyaml on a second thread")
struct YAMLEventPipeTests {
    @Test("a large document gives the same tree and locations", arguments: ["\n", "\r\n"])
    func sameTree(newline: String) throws {
        let bytes = Array(bigDocument(entries: 12_000, newline: newline).utf8)
        let results = bothWays(bytes)
        expectSame(results)
        let value = try results.pipelined.get()
        #expect(value["items"]?.arrayValue?.count == 12_000)
    }

    /// A flow sequence of `count` numbers is `count + 6` events (stream, document and sequence
    /// start and end): around one batch, the ring's end and past it.
    @Test(
        "batch and ring boundaries",
        arguments: [0, 1, 505, 506, 507, 4_089, 4_090, 4_091, 20_000])
    func boundaries(count: Int) throws {
        let text = "[" + (0..<count).map(String.init).joined(separator: ", ") + "]\n"
        let results = bothWays(Array(text.utf8))
        expectSame(results)
        #expect(try results.pipelined.get().arrayValue?.count == count)
    }

    @Test("anchors, aliases and merge keys across batches")
    func aliases() throws {
        var text = "base: &base {a: 1, b: [x, y]}\nlist:\n"
        for i in 0..<3_000 { text += "  - {<<: *base, n: \(i), again: *base}\n" }
        let results = bothWays(Array(text.utf8))
        expectSame(results)
        #expect(try results.pipelined.get()["list"]?.arrayValue?.last?["a"]?.numberValue?.description == "1")
    }

    @Test("the parser's error is thrown after the events before it, at the same place")
    func parserError() throws {
        let good = bigDocument(entries: 4_000, newline: "\n")
        for broken in ["x: [unclosed\n", "  - name: a\n - bad indent\n", "key: \"unterminated\n"] {
            let results = bothWays(Array((good + broken).utf8))
            expectSame(results)
            guard case .failure(let error) = results.pipelined else {
                Issue.record("no error for \(broken)")
                continue
            }
            #expect(error.code == "yaml.syntax")
            #expect(error.location.line > 12_000)
        }
        // An error in the first batch.
        expectSame(bothWays(Array("a: [1, 2\nb: }".utf8)))
    }

    @Test("an error of the tree builder stops the parser thread and is the one-thread error")
    func builderErrors() throws {
        let tail = bigDocument(entries: 8_000, newline: "\n")
        // A duplicate key on line 2, with a large document after it.
        let duplicate = bothWays(Array(("a: 1\na: 2\n" + tail).utf8))
        expectSame(duplicate)
        guard case .failure = duplicate.pipelined else {
            Issue.record("a duplicate key was accepted")
            return
        }
        // Nesting past the limit.
        let deep = String(repeating: "[", count: 2_000) + String(repeating: "]", count: 2_000)
        let nested = bothWays(Array(deep.utf8), limits: LoadLimits(maxDepth: 100))
        expectSame(nested)
        guard case .failure = nested.pipelined else {
            Issue.record("nesting past the limit was accepted")
            return
        }
        // An alias bomb.
        var bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1..<9 {
            bomb +=
                "l\(level): &l\(level) [" + Array(repeating: level == 1 ? "*a" : "*l\(level - 1)", count: 10).joined(separator: ", ")
                + "]\n"
        }
        let bombed = bothWays(Array(bomb.utf8), limits: LoadLimits(maxAliasExpansion: 100_000))
        expectSame(bombed)
        guard case .failure = bombed.pipelined else {
            Issue.record("an alias bomb was accepted")
            return
        }
    }

    @Test("a reader error in text being released is located as on one thread")
    func releasedReaderError() throws {
        var bytes = Array(bigDocument(entries: 12_000, newline: "\n").utf8)
        bytes[bytes.count - 5] = 0xFF
        func parse(_ threading: YAMLReader.Threading) -> SourceError? {
            do {
                _ = try YAMLReader.parse(releasing: bytes, file: .none, limits: LoadLimits(), threading: threading)
                return nil
            } catch {
                return error
            }
        }
        let single = try #require(parse(.single))
        #expect(single.message.contains("UTF-8"))
        #expect(parse(.pipelined) == single)
    }

    @Test("empty text and a comment-only text")
    func empty() {
        expectSame(bothWays([]))
        expectSame(bothWays(Array("# nothing\n".utf8)))
    }
}
