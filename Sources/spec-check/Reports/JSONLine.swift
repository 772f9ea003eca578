import SpecSource

/// A line of JSON output built as UTF-8 bytes and made a `String` once.
///
/// A line built with `+` made a new string at every step, and appending piece by piece to a
/// `String` pays its bookkeeping at every piece; rendering was then the largest part of a
/// `--format json` run over JSON Lines (see "Performance choices" in DESIGN.md).
struct JSONLine {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 96) { bytes.reserveCapacity(capacity) }

    /// Appends JSON text as it is (punctuation and member names).
    mutating func raw(_ text: StaticString) { text.withUTF8Buffer { bytes.append(contentsOf: $0) } }

    /// Appends `value` as a JSON string literal (``SpecSource/JSONWriter/writeString(_:into:)-(_,[UInt8])``).
    mutating func string(_ value: String) { JSONWriter.writeString(value, into: &bytes) }

    /// The line.
    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// `{"file":NAME,"valid":VALID}`: the line of `--format flag`.
    static func flag(_ name: String, valid: Bool) -> String {
        var line = JSONLine()
        line.raw(#"{"file":"#)
        line.string(name)
        line.raw(valid ? #","valid":true}"# : #","valid":false}"#)
        return line.text
    }
}
