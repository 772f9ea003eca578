import Foundation
import SchemaValidation
import SpecSource
import Testing

/// Which part of a draft's tests a file belongs to.
enum SuitePart: String, Sendable, CaseIterable {
    /// `tests/<draft>/*.json`: what every implementation must pass.
    case required
    /// `tests/<draft>/optional/*.json` (without `format/`).
    case optional
    /// `tests/<draft>/optional/format/*.json`, run with format assertion on.
    case format
}

/// A draft directory of the suite and the dialect its schemas default to.
struct SuiteDraft: Sendable {
    let name: String
    let dialect: Dialect

    /// Every draft the harness knows, in report order; drafts without a directory are skipped.
    static let known: [SuiteDraft] = [
        SuiteDraft(name: "draft2020-12", dialect: .draft2020_12),
        SuiteDraft(name: "draft2019-09", dialect: .draft2019_09),
        SuiteDraft(name: "draft7", dialect: .draft7),
        SuiteDraft(name: "draft6", dialect: .draft6),
        SuiteDraft(name: "draft4", dialect: .draft4),
    ]
}

/// One `{description, schema, tests}` group, compiled once.
struct SuiteGroup: Sendable {
    let file: String
    let description: String
    /// The compiled schema, or the compiler's diagnostics.
    let schema: Result<Schema, SuiteFailure>
}

/// A message-only error.
struct SuiteFailure: Error, Sendable, CustomStringConvertible {
    let description: String
}

/// One test of the suite: an instance and whether the group's schema accepts it.
struct SuiteCase: Sendable, CustomTestStringConvertible {
    let draft: String
    let part: SuitePart
    /// `draft2020-12/ref.json: <group description> / <test description>`.
    let name: String
    let file: String
    let group: SuiteGroup
    let data: JSONValue
    let valid: Bool

    var testDescription: String { name }

    /// `nil` when both `validate` and `isValid` agree with the expected result, else why not.
    func failure() -> String? {
        let schema: Schema
        switch group.schema {
        case .failure(let error): return "schema does not compile: \(error)"
        case .success(let s): schema = s
        }
        var problems: [String] = []
        let result = schema.validate(data)
        if result.isValid != valid {
            if valid {
                let shown = result.errors.prefix(3).map { "\($0.keywordLocation) at \($0.instanceLocation): \($0.message)" }
                let more = result.errors.count > 3 ? " (+\(result.errors.count - 3) more)" : ""
                problems.append("validate() rejects a valid instance: " + shown.joined(separator: "; ") + more)
            } else {
                problems.append("validate() accepts an invalid instance")
            }
        }
        for error in result.errors {
            // One error model: every error has a catalogued code and an absolute keyword location
            // (2020-12 core §12.3.2: a URI with a scheme; empty only where no keyword reported).
            if !Self.codes.contains(error.code) { problems.append("error code \(error.code) is not in ErrorCatalogue.schema") }
            if !Self.isAbsoluteURI(error.absoluteKeywordLocation) && error.code != "depth.exceeded" {
                problems.append("absoluteKeywordLocation \(error.absoluteKeywordLocation) is not an absolute URI")
            }
        }
        let fast = schema.isValid(data)
        if fast != valid {
            problems.append("isValid() returns \(fast), expected \(valid)")
        }
        // The same instance as text, read by the byte-stream walk (no tree for the containers it
        // follows): the verdict must be the tree walk's on the same text.
        let text = Array(JSONWriter.string(from: data).utf8)
        do {
            let streamed = try schema.isValid(json: text)
            let tree = schema.isValid(try SourceLoader.parse(text, format: .json))
            if streamed != tree || streamed != valid {
                problems.append("isValid(json:) returns \(streamed), the tree walk on the same text \(tree), expected \(valid)")
            }
        } catch {
            problems.append("isValid(json:) throws on the written instance: \(error)")
        }
        guard !problems.isEmpty else { return nil }
        return problems.joined(separator: "; ") + " — instance: \(Self.abbreviated(data))"
    }

    /// The matching entry of ``ExpectedFailures/entries``, if any.
    var exclusion: (pattern: String, reason: String)? {
        ExpectedFailures.entry(for: name)
    }

    private static let codes = Set(ErrorCatalogue.schema.map(\.code))

    /// `scheme:rest#fragment` (RFC 3986 §3.1: a letter, then letters, digits, `+`, `-`, `.`).
    private static func isAbsoluteURI(_ text: String) -> Bool {
        guard let colon = text.firstIndex(of: ":"), let first = text.first, first.isLetter, text.contains("#") else { return false }
        return text[..<colon].allSatisfy { $0.isLetter || $0.isNumber || "+-.".contains($0) }
    }

