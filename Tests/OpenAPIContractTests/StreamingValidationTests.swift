import Foundation
import OpenAPIContract
import SchemaValidation
import SpecSource
import Testing

/// `Schema.isValid(json:)` (the walk over the bytes, without a tree for the containers it can
/// follow) against `isValid` on the parsed tree of the same bytes: the same verdict, the same
/// errors thrown.
@Suite("isValid(json:): bytes to verdict")
struct StreamingValidationTests {
    /// Both answers for `text`: the verdict or the error's code, message and position.
    static func answers(_ schema: Schema, _ text: [UInt8]) -> (streamed: String, tree: String) {
        func describe(_ body: () throws(SourceError) -> Bool) -> String {
            do throws(SourceError) {
                return try body() ? "valid" : "invalid"
            } catch {
                return "\(error.code) \(error.location.line):\(error.location.column) \(error.message)"
            }
        }
        return (
            describe { () throws(SourceError) in try schema.isValid(json: text) },
            describe { () throws(SourceError) in schema.isValid(try SourceLoader.parse(text, format: .json)) }
        )
    }

    static func files(_ directory: URL) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".json") }.sorted().map { directory.appendingPathComponent($0) }
    }

    /// Every request and response body of the seed corpus, and each of them with one member
    /// removed, one member's value replaced by each JSON type, and one extra member: the verdicts
    /// of the two walks agree (and the corpus's own verdicts are the expected ones).
    @Test func seedCorpusAndVariantsAgree() throws {
        let contract = try ContractTestKit.seed()
        let corpus = ContractTestKit.repositoryRoot.appendingPathComponent("Corpus")
        var sets: [(Schema, URL)] = [(try contract.requestSchema(for: "createVideos"), corpus.appendingPathComponent("requests"))]
        for status in [202, 400, 401, 402, 404, 429, 500] {
            sets.append(
                (try contract.responseSchema(for: "createVideos", status: status), corpus.appendingPathComponent("responses/\(status)")))
        }
        var compared = 0
        var invalidVariants = 0
        for (schema, directory) in sets {
            for expected in ["valid", "invalid"] {
                let files = Self.files(directory.appendingPathComponent(expected))
                for file in files {
                    let bytes = [UInt8](try Data(contentsOf: file))
                    let (streamed, tree) = Self.answers(schema, bytes)
                    #expect(streamed == tree, "\(file.lastPathComponent)")
                    #expect(streamed == expected, "\(file.lastPathComponent)")
                    compared += 1
                    guard let value = try? SourceLoader.parse(bytes, format: .json) else { continue }
                    for variant in Self.variants(of: value) {
                        let text = Array(JSONWriter.string(from: variant).utf8)
                        let (s, t) = Self.answers(schema, text)
                        #expect(s == t, "\(file.lastPathComponent): \(JSONWriter.string(from: variant))")
                        if t == "invalid" { invalidVariants += 1 }
                        compared += 1
                    }
                }
                #expect(!files.isEmpty, "\(directory.path)/\(expected) holds no fixtures")
            }
        }
        #expect(compared > 1_000)
        #expect(invalidVariants > 100)
    }

    /// A JSON Lines text read with `streamedVerdict` as its screen (the CLI's `--format flag`
    /// path) settles each line it can read with the tree walk's verdict, and hands every other
    /// line on with the error parsing it gives; line numbers and positions are those of the plain
    /// parse. The lines: the seed requests and their variants, and lines that are not one JSON
    /// document (cut short, a duplicate key, a lone surrogate, nested too deep, text after the
    /// value), with blank lines between.
    @Test func jsonLinesScreenedByTheStreamingWalkAgreeWithTheTree() throws {
        let schema = try ContractTestKit.seed().requestSchema(for: "createVideos")
        let requests = ContractTestKit.repositoryRoot.appendingPathComponent("Corpus/requests")
        var lines: [String] = []
        for expected in ["valid", "invalid"] {
            for file in Self.files(requests.appendingPathComponent(expected)).prefix(6) {
                guard let value = try? SourceLoader.parse([UInt8](try Data(contentsOf: file)), format: .json) else { continue }
                lines.append(JSONWriter.string(from: value))
                lines += Self.variants(of: value).prefix(40).map { JSONWriter.string(from: $0) }
            }
        }
        let valid = lines[0]
        lines += [
            String(valid.dropLast(2)), #"{"prompt":"a","prompt":"b"}"#, #"{"prompt":"\ud800x"}"#,
            String(repeating: "[", count: 600) + String(repeating: "]", count: 600), valid + " 1", "  \t", "",
        ]
        let text = JSONLinesText(bytes: Array(lines.joined(separator: "\n").utf8), file: .none)
        let limits = LoadLimits(maxDepth: 512)
        func describe(_ entry: JSONLinesEntry) -> String {
            switch entry.result {
            case .success(let value): return "\(entry.line) \(schema.isValid(value) ? "valid" : "invalid")"
            case .failure(let error): return "\(entry.line) \(error.code) \(error.location.line):\(error.location.column) \(error.message)"
            }
        }
        var tree: [String] = []
        var screened: [String] = []
        var settled = 0
        for chunk in text.chunks(maxEntries: 16) {
            text.parse(chunk, limits: limits) { tree.append(describe($0)) }
            let screen: (Int, JSONLinesText.LineStream) -> Bool = { line, stream in
                guard let verdict = schema.streamedVerdict(stream) else { return false }
                screened.append("\(line) \(verdict ? "valid" : "invalid")")
                settled += 1
                return true
            }
            text.parse(chunk, limits: limits, screen: screen) { screened.append(describe($0)) }
        }
        #expect(screened == tree)
        #expect(tree.count == lines.count - 2)
        #expect(settled == tree.count - 5, "every line but the five that are not one document is settled without a tree")
        #expect(tree.filter { $0.hasSuffix(" valid") }.count > 5)
        #expect(tree.filter { $0.hasSuffix(" invalid") }.count > 50)
    }

    /// The value with, at every object and array inside it, one member or element removed, a
    /// value replaced by each JSON type, or a member added.
    static func variants(of value: JSONValue) -> [JSONValue] {
        let replacements: [JSONValue] = [
            JSONValue(.null), JSONValue(.bool(true)), JSONValue(.number(JSONNumber(7))), JSONValue(.number(JSONNumber(literal: "-1.5")!)),
            JSONValue(.string("x")), JSONValue(.string("https://example.com/a/long/enough/url.png")), JSONValue(.array([])),
            JSONValue(.array([JSONValue(.string("x"))])), JSONValue(.object(JSONObject())),
        ]
        var out: [JSONValue] = replacements
        switch value.kind {
        case .object(let object):
            let members = object.members
            for i in members.indices {
                var removed = members
                removed.remove(at: i)
                out.append(JSONValue(.object(JSONObject(removed))))
                for inner in variants(of: members[i].value) {
                    var changed = members
                    changed[i] = JSONObject.Member(key: members[i].key, value: inner)
                    out.append(JSONValue(.object(JSONObject(changed))))
                }
            }
            out.append(
                JSONValue(
                    .object(JSONObject(members + [JSONObject.Member(key: "unlisted_member", value: JSONValue(.number(JSONNumber(1))))]))))
        case .array(let elements):
            for i in elements.indices {
                var removed = elements
                removed.remove(at: i)
                out.append(JSONValue(.array(removed)))
                for inner in variants(of: elements[i]) {
                    var changed = elements
                    changed[i] = inner
                    out.append(JSONValue(.array(changed)))
                }
            }
            out.append(JSONValue(.array(elements + elements)))
        default:
            break
        }
        return out
    }

    static let objectSchema = """
        {"type": "object", "required": ["a", "b"], "additionalProperties": false,
         "properties": {"a": {"type": "integer", "minimum": 1}, "b": {"type": "array", "items": {"$ref": "#/$defs/item"}, "maxItems": 2},
                        "c": {"allOf": [{"$ref": "#/$defs/item"}, {"minProperties": 1}]}},
         "$defs": {"item": {"type": "object", "properties": {"n": {"type": "string"}}, "required": ["n"]}}}
        """

    static func compiled(_ text: String) throws -> Schema {
        try Schema.compile(try SourceLoader.parse(text, format: .json))
    }

    @Test(arguments: [
        (#"{"a": 1, "b": [{"n": "x"}]}"#, "valid"),
        (#"{"a": 1, "b": []}"#, "valid"),
        (#"{"a": 0, "b": []}"#, "invalid"),
        (#"{"a": 1}"#, "invalid"),
        (#"{"a": 1, "b": [{"n": "x"}, {"n": "y"}, {"n": "z"}]}"#, "invalid"),
        (#"{"a": 1, "b": [{"m": "x"}]}"#, "invalid"),
        (#"{"a": 1, "b": [], "d": 1}"#, "invalid"),
        (#"{"a": 1, "b": [], "c": {}}"#, "invalid"),
        (#"{"a": 1, "b": [], "c": {"n": "x"}}"#, "valid"),
        (#"[1, 2]"#, "invalid"),
        (#""text""#, "invalid"),
        // An instance that already fails is still read to its end: its syntax errors are thrown.
        (
            #"{"a": 0, "b": [], "c": {"n": 1,}}"#,
            "json.syntax 1:32 expected a string key after \",\", found \"}\" (trailing commas are not allowed)"
        ),
        (#"{"d": 1, "a": 1, "a": 2}"#, "json.duplicate-key 1:18 duplicate key \"a\" (first at line 1, column 10)"),
        (#"{"a": 1, "b": [] "#, "json.syntax 1:18 expected \",\" or \"}\" after object member, found end of input"),
        (#"{"a": 1, "b": []} x"#, "json.syntax 1:19 expected end of input after the JSON value, found \"x\""),
        ("", "json.empty 1:1 empty document: expected a JSON value, found end of input"),
    ])
    func verdictsAndErrors(_ text: String, _ expected: String) throws {
        let schema = try Self.compiled(Self.objectSchema)
        let (streamed, tree) = Self.answers(schema, Array(text.utf8))
        #expect(streamed == expected)
        #expect(tree == expected)
    }

    @Test func dataAndStringBodiesReadTheSame() throws {
        let schema = try Self.compiled(Self.objectSchema)
        let text = #"{"a": 1, "b": [{"n": "x"}]}"#
        #expect(try schema.isValid(json: text))
        #expect(try schema.isValid(json: Data(text.utf8)))
        #expect(try !schema.isValid(json: #"{"a": 1}"#))
        #expect(throws: SourceError.self) { try schema.isValid(json: Data("{".utf8)) }
    }

    @Test func nestingBeyondTheLimitThrowsTheSameError() throws {
        let schema = try Self.compiled(##"{"items": {"$ref": "#"}}"##)
        let deep = Array((String(repeating: "[", count: 1_001) + String(repeating: "]", count: 1_001)).utf8)
        let (streamed, tree) = Self.answers(schema, deep)
        #expect(streamed.hasPrefix("json.too-deep"))
        #expect(streamed == tree)
        let fine = Array((String(repeating: "[", count: 900) + String(repeating: "]", count: 900)).utf8)
        #expect(try schema.isValid(json: fine))
    }

    /// Deep data under a recursive schema: four schema applications per level (the tree walk's
    /// native stack in a debug build bounds how deep a test can go).
    @Test func depthLimitsGiveTheTreeWalksVerdict() throws {
        let chain = try Self.compiled(
            ##"{"$defs": {"a": {"$ref": "#/$defs/b"}, "b": {"$ref": "#/$defs/c"}, "c": {"$ref": "#/$defs/d"}, "d": {"type": "array", "items": {"$ref": "#/$defs/a"}}}, "$ref": "#/$defs/a"}"##
        )
        for depth in [1, 10, 150] {
            let text = Array((String(repeating: "[", count: depth) + String(repeating: "]", count: depth)).utf8)
            let (streamed, tree) = Self.answers(chain, text)
            #expect(streamed == tree, "depth \(depth)")
        }
    }

    /// Containers under keywords the walk does not follow (`oneOf`, `enum`, `not`...) are built
    /// and handed to the tree walk.
    @Test func containersUnderOtherKeywordsAreBuilt() throws {
        let schema = try Self.compiled(
            #"{"type": "object", "properties": {"p": {"oneOf": [{"type": "object", "required": ["x"]}, {"type": "array"}]}, "e": {"enum": [[1], {"k": 2}]}, "n": {"not": {"type": "object"}}}}"#
        )
        let cases: [(String, String)] = [
            (#"{"p": {"x": 1}}"#, "valid"), (#"{"p": []}"#, "valid"), (#"{"p": {}}"#, "invalid"),
            (#"{"e": [1]}"#, "valid"), (#"{"e": {"k": 2}}"#, "valid"), (#"{"e": [2]}"#, "invalid"),
            (#"{"n": []}"#, "valid"), (#"{"n": {}}"#, "invalid"),
        ]
        for (text, expected) in cases {
            let (streamed, tree) = Self.answers(schema, Array(text.utf8))
            #expect(streamed == expected, "\(text)")
            #expect(tree == expected, "\(text)")
        }
    }

    /// Under a direction, `readOnly` properties in a request fail: such objects are built.
    @Test func directionalPropertiesAreChecked() throws {
        let schema = try Self.compiled(
            #"{"type": "object", "properties": {"id": {"type": "string", "readOnly": true}, "name": {"type": "string"}}, "required": ["id"]}"#
        )
        .directed(.request)
        #expect(Self.answers(schema, Array(#"{"name": "n"}"#.utf8)) == ("valid", "valid"))
        #expect(Self.answers(schema, Array(#"{"id": "i", "name": "n"}"#.utf8)) == ("invalid", "invalid"))
        // The same schema in turn as a response (where `id` may be sent) and without a direction:
        // the thread's cache keeps each direction's closures apart.
        let response = schema.directed(.response)
        let plain = schema.directed(nil)
        for _ in 0..<3 {
            #expect(Self.answers(response, Array(#"{"id": "i", "name": "n"}"#.utf8)) == ("valid", "valid"))
            #expect(Self.answers(schema, Array(#"{"id": "i", "name": "n"}"#.utf8)) == ("invalid", "invalid"))
            #expect(Self.answers(plain, Array(#"{"name": "n"}"#.utf8)) == ("invalid", "invalid"))
            #expect(Self.answers(schema, Array(#"{"name": "n"}"#.utf8)) == ("valid", "valid"))
        }
    }
}
