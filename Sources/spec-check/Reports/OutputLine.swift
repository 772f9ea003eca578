import SpecSource

/// A line of output (a JSON Lines record, or an error of a text report) built as UTF-8 bytes and
/// made a `String` once.
///
/// A line built with `+` and interpolation made a new string at every step, and appending piece
/// by piece to a `String` pays its bookkeeping at every piece: rendering was then the largest part
/// of a `--format json` run over JSON Lines (see "Performance choices" in DESIGN.md).
struct OutputLine {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 96) { bytes.reserveCapacity(capacity) }

    /// Appends text as it is (punctuation, member names, labels): from the binary, no copy made.
    mutating func raw(_ text: StaticString) { text.withUTF8Buffer { bytes.append(contentsOf: $0) } }

    /// Appends text rendered elsewhere as it is. A label of its own: beside ``raw(_:)-(StaticString)``
    /// an unlabelled `String` overload would take every literal (a string literal's default type).
    mutating func raw(rendered text: String) { bytes.append(contentsOf: text.utf8) }

    /// Appends `value` as a JSON string literal (``SpecSource/JSONWriter/writeString(_:into:)-(_,[UInt8])``).
    mutating func string(_ value: String) { JSONWriter.writeString(value, into: &bytes) }

    /// Appends `value` with its control characters and line separators escaped
    /// (``SpecSource/JSONWriter/singleLine(_:)``): one line of text, whatever it holds.
    mutating func singleLine(_ value: String) { JSONWriter.writeSingleLine(value, into: &bytes) }

    /// Appends what `body` writes between the escape sequence `code` (``Style/code(_:)``) and
    /// the reset sequence; just what `body` writes when `code` is `nil` (no colour).
    mutating func styled(_ code: StaticString?, _ body: (inout OutputLine) -> Void) {
        guard let code else { return body(&self) }
        raw(code)
        body(&self)
        raw("\u{1B}[0m")
    }

    /// The line.
    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// `{"file":NAME,"valid":VALID}`: the line of `--format flag`.
    static func flag(_ name: String, valid: Bool) -> String {
        var line = OutputLine()
        line.raw(#"{"file":"#)
        line.string(name)
        line.raw(valid ? #","valid":true}"# : #","valid":false}"#)
        return line.text
    }
}
