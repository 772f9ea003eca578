import Foundation
import SchemaValidation
import SpecSource
import Synchronization

/// How one error reads in text reports: the position suffix, and, on a terminal, the spec line
/// with a caret under the violated keyword and the instance line with a caret under the value,
/// as a compiler shows a diagnostic:
///
/// ```
/// x.json: /aspect_ratio: "16:10" is not one of "16:9", … (openapi.yaml:189:11) [instance x.json:3:19]
///      spec openapi.yaml:189:11
///       189 |           enum:
///           |           ^^^^
///  instance x.json:3:19
///         3 |   "aspect_ratio": "16:10",
///           |                   ^^^^^^^
/// ```
enum Diagnostic {
    /// ` [instance FILE:LINE:COL]` (dimmed), or empty when the instance position is unknown.
    static func instanceSuffix(_ e: SchemaViolation, _ style: Style) -> String {
        var line = OutputLine(capacity: 64)
        writeInstanceSuffix(e, style, into: &line)
        return line.text
    }

    /// Appends ``instanceSuffix(_:_:)`` to `line`.
    static func writeInstanceSuffix(_ e: SchemaViolation, _ style: Style, into line: inout OutputLine) {
        guard let position = e.instancePosition, position.isKnown else { return }
        line.raw(" ")
        line.styled(style.code(.dim)) {
            $0.raw("[instance ")
            $0.singleLine(position.description)
            $0.raw("]")
        }
    }

    /// The snippet lines for `e` (each starting with a newline), or empty when snippets are off or
    /// no line can be shown. `instanceText` rewrites the instance's line before it is shown (a HAR
    /// line with its credentials masked).
    static func snippets(_ e: SchemaViolation, _ style: Style, instanceText: (String) -> String = { $0 }) -> String {
        guard style.snippets else { return "" }
        var out = ""
        for (label, location) in [("spec", e.source), ("instance", e.instancePosition ?? .unknown)] where location.isKnown {
            guard let text = SourceLines.shared.line(location) else { continue }
            out += "\n" + snippet(label: label, location: location, line: label == "instance" ? instanceText(text) : text, style: style)
        }
        return out
    }

    /// Widest line shown, in Unicode scalars; longer lines are cut around the caret.
    static let width = 100

    /// A labelled source line with a caret under the token at `location`'s column.
    static func snippet(label: String, location: SourceLocation, line: String, style: Style) -> String {
        var scalars = Array(line.unicodeScalars).map { s -> Unicode.Scalar in
            // One column per scalar, so the caret stays aligned; nothing that moves the cursor.
            s == "\t" ? " " : (s.value < 0x20 || (0x7F...0x9F).contains(s.value) || s.value == 0x2028 || s.value == 0x2029) ? "?" : s
        }
        var column = max(0, min(Int(location.column) - 1, scalars.count))
        let length = max(1, min(tokenLength(scalars, at: column), 40))
        var prefix = ""
        var suffix = ""
        if scalars.count > width {
            let start = max(0, min(column - width / 3, scalars.count - width))
            let end = min(scalars.count, start + width)
            if start > 0 { prefix = "…" }
            if end < scalars.count { suffix = "…" }
            scalars = Array(scalars[start..<end])
            column = column - start + (prefix.isEmpty ? 0 : 1)
        }
        var text = String.UnicodeScalarView()
        text.append(contentsOf: scalars)
        let number = String(location.line)
        let gutter = String(repeating: " ", count: max(9, number.count + 5))
        let head = String(repeating: " ", count: max(0, 9 - label.count)) + label + " " + JSONWriter.singleLine(location.description)
        let shown = String(repeating: " ", count: gutter.count - number.count - 1) + number + " | " + prefix + String(text) + suffix
        let caret =
            gutter + "| " + String(repeating: " ", count: column)
            + style.red(String(repeating: "^", count: min(length, max(1, scalars.count + 1 - column))))
        return style.dim(head) + "\n" + shown + "\n" + caret
    }

    /// The length of the token starting at `i`: a quoted string through its closing quote, a
    /// `{` or `[` alone, else up to the next delimiter.
    static func tokenLength(_ s: [Unicode.Scalar], at i: Int) -> Int {
        guard i < s.count else { return 1 }
        let first = s[i]
        if first == "{" || first == "[" { return 1 }
        if first == "\"" || first == "'" {
            var j = i + 1
            while j < s.count {
                if s[j] == "\\" && first == "\"" {
                    j += 2
                    continue
                }
                if s[j] == first { return j - i + 1 }
                j += 1
            }
            return s.count - i
        }
        var j = i
        while j < s.count, !" ,:]}#".unicodeScalars.contains(s[j]) { j += 1 }
        return max(1, j - i)
    }
}

/// Lines of source files for snippets, read once per file (at most ``maxFileSize`` bytes, through
/// ``SpecSource/SourceLoader/readFile(_:file:limits:)``) and kept for the few most recent files:
/// a spec's lines are read once per run however many errors point into it, an instance file once
/// while its errors are rendered, and memory stays bounded whatever the number of files.
final class SourceLines: Sendable {
    static let shared = SourceLines()
    /// Larger files get no snippet.
    static let maxFileSize = 16 << 20
    /// Files kept.
    static let capacity = 8

    private struct Lines: Sendable {
        let bytes: [UInt8]
        /// Byte offset of each line's start.
        let starts: [Int]
    }

    private struct Cache {
        var files: [SourceFileID: Lines?] = [:]
        var order: [SourceFileID] = []
    }

    private let cache = Mutex(Cache())

    /// The text of `location`'s line (without its line break), or `nil` when the file cannot be
    /// read, is too large, or has no such line.
    func line(_ location: SourceLocation) -> String? {
        guard location.isKnown, location.file != .none else { return nil }
        let known = cache.withLock { $0.files[location.file] }
        let lines: Lines?
        if let known {
            lines = known
        } else {
            lines = Self.read(location.file)
            cache.withLock { cache in
                if cache.files.updateValue(lines, forKey: location.file) == nil { cache.order.append(location.file) }
                if cache.order.count > Self.capacity { cache.files[cache.order.removeFirst()] = nil }
            }
        }
        guard let lines, Int(location.line) >= 1, Int(location.line) <= lines.starts.count else { return nil }
        let start = lines.starts[Int(location.line) - 1]
        var end = Int(location.line) < lines.starts.count ? lines.starts[Int(location.line)] : lines.bytes.count
        while end > start, lines.bytes[end - 1] == 0x0A || lines.bytes[end - 1] == 0x0D { end -= 1 }
        return String(decoding: lines.bytes[start..<end], as: UTF8.self)
    }

    private static func read(_ file: SourceFileID) -> Lines? {
        guard let bytes = try? SourceLoader.readFile(file.path, file: file, limits: LoadLimits(maxBytes: maxFileSize)) else { return nil }
        var starts = [0]
        for (i, b) in bytes.enumerated() where b == 0x0A && i + 1 < bytes.count { starts.append(i + 1) }
        return Lines(bytes: bytes, starts: starts)
    }
}
