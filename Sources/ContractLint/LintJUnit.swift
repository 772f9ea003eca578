import SpecSource

extension LintReport {
    /// A JUnit XML report (the Apache Ant schema that Jenkins, GitLab and most CI servers read):
    /// one `<testsuite>` with one `<testcase>` per rule that ran (`classname` `spec-check.lint`,
    /// `name` the rule id). A rule with error findings fails: one `<failure type="error">` whose
    /// `message` counts them and whose text lists each as `file:line:col: message (pointer)`.
    /// Warnings do not fail their rule (the command exits 0 on warnings alone); they are listed
    /// in the suite's `<system-out>`. Notes go to `<system-err>`. All text is escaped
    /// (``SpecSource/XMLText``).
    /// - Parameters:
    ///   - rules: The identifiers of the rules that ran (switched on), in report order; rules of
    ///     findings not listed are added after them.
    ///   - suiteName: The suite's name (the linted file).
    ///   - timestamp: When the lint ran, `YYYY-MM-DDThh:mm:ss` (no time zone, as the schema wants).
    ///   - hostname: The host (`localhost` when unknown).
    public func junit(rules: [String], suiteName: String, timestamp: String, hostname: String = "localhost") -> String {
        var order = rules
        for finding in findings where !order.contains(finding.rule) { order.append(finding.rule) }
        var errors: [String: [LintFinding]] = [:]
        for finding in findings where finding.severity == .error { errors[finding.rule, default: []].append(finding) }
        let failing = order.count { errors[$0] != nil }
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml +=
            "<testsuite name=\"\(XMLText.escape(suiteName.isEmpty ? "spec-check lint" : suiteName))\" timestamp=\"\(XMLText.escape(timestamp))\""
        xml +=
            " hostname=\"\(XMLText.escape(hostname.isEmpty ? "localhost" : hostname))\" tests=\"\(order.count)\" failures=\"\(failing)\" errors=\"0\" skipped=\"0\" time=\"0\">\n"
        xml += "  <properties>\n    <property name=\"tool\" value=\"spec-check lint\"/>\n  </properties>\n"
        for rule in order {
            xml += "  <testcase name=\"\(XMLText.escape(rule))\" classname=\"spec-check.lint\" time=\"0\""
            guard let found = errors[rule] else {
                xml += "/>\n"
                continue
            }
            xml += ">\n    <failure message=\"\(found.count) error\(found.count == 1 ? "" : "s")\" type=\"error\">"
            xml += found.map { XMLText.escape("\($0.location): \($0.message) (\($0.pointer))") }.joined(separator: "&#10;")
            xml += "</failure>\n  </testcase>\n"
        }
        let warnings = findings.filter { $0.severity == .warning }
        xml +=
            "  <system-out>"
            + warnings.map { XMLText.escape("warning: \($0.location): \($0.message) [\($0.rule)]") }.joined(separator: "&#10;")
            + "</system-out>\n"
        xml += "  <system-err>" + notes.map { XMLText.escape("note: \($0)") }.joined(separator: "&#10;") + "</system-err>\n"
        xml += "</testsuite>\n"
        return xml
    }
}
