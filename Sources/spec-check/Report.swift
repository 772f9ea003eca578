import Foundation
import SchemaValidation
import SpecSource

/// Renders validation results as text lines or JSON lines, and counts them.
struct Report {
    let format: OutputFormat
    let style = Style.current
    var output = OutputBuffer()
    private(set) var validCount = 0
    private(set) var invalidCount = 0
    private(set) var unreadableCount = 0

    init(format: OutputFormat) { self.format = format }

    mutating func result(_ name: String, _ result: ValidationResult) {
        if result.isValid { validCount += 1 } else { invalidCount += 1 }
        switch format {
        case .json:
            var line = "{\"file\":" + JSONWriter.quoted(name) + ",\"valid\":" + (result.isValid ? "true" : "false") + ",\"errors\":["
            for (i, e) in result.errors.enumerated() {
                if i > 0 { line += "," }
                line += Report.json(e)
            }
            line += "]}"
            output.line(line)
        case .text:
            for e in result.errors {
                output.line("\(style.bold(name)): \(e.instanceLocation.isEmpty ? "(root)" : e.instanceLocation): \(e.message) \(style.dim("(\(e.source))"))")
            }
        }
    }

    static func json(_ e: ValidationError) -> String {
        "{\"instanceLocation\":" + JSONWriter.quoted(e.instanceLocation)
            + ",\"keywordLocation\":" + JSONWriter.quoted(e.keywordLocation)
            + ",\"absoluteKeywordLocation\":" + JSONWriter.quoted(e.absoluteKeywordLocation)
            + ",\"error\":" + JSONWriter.quoted(e.message)
            + ",\"source\":" + JSONWriter.quoted(e.source.description) + "}"
    }

    mutating func unreadable(_ name: String, _ error: SourceError) {
        unreadableCount += 1
        switch format {
        case .json:
            output.line("{\"file\":" + JSONWriter.quoted(name) + ",\"valid\":false,\"errors\":[],\"parseError\":{\"error\":"
                + JSONWriter.quoted(error.message) + ",\"source\":" + JSONWriter.quoted(error.location.description) + "}}")
        case .text:
            output.line("\(style.bold(name)): \(style.red("cannot be parsed")): \(error.location): \(error.message)")
        }
    }

    mutating func finish() {
        if format == .text {
            let total = validCount + invalidCount + unreadableCount
            var summary = "\(total) instance\(total == 1 ? "" : "s"): \(style.green("\(validCount) valid")), " +
                (invalidCount > 0 ? style.red("\(invalidCount) invalid") : "0 invalid")
            if unreadableCount > 0 { summary += ", " + style.red("\(unreadableCount) unreadable") }
            output.line(summary)
        }
        output.flush()
    }
}
