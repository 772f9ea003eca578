/// The SARIF 2.1.0 log spec-check writes, for lint findings and for validation reports alike: one
/// run of the `spec-check` driver (SARIF 2.1.0 §3.13 `sarifLog`, §3.14 `run`, §3.18 `tool`, §3.19
/// `toolComponent`), columns counted in Unicode code points (§3.14.17).
public enum SARIFLog {
    /// The whole log as pretty-printed JSON text, with a final newline.
    /// - Parameters:
    ///   - toolVersion: spec-check's version, for `tool.driver.version`.
    ///   - rules: The `reportingDescriptor` objects of the rules the results use, in `ruleIndex` order.
    ///   - results: The `result` objects.
    /// - Returns: The log, ready to write to a `.sarif` file.
    public static func text(toolVersion: String, rules: [JSONValue], results: [JSONValue]) -> String {
        let driver = object([("name", .string("spec-check")), ("version", .string(toolVersion)), ("rules", .array(rules))])
        let run = object([
            ("tool", object([("driver", driver)])),
            ("columnKind", .string("unicodeCodePoints")),
            ("results", .array(results)),
        ])
        let log = object([
            ("$schema", .string("https://json.schemastore.org/sarif-2.1.0.json")),
            ("version", .string("2.1.0")),
            ("runs", .array([run])),
        ])
        return JSONWriter.string(from: log, pretty: true) + "\n"
    }

    /// A JSON object with `members` in this order (SARIF viewers and golden files read it as written).
    public static func object(_ members: [(String, JSONValue)]) -> JSONValue {
        JSONValue(.object(JSONObject(members.map { JSONObject.Member(key: $0.0, value: $0.1) })))
    }
}
