import Foundation
import SpecSource

/// JUnit XML (the Apache Ant JUnit format CI systems read) from case records.
///
/// The document is `<testsuites>` with one `<testsuite>` per ``CaseRecord/suite`` (in first-seen
/// order), each with the attributes and elements the strict JUnit XSD requires (`package`, `id`,
/// `name`, `timestamp` without a zone, `hostname`, `tests`, `failures`, `errors`, `time`,
/// `<properties/>`, `<system-out/>`, `<system-err/>`). A case is a `<testcase>`: a failure holds a
/// `<failure>` whose text lists each error with its instance position and spec position, a case
/// that could not be read or checked an `<error>`. Text is XML 1.0: characters XML cannot hold
/// (most C0 controls, lone surrogates cannot occur in Swift strings) are written as `\u{XX}`.
enum JUnitReport {
    static func render(_ records: [CaseRecord], package: String, time: Double, timestamp: Date = Date()) -> String {
        var order: [String] = []
        var suites: [String: [CaseRecord]] = [:]
        for record in records {
            if suites[record.suite] == nil { order.append(record.suite) }
            suites[record.suite, default: []].append(record)
        }
        let stamp = Self.timestamp(timestamp)
        let host = Self.hostname()
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n"
        for (id, name) in order.enumerated() {
            let cases = suites[name]!
            let failures = cases.count { $0.status == .failed }
            let errors = cases.count { $0.status == .error }
            let skipped = cases.count { $0.status == .skipped }
            let suiteTime = cases.reduce(0) { $0 + $1.time }
            out +=
                "  <testsuite package=\(attribute(package)) id=\"\(id)\" name=\(attribute(name.isEmpty ? package : name))"
                + " timestamp=\"\(stamp)\" hostname=\(attribute(host)) tests=\"\(cases.count)\" failures=\"\(failures)\""
                + " errors=\"\(errors)\"" + (skipped > 0 ? " skipped=\"\(skipped)\"" : "")
                + " time=\"\(seconds(order.count == 1 ? max(time, suiteTime) : suiteTime))\">\n"
            out += "    <properties/>\n"
            for record in cases { out += testcase(record, classname: name.isEmpty ? package : name) }
            out += "    <system-out/>\n    <system-err/>\n  </testsuite>\n"
        }
        return out + "</testsuites>\n"
    }

    static func testcase(_ record: CaseRecord, classname: String) -> String {
        let open = "    <testcase name=\(attribute(record.name)) classname=\(attribute(classname)) time=\"\(seconds(record.time))\""
        switch record.status {
        case .passed:
            // What could not be checked is said, not hidden: as the case's output.
            let notes = record.findings.filter { $0.level == .note }
            guard !notes.isEmpty else { return open + "/>\n" }
            return open + ">\n      <system-out>" + text(notes.map(describe).joined(separator: "\n")) + "</system-out>\n    </testcase>\n"
        case .skipped:
            return open + ">\n      <skipped message=\(attribute(record.message ?? "skipped"))/>\n    </testcase>\n"
        case .failed, .error:
            let element = record.status == .failed ? "failure" : "error"
            let errors = record.findings.filter(\.isError)
            let message = record.message ?? "\(errors.count) error\(errors.count == 1 ? "" : "s")"
            let type = record.messageCode ?? errors.first?.error.code ?? (record.status == .failed ? "invalid" : "not-checked")
            var lines: [String] = []
            if let message = record.message {
                lines.append(record.messageLocation.map { "\($0): \(message)" } ?? message)
            }
            for finding in record.findings { lines.append(describe(finding)) }
            return open + ">\n      <\(element) message=\(attribute(message)) type=\(attribute(type))>"
                + text(lines.joined(separator: "\n"))
                + "</\(element)>\n    </testcase>\n"
        }
    }

    /// `file:line:col: /pointer: message [code] (spec file:line:col)` for one finding.
    static func describe(_ finding: Finding) -> String {
        let e = finding.error
        let place = finding.instancePosition.map { "\($0): " } ?? ""
        let pointer = e.instanceLocation.isEmpty ? "(root)" : e.instanceLocation
        return "\(place)\(finding.label)\(pointer): \(e.message) [\(e.code)] (\(e.source))"
    }

    /// `YYYY-MM-DDTHH:MM:SS` in UTC (the XSD's pattern has no zone).
    static func timestamp(_ date: Date) -> String {
        var time = time_t(date.timeIntervalSince1970)
        var parts = tm()
        gmtime_r(&time, &parts)
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return
            "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))"
    }

    static func hostname() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "localhost" }
        let name = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return name.isEmpty ? "localhost" : name
    }

    /// Seconds with three decimals (an `xs:decimal`).
    static func seconds(_ t: Double) -> String {
        let millis = Int((max(0, t) * 1000).rounded())
        let fraction = millis % 1000
        return "\(millis / 1000)." + (fraction < 10 ? "00" : fraction < 100 ? "0" : "") + "\(fraction)"
    }

    /// A quoted attribute value.
    static func attribute(_ s: String) -> String { "\"" + escape(s, attribute: true) + "\"" }

    static func text(_ s: String) -> String { escape(s, attribute: false) }

    /// `&`, `<`, `>`, `"` as entities (and tab, LF, CR as character references in attributes,
    /// which normalisation would otherwise turn into spaces); characters XML 1.0 cannot hold as `\u{XX}`.
    static func escape(_ s: String, attribute: Bool) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where attribute: out += "&quot;"
            case "\t", "\n", "\r":
                if attribute { out += "&#\(scalar.value);" } else { out.unicodeScalars.append(scalar) }
            default:
                let v = scalar.value
                if v < 0x20 || v == 0xFFFE || v == 0xFFFF {
                    out += "\\u{" + String(v, radix: 16, uppercase: true) + "}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
