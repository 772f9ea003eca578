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