    private static func abbreviated(_ value: JSONValue) -> String {
        let text = value.description
        return text.count > 200 ? String(text.prefix(200)) + "…" : text
    }
}

/// Every case of the copied suite, loaded and compiled once per process.
struct SuiteCatalog: Sendable {
    /// Cases in file order (drafts in ``SuiteDraft/known`` order, files sorted).
    let cases: [SuiteCase]
    /// Files that could not be read, with the reason.
    let loadErrors: [String]
    /// The drafts present, in report order.
    let drafts: [String]

    static let shared = SuiteCatalog()

    /// The copied suite: the test bundle's `Suite` resource, else the source tree's.
    static let root: String = {
        if let url = Bundle.module.url(forResource: "Suite", withExtension: nil),
            FileManager.default.fileExists(atPath: url.appendingPathComponent("tests").path)
        {
            return url.path
        }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Suite").path
    }()

    private init() {
        let fm = FileManager.default
        let testsDir = Self.root + "/tests"
        var resolver = ReferenceResolver()
        resolver.map(prefix: "http://localhost:1234/", toDirectory: Self.root + "/remotes")

        var cases: [SuiteCase] = []
        var loadErrors: [String] = []
        var drafts: [String] = []
        for draft in SuiteDraft.known {
            let draftDir = testsDir + "/" + draft.name
            guard fm.fileExists(atPath: draftDir) else { continue }
            drafts.append(draft.name)
            let parts: [(SuitePart, String, String)] = [
                (.required, draftDir, draft.name),
                (.optional, draftDir + "/optional", draft.name + "/optional"),
                (.format, draftDir + "/optional/format", draft.name + "/optional/format"),
            ]
            for (part, dir, displayDir) in parts {
                let names = ((try? fm.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
                let options = SchemaOptions(formats: part == .format ? .assert : .annotate, resolver: resolver)
                for fileName in names {
                    let file = displayDir + "/" + fileName
                    Self.load(
                        path: dir + "/" + fileName, file: file, draft: draft, part: part, options: options,
                        into: &cases, errors: &loadErrors)
                }
            }
        }
        self.cases = cases
        self.loadErrors = loadErrors
        self.drafts = drafts
    }

    private static func load(
        path: String, file: String, draft: SuiteDraft, part: SuitePart, options: SchemaOptions,
        into cases: inout [SuiteCase], errors: inout [String]
    ) {
        let document: JSONValue
        do {
            guard let data = FileManager.default.contents(atPath: path) else {
                errors.append("\(file): cannot read")
                return
            }
            document = try SourceLoader.parse([UInt8](data), format: .json, file: SourceFileID.intern("Suite/tests/" + file))
        } catch {
            errors.append("\(file): \(error)")
            return
        }
        guard let groups = document.arrayValue else {
            errors.append("\(file): not an array of test groups")
            return
        }
        for (groupIndex, groupValue) in groups.enumerated() {
            let groupDescription = groupValue["description"]?.stringValue ?? "group \(groupIndex)"
            guard let schemaValue = groupValue["schema"], let tests = groupValue["tests"]?.arrayValue else {
                errors.append("\(file): group \(JSONWriter.quoted(groupDescription)) lacks schema or tests")
                continue
            }
            // The draft's dialect is the default; a schema's own `$schema` (a known draft or a custom
            // meta-schema) still decides.
            let compiled: Result<Schema, SuiteFailure>
            do {
                compiled = .success(try Schema.compile(schemaValue, defaultDialect: draft.dialect, options: options))
            } catch {
                compiled = .failure(SuiteFailure(description: error.description.replacingOccurrences(of: "\n", with: " | ")))
            }
            let group = SuiteGroup(file: file, description: groupDescription, schema: compiled)
            for (testIndex, test) in tests.enumerated() {
                let testDescription = test["description"]?.stringValue ?? "test \(testIndex)"
                guard let data = test["data"], let valid = test["valid"]?.boolValue else {
                    errors.append("\(file): \(groupDescription) / \(testDescription): lacks data or valid")
                    continue
                }
                cases.append(
                    SuiteCase(
                        draft: draft.name, part: part,
                        name: "\(file): \(groupDescription) / \(testDescription)",
                        file: file, group: group, data: data, valid: valid))
            }
        }
    }
}
