import SpecSource

/// The machine-readable forms of a ``LintReport``: JSON Lines, SARIF 2.1.0 and GitHub Actions
/// workflow commands. Every form is built from the findings alone, so they list the same things.
extension LintReport {
    /// One JSON object per line per finding:
    /// `{"rule": …, "severity": "error"|"warning", "message": …, "source": "file:line:col", "pointer": "#/…"}`.
    /// Strings escape every control character and U+2028/U+2029, so each finding is one line.
    public func jsonLines() -> String {
        findings.map { finding in
            "{\"rule\":" + JSONWriter.quoted(finding.rule)
                + ",\"severity\":" + JSONWriter.quoted(finding.severity.rawValue)
                + ",\"message\":" + JSONWriter.quoted(finding.message)
                + ",\"source\":" + JSONWriter.quoted(finding.location.description)
                + ",\"pointer\":" + JSONWriter.quoted(finding.pointer) + "}\n"
        }.joined()
    }

    /// GitHub Actions workflow commands, one per finding
    /// (`::error file=F,line=L,col=C,title=spec-check RULE::message`), which the runner shows as
    /// annotations on the pull request. Property values escape `%`, CR, LF, `:` and `,`; the
    /// message escapes `%`, CR and LF, as the runner expects.
    public func githubAnnotations() -> String {
        findings.map { finding in
            var properties: [(String, String)] = []
            if finding.location.file != .none { properties.append(("file", finding.location.file.path)) }
            if finding.location.isKnown {
                properties.append(("line", "\(finding.location.line)"))
                properties.append(("col", "\(finding.location.column)"))
            }
            properties.append(("title", "spec-check \(finding.rule)"))
            return WorkflowCommand.line(finding.severity.rawValue, properties: properties, message: finding.message) + "\n"
        }.joined()
    }

    /// A SARIF 2.1.0 log (OASIS SARIF v2.1.0, §3.13 sarifLog) with one run: the tool with every
    /// rule (``LintRule/all``, each with its default level), and one result per finding with its
    /// level, message, file, line and column (`columnKind` `unicodeCodePoints`, as spec-check
    /// counts columns) and the JSON pointer as a logical location.
    /// - Parameter toolVersion: The version of spec-check, for `tool.driver.version`.
    public func sarif(toolVersion: String) -> String {
        let rules = LintRule.all
        let index = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($1.id, $0) })
        let descriptors: [JSONValue] = rules.map { rule in
            object([
                ("id", .string(rule.id)),
                ("shortDescription", object([("text", .string(rule.summary))])),
                ("fullDescription", object([("text", .string("\(rule.summary) See \(rule.reference)."))])),
                ("defaultConfiguration", object([("level", .string(rule.defaultSeverity.rawValue))])),
            ])
        }
        let results: [JSONValue] = findings.map { finding in
            var physical: [(String, JSONValue)] = []
            if finding.location.file != .none {
                physical.append(("artifactLocation", object([("uri", .string(WorkflowCommand.uri(forPath: finding.location.file.path)))])))
            }
            if finding.location.isKnown {
                physical.append(
                    (
                        "region",
                        object([
                            ("startLine", .number(JSONNumber(Int64(finding.location.line)))),
                            ("startColumn", .number(JSONNumber(Int64(finding.location.column)))),
                        ])
                    ))
            }
            var location: [(String, JSONValue)] = []
            if !physical.isEmpty { location.append(("physicalLocation", object(physical))) }
            if !finding.pointer.isEmpty {
                location.append(("logicalLocations", .array([object([("fullyQualifiedName", .string(finding.pointer))])])))
            }
            var result: [(String, JSONValue)] = [("ruleId", .string(finding.rule))]
            if let i = index[finding.rule] { result.append(("ruleIndex", .number(JSONNumber(Int64(i))))) }
            result.append(("level", .string(finding.severity.rawValue)))
            result.append(("message", object([("text", .string(finding.message))])))
            if !location.isEmpty { result.append(("locations", .array([object(location)]))) }
            return object(result)
        }
        return SARIFLog.text(toolVersion: toolVersion, rules: descriptors, results: results)
    }

    private func object(_ members: [(String, JSONValue)]) -> JSONValue { SARIFLog.object(members) }
}
