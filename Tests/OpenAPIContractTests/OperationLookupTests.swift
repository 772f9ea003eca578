import OpenAPIContract
import SpecSource
import Testing

/// `OpenAPIDocument.operation(_:)` with `METHOD /path`: a path written as sent, with its server's
/// base path, and the message when what cannot be read is an operation.
@Suite("Operation lookup")
struct OperationLookupTests {
    static let yaml = """
        openapi: 3.1.0
        info: {title: t, version: '1'}
        servers: [{url: 'https://api.example.com/v1'}]
        paths:
          /chat/completions:
            post: {operationId: createChat, responses: {'200': {description: ok}}}
          /videos/{id}:
            parameters: [{name: id, in: path, required: true, schema: {type: string}}]
            get: {operationId: getVideo, responses: {'200': {description: ok}}}
          /files:
            servers: [{url: 'https://files.example.com/{version}', variables: {version: {default: v2, enum: [v2, v3]}}}]
            get: {operationId: listFiles, responses: {'200': {description: ok}}}
        """

    func document(_ text: String = Self.yaml, lazy: Bool = false) throws -> OpenAPIDocument {
        try OpenAPIDocument(
            document: try SourceLoader.parse(text, format: .yaml, file: SourceFileID.intern("lookup.yaml")),
            compilation: lazy ? .lazy : .eager)
    }

    @Test(arguments: [
        ("POST /chat/completions", "createChat"),
        ("POST /v1/chat/completions", "createChat"),
        ("GET /v1/videos/abc", "getVideo"),
        ("GET /v2/files", "listFiles"),
        ("GET /v3/files", "listFiles"),
        ("POST https://api.example.com/v1/chat/completions", "createChat"),
        ("GET http://localhost:8080/v1/videos/abc?x=1", "getVideo"),
    ])
    func aPathIsFoundWithOrWithoutItsServersBasePath(target: String, operationId: String) throws {
        #expect(try document().operation(target).operationId == operationId)
    }

    @Test(arguments: ["POST /v10/chat/completions", "GET /v4/files", "GET /v1/files", "POST /v1"])
    func aBasePathIsTakenOffOnlyAtASegmentBoundaryAndOnlyTheOperationsOwn(target: String) throws {
        #expect(throws: ContractError.self) { try document().operation(target) }
    }

    @Test func anOperationThatCannotBeReadIsCalledAnOperation() throws {
        let text = Self.yaml.replacingOccurrences(
            of: "get: {operationId: getVideo, responses: {'200': {description: ok}}}",
            with: "get: {$ref: 'missing.yaml#/getVideo'}")
        let doc = try document(text, lazy: true)
        do {
            _ = try doc.operation("GET /videos/abc")
            Issue.record("the operation cannot be read")
        } catch {
            #expect(error.message.contains("an operation that cannot be read may be it:"), "\(error.message)")
            #expect(!error.message.contains("path item"), "\(error.message)")
        }
    }

    /// A documented path with a method it does not have names the methods it has, whether written
    /// as documented or as sent (with its server's base path).
    @Test(arguments: ["PUT /videos/abc", "PUT /v1/videos/abc", "DELETE /v3/files"])
    func aWrongMethodNamesTheDocumentedOnes(target: String) throws {
        do {
            _ = try document().operation(target)
            Issue.record("no operation has that method")
        } catch let error as ContractError {
            #expect(error.kind == .undocumentedMethod, "\(error.message)")
            #expect(error.message.contains("is not documented for /"), "\(error.message)")
        }
    }

    /// A path written with a base path the servers do not have is told what paths are relative to.
    @Test func aWrongBasePathIsExplained() throws {
        do {
            _ = try document().operation("POST /v2/chat/completions")
            Issue.record("no operation has that path")
        } catch let error as ContractError {
            #expect(error.message.contains(#"did you mean "/chat/completions"?"#), "\(error.message)")
            #expect(
                error.message.hasSuffix("paths are relative to the servers' base path (/v1, /{version}), which may be written before them"),
                "\(error.message)")
        }
    }
}
