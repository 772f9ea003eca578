import Foundation
import HTTPTypes
import OpenAPIContract
import SchemaValidation
import SpecSource
import Testing

/// One catalogue of error codes: every code is listed once with an explanation, every code the
/// sources use is in it, and load errors, contract lookups and exchange findings carry theirs.
@Suite("error catalogue")
struct ErrorCatalogueTests {
    @Test func everyCodeIsListedOnceWithAnExplanation() {
        let codes = ErrorCatalogue.all.map(\.code)
        #expect(
            Set(codes).count == codes.count,
            "listed twice: \(Dictionary(grouping: codes) { $0 }.filter { $0.value.count > 1 }.keys.sorted())")
        #expect(codes.count > 80)
        for entry in ErrorCatalogue.all {
            // `json.too-deep`, `minLength`, `pattern.gave-up`, `$ref`-free, `false-schema`.
            #expect(entry.code.range(of: #"^[A-Za-z][A-Za-z0-9-]*(\.[a-z0-9-]+)*$"#, options: .regularExpression) != nil, "\(entry.code)")
            #expect(!entry.summary.isEmpty && !entry.summary.hasSuffix("."), "\(entry.code): \(entry.summary)")
            #expect(entry.explanation.count > 20, "\(entry.code)")
            #expect(ErrorCatalogue.entry(for: entry.code) == entry)
        }
        #expect(ErrorCatalogue.entry(for: "no.such-code") == nil)
    }

    /// The repository's `Sources` folder, found from this file's path.
    static let sources = ContractTestKit.repositoryRoot.appendingPathComponent("Sources")

    /// Every string literal given as a code in the sources: `code: "…"` arguments and
    /// `code: String = "…"` defaults (`SourceError(code:)`, `report(site, code:)`, `error(…, code:)`).
    static func codesUsedInSources() throws -> [(code: String, file: String)] {
        let pattern = try NSRegularExpression(pattern: #"\bcode(?:\s*:\s*String\s*=|\s*:)\s*"([^"\\]+)""#)
        var found: [(String, String)] = []
        let files = try #require(FileManager.default.enumerator(atPath: sources.path)).compactMap { $0 as? String }.filter {
            $0.hasSuffix(".swift")
        }
        for file in files {
            let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
            let range = NSRange(text.startIndex..., in: text)
            for match in pattern.matches(in: text, range: range) {
                found.append((String(text[Range(match.range(at: 1), in: text)!]), file))
            }
        }
        return found
    }

    @Test func everyCodeUsedInTheSourcesIsCatalogued() throws {
        let used = try Self.codesUsedInSources()
        // The scan finds the codes of every module (a broken scan must not pass by finding none).
        #expect(used.count > 60, "found only \(used.count) codes")
        for module in ["SpecSource/", "SchemaValidation/", "OpenAPIContract/", "ContractCorpus/"] {
            #expect(used.contains { $0.file.hasPrefix(module) }, "no code found in \(module)")
        }
        for (code, file) in used {
            #expect(ErrorCatalogue.entry(for: code) != nil, "\(file) uses \(code), which the catalogue does not list")
        }
        // Contract kinds are used through the enum: each is catalogued.
        for kind in ContractError.Kind.allCases {
            #expect(ErrorCatalogue.entry(for: kind.rawValue) != nil, "\(kind)")
        }
    }

    // MARK: Codes on errors

    @Test(arguments: [
        (#"{"a": }"#, SourceFormat.json, "json.syntax"),
        (#"{"a": 1, "a": 2}"#, .json, "json.duplicate-key"),
        ("", .json, "json.empty"),
        ("a: 1\na: 2\n", .yaml, "yaml.duplicate-key"),
        ("a: [1\n", .yaml, "yaml.syntax"),
        ("a: caf\u{FFFF}\n", .yaml, "yaml.syntax"),  // a non-character: YAML's character set, not its encoding
        ("a: *nope\n", .yaml, "yaml.unknown-alias"),
    ])
    func loadErrorsCarryCataloguedCodes(_ text: String, _ format: SourceFormat, _ code: String) throws {
        let error = try #require(throws: SourceError.self) { try SourceLoader.parse(text, format: format) }
        #expect(error.code == code, "\(error)")
        #expect(ErrorCatalogue.entry(for: error.code) != nil)
    }

    static let document = """
        openapi: 3.1.0
        info: {title: kinds, version: '1'}
        paths:
          /pets:
            post:
              operationId: createPet
              parameters:
                - {name: limit, in: query, required: true, schema: {type: integer}}
              requestBody:
                required: true
                content:
                  application/json:
                    schema: {type: object, required: [name], properties: {name: {type: string}}}
              responses:
                '201': {description: created}
              security: [{key: []}]
        components:
          schemas:
            Pet: {type: object}
          securitySchemes:
            key: {type: apiKey, in: header, name: X-Key}
        """

    @Test func contractLookupsHaveKinds() throws {
        let contract = try ContractTestKit.document(Self.document, file: "kinds.yaml")
        func kind(_ body: () throws(ContractError) -> Void) -> ContractError.Kind? {
            do { try body() } catch { return error.kind }
            return nil
        }
        #expect(kind { () throws(ContractError) in _ = try contract.operation("deletePet") } == .unknownOperation)
        #expect(kind { () throws(ContractError) in _ = try contract.operation("GET /owners") } == .unknownOperation)
        #expect(kind { () throws(ContractError) in _ = try contract.schema(named: "Owner") } == .unknownSchema)
        #expect(kind { () throws(ContractError) in _ = try contract.responseSchema(for: "createPet", status: 500) } == .undocumentedStatus)
        #expect(
            kind { () throws(ContractError) in _ = try contract.requestSchema(for: "createPet", contentType: "text/plain") }
                == .undocumentedContentType)
        #expect(kind { () throws(ContractError) in _ = try contract.responseSchema(for: "createPet", status: 201) } == .undocumentedBody)
        let error = try #require(throws: ContractError.self) { try contract.operation("deletePet") }
        #expect(error.code == "operation.unknown")
    }

    @Test func bodyChecksReportContractCodes() throws {
        let contract = try ContractTestKit.document(Self.document, file: "kinds.yaml")
        let status = try contract.validateResponse(nil, status: 404, for: "createPet")
        #expect(status.errors.map(\.code) == ["status.undocumented"])
        let type = try contract.validateRequest(try ContractTestKit.json(#"{"name":"x"}"#), for: "createPet", contentType: "text/plain")
        #expect(type.errors.map(\.code) == ["content-type.undocumented"])
        let missing = try contract.validateRequest(nil, for: "createPet")
        #expect(missing.errors.map(\.code) == ["body.required"])
        let schema = try contract.validateRequest(try ContractTestKit.json("{}"), for: "createPet")
        #expect(schema.errors.map(\.code) == ["required"])
    }

    @Test func exchangeFindingsHaveCodes() throws {
        let contract = try ContractTestKit.document(Self.document, file: "kinds.yaml")
        let request = try contract.validateRequest(
            method: "POST", url: "/pets?colour=red", headers: [("Content-Type", "text/plain")], body: Array("x".utf8))
        #expect(Set(request.errors.map(\.code)) == ["parameter.required", "security.unmet", "content-type.undocumented"], "\(request)")
        #expect(request.warnings.map(\.code) == ["parameter.undocumented"])
        // An undocumented parameter points at the operation's `parameters` (line 7, column 7).
        #expect(request.warnings.map { [$0.source.line, $0.source.column] } == [[7, 7]], "\(request.warnings)")
        for finding in request.errors + request.warnings {
            #expect(ContractError.Kind(rawValue: finding.code) != nil, "\(finding.code)")
            #expect(finding.absoluteKeywordLocation.isEmpty)
        }
        let unknown = try contract.validateRequest(method: "GET", url: "/owners")
        #expect(unknown.errors.map(\.code) == ["operation.unknown"])
        let method = try contract.validateRequest(method: "GET", url: "/pets")
        #expect(method.errors.map(\.code) == ["operation.undocumented-method"])
        let body = try contract.validateRequest(
            method: "POST", url: "/pets?limit=1", headers: [("X-Key", "k"), ("Content-Type", "application/json")],
            body: Array(#"{"name": 1}"#.utf8))
        #expect(body.errors.map(\.code) == ["type"], "\(body)")
        #expect(
            body.errors.first?.absoluteKeywordLocation
                == "urn:spec-check:openapi#/paths/~1pets/post/requestBody/content/application~1json/schema/properties/name/type")
        let unreadable = try contract.validateRequest(
            method: "POST", url: "/pets?limit=1", headers: [("X-Key", "k"), ("Content-Type", "application/json")],
            body: Array("{".utf8))
        #expect(unreadable.errors.map(\.code) == ["content.unreadable"])
        let reply = try contract.validateResponse(status: 500, method: "POST", url: "/pets")
        #expect(reply.errors.map(\.code) == ["status.undocumented"])
    }
}
