import Foundation
import SchemaValidation
import SpecSource

/// What happened to one instance.
enum Outcome: Sendable {
    /// Validated with every error collected.
    case validated(name: String, result: ValidationResult)
    /// Checked yes/no only (`--format flag`).
    case flagged(name: String, valid: Bool)
    /// Could not be read or parsed.
    case unreadable(name: String, error: SourceError)
    /// Read, but checking it failed (e.g. a contract lookup or a schema compiled on first use):
    /// no verdict. `code` is the failure's catalogue code, when it has one.
    case failed(name: String, error: String, code: String?)

    var isValid: Bool {
        switch self {
        case .validated(_, let r): return r.isValid
        case .flagged(_, let v): return v
        case .unreadable, .failed: return false
        }
    }
}

/// Renders outcomes as text lines or JSON lines, and counts them.
struct Report {
    let format: OutputFormat
    let style = Style.current
    var output = OutputBuffer()
    private(set) var validCount = 0
    private(set) var invalidCount = 0
    private(set) var unreadableCount = 0
    private(set) var failedCount = 0

    init(format: OutputFormat) { self.format = format }

    /// Records an outcome and writes its already rendered lines.
    mutating func add(_ outcome: Outcome, rendered: String) {
        switch outcome {
        case .unreadable: unreadableCount += 1
        case .failed: failedCount += 1
        default: if outcome.isValid { validCount += 1 } else { invalidCount += 1 }
        }
        if !rendered.isEmpty { output.line(rendered) }
    }

    /// The lines for one outcome (no trailing newline; empty when nothing is printed). Pure, so
    /// worker threads can render in parallel.
    static func render(_ outcome: Outcome, format: OutputFormat, style: Style) -> String {
        switch (outcome, format) {
        case (.validated(let name, let result), .json):
            var line = OutputLine(capacity: 64 + 320 * result.errors.count)
            line.raw(#"{"file":"#)
            line.string(name)
            line.raw(result.isValid ? #","valid":true,"errors":["# : #","valid":false,"errors":["#)
            for (i, e) in result.errors.enumerated() {
                if i > 0 { line.raw(",") }
                write(e, into: &line)
            }
            line.raw("]}")
            return line.text
        case (.validated(let name, let result), _):
            // One line per error: names, pointers and messages may hold line breaks of the instance.
            // FILE: POINTER: MESSAGE (SPEC:LINE:COL) [instance FILE:LINE:COL], snippets below.
            var line = OutputLine(capacity: 192 * result.errors.count)
            for (i, e) in result.errors.enumerated() {
                if i > 0 { line.raw("\n") }
                line.styled(style.code(.bold)) { $0.singleLine(name) }
                line.raw(": ")
                if e.instanceLocation.isEmpty { line.raw("(root)") } else { line.singleLine(e.instanceLocation) }
                line.raw(": ")
                line.singleLine(e.message)
                line.raw(" ")
                line.styled(style.code(.dim)) {
                    $0.raw("(")
                    $0.singleLine(e.source.description)
                    $0.raw(")")
                }
                Diagnostic.writeInstanceSuffix(e, style, into: &line)
                line.raw(rendered: Diagnostic.snippets(e, style))
            }
            return line.text
        case (.flagged(let name, let valid), _):
            return OutputLine.flag(name, valid: valid)
        case (.unreadable(let name, let error), .text):
            let what = error.code.hasPrefix("file.") ? "cannot be read" : "cannot be parsed"
            let hint = error.code == "file.too-large" ? " (--max-instance-size raises the limit)" : ""
            return "\(style.bold(JSONWriter.singleLine(name))): \(style.red(what)): \(JSONWriter.singleLine(error.description))\(hint)"
        case (.unreadable(let name, let error), _):
            return "{\"file\":" + JSONWriter.quoted(name) + ",\"valid\":false,\"errors\":[],\"parseError\":{\"code\":"
                + JSONWriter.quoted(error.code)
                + ",\"error\":" + JSONWriter.quoted(error.message) + ",\"source\":" + JSONWriter.quoted(error.location.description) + "}}"
        case (.failed(let name, let error, _), .text):
            return "\(style.bold(JSONWriter.singleLine(name))): \(style.red("cannot be checked")): \(JSONWriter.singleLine(error))"
        case (.failed(let name, let error, let code), _):
            return "{\"file\":" + JSONWriter.quoted(name) + ",\"valid\":false,\"errors\":[],\"checkError\":{"
                + (code.map { "\"code\":" + JSONWriter.quoted($0) + "," } ?? "") + "\"error\":" + JSONWriter.quoted(error) + "}}"
        }
    }

    /// One error as a JSON object. `absoluteKeywordLocation` is left out when the error has none (a
    /// contract finding such as `status.undocumented` is not a schema keyword's): the member is an
    /// absolute URI, and JSON Schema 2020-12 §12.3.2 lets it be absent when it does not apply.
    static func json(_ e: SchemaViolation) -> String {
        var line = OutputLine(capacity: 320)
        write(e, into: &line)
        return line.text
    }

    /// Appends ``json(_:)``'s object to `line`.
    static func write(_ e: SchemaViolation, into line: inout OutputLine) {
        line.raw(#"{"code":"#)
        line.string(e.code)
        line.raw(#","instanceLocation":"#)
        line.string(e.instanceLocation)
        line.raw(#","keywordLocation":"#)
        line.string(e.keywordLocation)
        if !e.absoluteKeywordLocation.isEmpty {
            line.raw(#","absoluteKeywordLocation":"#)
            line.string(e.absoluteKeywordLocation)
        }
        line.raw(#","error":"#)
        line.string(e.message)
        line.raw(#","source":"#)
        line.string(e.source.description)
        line.raw(#","keyword":"#)
        line.string(e.keyword)
        line.raw(#","instancePosition":"#)
        if let position = e.instancePosition { line.string(position.description) } else { line.raw("null") }
        line.raw("}")
    }

    mutating func finish() {
        if format == .text {
            let total = validCount + invalidCount + unreadableCount + failedCount
            var summary =
                "\(counted(total, "instance")): \(style.green("\(grouped(validCount)) valid")), "
                + (invalidCount > 0 ? style.red("\(grouped(invalidCount)) invalid") : "0 invalid")
            if unreadableCount > 0 { summary += ", " + style.red("\(grouped(unreadableCount)) unreadable") }
            if failedCount > 0 { summary += ", " + style.red("\(grouped(failedCount)) not checked") }
            output.line(summary)
        }
        output.flush()
    }
}
