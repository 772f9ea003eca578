import Foundation
import Testing

@testable import SchemaValidation

@Suite("NameTable")
struct NameTableTests {
    @Test func canonicallyEquivalentNamesAreDistinct() {
        // JSON compares member names by code points: "é" (U+00E9) and "e" + U+0301 are two
        // names. Swift's `==` equates them, so building the table must compare bytes as lookups
        // do, or the second name is never found when the two share a probe sequence. Many pairs
        // make sure some do (each table has 4 slots).
        for base in [
            "é", "ä", "ö", "ü", "ñ", "å", "ç", "ê", "î", "ô", "û", "à", "è", "ì", "ò", "ù", "ë", "ï", "ÿ", "ã",
            "caf\u{E9}", "na\u{EF}ve", "r\u{E9}sum\u{E9}", "\u{C5}ngstr\u{F6}m", "se\u{F1}or", "gar\u{E7}on",
        ] {
            let composed = base.precomposedStringWithCanonicalMapping
            let decomposed = base.decomposedStringWithCanonicalMapping
            let table = NameTable([composed, decomposed])
            #expect(table.index(of: composed) == 0, "\(Array(composed.unicodeScalars))")
            #expect(table.index(of: decomposed) == 1, "\(Array(decomposed.unicodeScalars))")
        }
    }
}

@Suite("NameTable lookups")
struct NameTableLookupTests {
    /// Names around the hash's eight-byte words (shorter, exactly, longer; held inline and on the
    /// heap, which `String` does from 16 bytes), names that share a head or a tail, the empty name.
    static let names = [
        "", "a", "ab", "type", "prompt", "seven77", "eight888", "nine99999", "aspect_ratio", "fifteen_chars__",
        "sixteen_chars___", "callback_url_that_is_long", "callback_url_that_is_lonG", "Callback_url_that_is_long",
        "generate_audio", "generate_audiO", "ümlaut-ß", "名前", "🎬 clapper",
    ]

    @Test func everyNameIsFoundAtItsPosition() {
        let table = NameTable(Self.names)
        for (i, name) in Self.names.enumerated() {
            #expect(table.index(of: name) == i, "\(name)")
            // A copy built from bytes has another representation when it is long enough to live
            // on the heap: found by its bytes.
            let copy = String(decoding: Array(name.utf8), as: UTF8.self)
            #expect(table.index(of: copy) == i, "\(name) (copy)")
        }
    }

    @Test func namesNotInTheTableAreNotFound() {
        let table = NameTable(Self.names)
        for missing in ["b", "typ", "types", "eight88", "eight8888", "sixteen_chars__", "callback_url_that_is_lon", "名", "🎬", " "] {
            #expect(table.index(of: missing) == nil, "\(missing)")
            #expect(!table.contains(missing))
        }
        #expect(NameTable([]).index(of: "") == nil)
    }

    /// Names of every length up to 20 bytes, ASCII and not, looked up both as small strings (read
    /// from the `String` value's words) and as heap strings of the same bytes (read through
    /// their UTF-8 buffer): the two shapes must agree, or one of them is never found.
    @Test func smallAndHeapStringsOfEveryLengthAreFound() {
        let alphabets = ["abcdefghijklmnopqrstuvwxyz", "äöüßéèêëïîôûçñ"]
        var names: [String] = []
        for alphabet in alphabets {
            let scalars = Array(alphabet.unicodeScalars)
            var name = ""
            for i in 0..<20 where name.utf8.count <= 20 {
                if !names.contains(name) { names.append(name) }
                name.unicodeScalars.append(scalars[i % scalars.count])
            }
        }
        let table = NameTable(names)
        for (i, name) in names.enumerated() {
            var heap = ""
            heap.reserveCapacity(64)  // storage on the heap, whatever the length
            heap.append(name)
            #expect(table.index(of: name) == i, "\(name)")
            #expect(table.index(of: heap) == i, "\(name) (heap)")
            // One byte more or less is another name.
            #expect(table.index(of: name + "_") == nil, "\(name)_")
            if let last = name.unicodeScalars.last, last.isASCII {
                var changed = name
                changed.unicodeScalars.removeLast()
                changed.unicodeScalars.append(last == "z" ? "y" : "z")
                #expect(table.index(of: changed) == names.firstIndex(of: changed), "\(changed)")
            }
        }
    }

    @Test func aRepeatedNameIsFoundAtItsFirstPosition() {
        let table = NameTable(["a", "b", "a"])
        #expect(table.index(of: "a") == 0)
        #expect(table.index(of: "b") == 1)
    }

    @Test func manyNamesStillProbeToTheRightOne() {
        let names = (0..<500).map { "property_\($0)" }
        let table = NameTable(names)
        for (i, name) in names.enumerated() { #expect(table.index(of: name) == i) }
        #expect(table.index(of: "property_500") == nil)
    }
}
