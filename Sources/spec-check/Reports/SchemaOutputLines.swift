import Foundation
import SchemaValidation
import SpecSource

/// `validate --format basic|detailed`: one line per instance, the JSON Schema output format's
/// root unit (2020-12 core §12.4.2/§12.4.3, ``SchemaValidation/ValidationResult/output(_:)``)
/// with the instance's `"file"` first (and `"annotationsIncomplete": true` last when the
/// annotations leave some out, ``SchemaValidation/ValidationResult/annotationsAreIncomplete``).
/// The output schema allows members beside the unit's, so each line is itself a valid
/// `basic`/`detailed` output. An instance that cannot be read or
/// checked is a unit `valid: false` whose `error` says why, with the `parseError`/`checkError`
/// object of `--format json`.
enum SchemaOutputLines {
    static func render(_ outcome: Outcome, format: JSONSchemaOutputFormat) -> String {
        switch outcome {
        case .validated(let name, let result):
            guard case .object(let unit) = result.output(format).kind else { return "" }
            var members = [JSONObject.Member(key: "file", value: .string(name))]
            members.append(contentsOf: unit.members)
            // The walk stopped early or met a branch it could not decide: say the list is partial.
            if result.annotationsAreIncomplete { members.append(.init(key: "annotationsIncomplete", value: .bool(true))) }
            return JSONWriter.string(from: JSONValue(.object(JSONObject(members))))
        case .flagged(let name, let valid):
            return OutputLine.flag(name, valid: valid)
        case .unreadable(let name, let error):
            let what = error.code.hasPrefix("file.") ? "cannot be read" : "cannot be parsed"
            return head(name) + ",\"error\":" + JSONWriter.quoted("\(what): \(error.message)") + ",\"parseError\":{\"code\":"
                + JSONWriter.quoted(error.code)
                + ",\"error\":" + JSONWriter.quoted(error.message) + ",\"source\":" + JSONWriter.quoted(error.location.description) + "}}"
        case .failed(let name, let error, let code):
            return head(name) + ",\"error\":" + JSONWriter.quoted("cannot be checked: \(error)") + ",\"checkError\":{"
                + (code.map { "\"code\":" + JSONWriter.quoted($0) + "," } ?? "") + "\"error\":" + JSONWriter.quoted(error) + "}}"
        }
    }

    private static func head(_ name: String) -> String {
        "{\"file\":" + JSONWriter.quoted(name) + ",\"valid\":false,\"keywordLocation\":\"\",\"instanceLocation\":\"\""
    }
}
