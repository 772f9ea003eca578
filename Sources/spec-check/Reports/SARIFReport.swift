import OpenAPIContract
import SchemaValidation
import SpecSource

/// A SARIF 2.1.0 log (OASIS SARIF v2.1.0 §3.13) from case records: one run of the `spec-check`
/// driver whose `rules` are the catalogue entries (``SpecSource/ErrorCatalogue``) of the codes
/// the results use, in code order, each with the entry's summary and explanation.
///
/// Each error or warning is a result (`level` `error`/`warning`) whose `ruleId` is its code,
/// located in the instance's file (`physicalLocation` with the value's line and column when
/// known, the instance location as a logical location), with the spec keyword that failed as a
/// `relatedLocations` entry. A case with no findings that still failed (a corpus expectation, a
/// file that cannot be read or checked) is one result located at its position; a case skipped on
/// purpose (a HAR entry to another origin) is a `notApplicable` result of level `none`. Columns count
/// Unicode code points (`columnKind`), as spec-check does.
enum SARIFReport {
    static func render(_ records: [CaseRecord], toolVersion: String) -> String {
        var results: [JSONValue] = []
        var used = Set<String>()
        for record in records {
            for finding in record.findings {
                used.insert(finding.error.code)
                results.append(result(finding, file: record.file))
            }
            if record.status == .skipped {
                // Not evaluated on purpose (SARIF 2.1.0 §3.27.9: `notApplicable`, whose level is `none`).
                used.insert("har.skipped")
                results.append(
                    object([
                        ("ruleId", .string("har.skipped")),
                        ("kind", .string("notApplicable")),
                        ("level", .string("none")),
                        ("message", object([("text", .string("\(record.name): skipped: \(record.message ?? "")"))])),
                        ("locations", .array([location(file: record.file, at: record.position)])),
                    ]))
            } else if record.status != .passed, let message = record.message {
                let code = record.messageCode ?? (record.status == .error ? "check.failed" : "corpus.expectation-failed")
                used.insert(code)
                let at = record.messageLocation ?? record.position
                results.append(
                    object([
                        ("ruleId", .string(code)),
                        ("level", .string("error")),
                        ("message", object([("text", .string("\(record.name): \(message)"))])),
                        (
                            "locations",
                            .array([location(file: at.flatMap { $0.file == .none ? nil : $0.file.path } ?? record.file, at: at)])
                        ),
                    ]))
            }
        }
        let rules = used.sorted()
        let index = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($1, $0) })
        results = results.map { result in
            guard case .object(var members) = result.kind, let id = result["ruleId"]?.stringValue, let i = index[id] else { return result }
            var list = members.members
            list.insert(JSONObject.Member(key: "ruleIndex", value: integer(i)), at: 1)
            members = JSONObject(list)
            return JSONValue(.object(members))
        }
        let descriptors: [JSONValue] = rules.map { code in
            let entry = ErrorCatalogue.entry(for: code)
            var members: [(String, JSONValue)] = [("id", .string(code))]
            members.append(("shortDescription", object([("text", .string(entry?.summary ?? code))])))
            if let entry { members.append(("fullDescription", object([("text", .string(entry.explanation))]))) }
            members.append(("help", object([("text", .string("spec-check explain \(code)"))])))
            return object(members)
        }
        return SARIFLog.text(toolVersion: toolVersion, rules: descriptors, results: results)
    }

    static func result(_ finding: Finding, file: String) -> JSONValue {
        let e = finding.error
        let instance = finding.instancePosition
        var primary = location(file: instance.map { $0.file == .none ? file : $0.file.path } ?? file, at: instance)
        if case .object(var members) = primary.kind {
            members.append(
                JSONObject.Member(
                    key: "logicalLocations",
                    value: .array([
                        object([
                            ("fullyQualifiedName", .string(e.instanceLocation)), ("kind", .string("element")),
                        ])
                    ])))
            primary = JSONValue(.object(members))
        }
        var members: [(String, JSONValue)] = [
            ("ruleId", .string(e.code)),
            ("level", .string(finding.level == .error ? "error" : finding.level == .warning ? "warning" : "note")),
            ("message", object([("text", .string("\(e.instanceLocation.isEmpty ? "(root)" : e.instanceLocation): \(e.message)"))])),
            ("locations", .array([primary])),
        ]
        if e.source.file != .none {
            let keyword = e.keywordLocation.isEmpty ? (e.keyword.isEmpty ? "the contract" : e.keyword) : e.keywordLocation
            let absolute = e.absoluteKeywordLocation.isEmpty ? "" : " (" + e.absoluteKeywordLocation + ")"
            var related: [(String, JSONValue)] = [("id", integer(1))]
            if let physical = location(file: e.source.file.path, at: e.source)["physicalLocation"] {
                related.append(("physicalLocation", physical))
            }
            related.append(("message", object([("text", .string("spec: " + keyword + absolute))])))
            members.append(("relatedLocations", .array([object(related)])))
        }
        return object(members)
    }

    /// A `location` with a `physicalLocation` in `file`, with a region when `at` is known.
    static func location(file: String, at: SourceLocation?) -> JSONValue {
        var physical: [(String, JSONValue)] = [("artifactLocation", object([("uri", .string(WorkflowCommand.uri(forPath: file)))]))]
        if let at, at.isKnown {
            physical.append(("region", object([("startLine", integer(Int(at.line))), ("startColumn", integer(Int(max(1, at.column))))])))
        }
        return object([("physicalLocation", object(physical))])
    }

    static func integer(_ n: Int) -> JSONValue { .number(JSONNumber(Int64(n))) }

    static func object(_ members: [(String, JSONValue)]) -> JSONValue { SARIFLog.object(members) }
}
