import Foundation
import Testing

@testable import SpecSource

/// Every location in `value`, members' keys included, in document order.
func locations(_ value: JSONValue, into out: inout [SpecSource.SourceLocation]) {
    out.append(value.location)
    switch value.kind {
    case .array(let items):
        for item in items { locations(item, into: &out) }
    case .object(let object):
        for member in object {
            out.append(member.keyLocation)
            locations(member.value, into: &out)
        }
    default:
        break
    }
}

func locations(_ value: JSONValue) -> [SpecSource.SourceLocation] {
    var out: [SpecSource.SourceLocation] = []
    locations(value, into: &out)
    return out
}

/// A YAML document of about `entries` × 60 bytes: block and flow containers, multi-byte
/// characters (columns count characters), quoted and plain scalars, lines ending in `newline`.
func bigDocument(entries: Int, newline: String) -> String {
    var text = "items:" + newline
    for i in 0..<entries {
        text += "  - name: \"naïve \(i)\"" + newline
        text += "    tags: [é, ü\(i % 7), plain]" + newline
        text += "    size: \(i * 3)" + newline
    }
    return text
}

/// Writes `bytes` to a fresh file and returns its path.
func writeTemporary(_ bytes: [UInt8], name: String) throws -> String {
    let path = NSTemporaryDirectory() + "spec-check-released-\(getpid())-\(name).yaml"
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    return path
}

/// `SourceLoader.load(contentsOf:)` gives a YAML file's pages back while libyaml reads it
/// (`YAMLReader.parse(releasing:)`); the tree, its locations and the errors must be those of a
/// parse that keeps the text.
@Suite("YAMLReader, releasing the text")
struct YAMLReleasedTextTests {
    @Test("a released file gives the tree and locations of a kept one", arguments: ["\n", "\r\n", "\r"])
    func sameTree(newline: String) throws {
        let bytes = Array(bigDocument(entries: 12_000, newline: newline).utf8)
        #expect(bytes.count > 3 * ConsumedText.chunk)
        let path = try writeTemporary(bytes, name: "tree-\(newline.utf8.count)-\(newline.utf8.first!)")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let file = SourceFileID.intern(path)
        let kept = try YAMLReader.parse(bytes, file: file, limits: LoadLimits(), threading: .single)
        let released = try SourceLoader.load(contentsOf: path)
        #expect(released == kept)
        let keptLocations = locations(kept)
        #expect(locations(released) == keptLocations)
        // The last entry's size sits on line 3 × 12,000 + 1, after a two-space indent and `size: `.
        #expect(keptLocations.last == SpecSource.SourceLocation(file: file, line: 36_001, column: 11))
    }

    @Test("a reader error past the released text is located as in the kept text", arguments: ["\n", "\r\n"])
    func readerErrorPosition(newline: String) throws {
        var bytes = Array(bigDocument(entries: 12_000, newline: newline).utf8)
        // An invalid UTF-8 byte inside the last entry's name, after `  - name: "naïve `.
        let name = Array("naïve 11999".utf8)
        let at = try #require(
            (0...(bytes.count - name.count)).reversed().first { bytes[$0..<($0 + name.count)].elementsEqual(name) })
        bytes[at + name.count - 1] = 0xFF
        let path = try writeTemporary(bytes, name: "error-\(newline.utf8.count)")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let file = SourceFileID.intern(path)
        var keptError: SourceError?
        do { _ = try YAMLReader.parse(bytes, file: file, limits: LoadLimits(), threading: .single) } catch { keptError = error }
        var releasedError: SourceError?
        do { _ = try SourceLoader.load(contentsOf: path) } catch { releasedError = error }
        let kept = try #require(keptError)
        #expect(kept.code == "yaml.invalid-encoding")
        #expect(kept.message.contains("UTF-8"))
        // Line 3 × 11,999 + 2; the byte is the 22nd character of `  - name: "naïve 11999`.
        #expect(kept.location == SpecSource.SourceLocation(file: file, line: 35_999, column: 22))
        #expect(releasedError == kept)
    }

    @Test("releasing gives back the whole pages before the position, after counting them")
    func releasePages() {
        let page = Int(getpagesize())
        let count = 8 * page
        let raw = UnsafeMutableRawPointer.allocate(byteCount: count, alignment: page)
        defer { raw.deallocate() }
        let base = raw.bindMemory(to: UInt8.self, capacity: count)
        for i in 0..<count { base[i] = i % 100 == 99 ? UInt8(ascii: "\n") : UInt8(ascii: "a") }
        let bytes = UnsafeBufferPointer(start: base, count: count)
        var consumed = ConsumedText(base: base)
        consumed.release(upTo: 3 * page + 10, of: bytes)
        // Pages 0, 1 and 2 are released; the third page's line and column are counted first.
        var expected = TextPosition()
        var copy = Array(repeating: UInt8(0), count: count)
        for i in 0..<count { copy[i] = i % 100 == 99 ? UInt8(ascii: "\n") : UInt8(ascii: "a") }
        copy.withUnsafeBufferPointer { expected.advance(to: 3 * page, in: $0) }
        #expect(consumed.position.offset == 3 * page)
        #expect(consumed.position.line == expected.line && consumed.position.column == expected.column)
        #if os(Linux)
            // Private anonymous pages read zero once given back.
            #expect(base[0] == 0 && base[3 * page - 1] == 0)
        #endif
        #expect(base[3 * page] == UInt8(ascii: "a"))
        #expect(base[count - 1] == copy[count - 1])
        // Less than a page past the position: nothing to give back.
        consumed.release(upTo: 3 * page + page / 2, of: bytes)
        #expect(consumed.position.offset == 3 * page)
    }

    @Test("positions advanced in steps equal one advance over the text")
    func positionInSteps() {
        let text = Array("a\r\nbé\rc\n\rd\r\r\nü\n\nxyz\rq".utf8)
        text.withUnsafeBufferPointer { bytes in
            for end in 0...bytes.count {
                var whole = TextPosition()
                whole.advance(to: end, in: bytes)
                var byteLoop = (line: UInt32(1), column: UInt32(1))
                for i in 0..<end {
                    let c = bytes[i]
                    if c == 0x0A || (c == 0x0D && (i + 1 >= bytes.count || bytes[i + 1] != 0x0A)) {
                        byteLoop = (byteLoop.line + 1, 1)
                    } else if c & 0xC0 != 0x80 && c != 0x0D {
                        byteLoop.column += 1
                    }
                }
                #expect(whole.line == byteLoop.line && whole.column == byteLoop.column, "end \(end)")
                for split in 0...end {
                    var stepped = TextPosition()
                    stepped.advance(to: split, in: bytes)
                    stepped.advance(to: end, in: bytes)
                    #expect(stepped.line == whole.line && stepped.column == whole.column, "split \(split), end \(end)")
                }
            }
        }
        // Without CR (the counted path): the same as the loop.
        let plain = Array("ab\ncé\n\nxyz".utf8)
        plain.withUnsafeBufferPointer { bytes in
            var position = TextPosition()
            position.advance(to: 5, in: bytes)
            #expect(position.line == 2 && position.column == 3)
            position.advance(to: bytes.count, in: bytes)
            #expect(position.line == 4 && position.column == 4)
        }
    }
}
