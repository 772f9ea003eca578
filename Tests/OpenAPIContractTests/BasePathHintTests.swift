import OpenAPIContract
import SpecSource
import Testing

/// A request to a host whose path misses the servers' base path (`/pets` where the server is
/// `https://api.example.com/v1`) is told so, with the fix, instead of only "closest paths: /pets".
@Suite("the base path in no-match messages")
struct BasePathHintTests {
    static let yaml = """
        openapi: 3.1.0
        info: {title: scoped, version: '1'}
        servers:
          - url: 'https://{region}.api.example.com:{port}/v1'
            variables:
              region: {default: eu, enum: [eu, us]}
              port: {default: '443', enum: ['443', '8443']}
          - url: 'http://{host}.internal/v1'
            variables:
              host: {default: dev}
        paths:
          /pets:
            get:
              responses: {'200': {description: ok}}
          /pets/{id}:
            parameters: [{name: id, in: path, required: true, schema: {type: integer}}]
            get:
              responses: {'200': {description: ok}}
        """

    func document(_ text: String = Self.yaml) throws -> OpenAPIDocument {
        try OpenAPIDocument(document: try SourceLoader.parse(text, format: .yaml, file: SourceFileID.intern("base-path.yaml")))
    }

    @Test func aMissingBasePathIsNamed() throws {
        let doc = try document()
        let missing = try doc.validateRequest(method: "GET", url: "https://eu.api.example.com/pets")
        #expect(
            missing.errors.map(\.message) == [
                "no operation matches GET /pets: the servers' base path is /v1 (https://{region}.api.example.com:{port}/v1, http://{host}.internal/v1); use --base-path / to check paths as written"
            ])
        let elsewhere = try doc.validateRequest(method: "GET", url: "https://eu.api.example.com/v2/pets")
        #expect(
            elsewhere.errors.map(\.message) == [
                "no operation matches GET /v2/pets: the path does not start with the servers' base path /v1 (https://{region}.api.example.com:{port}/v1, http://{host}.internal/v1); closest paths: /pets, /pets/{id}"
            ])
        // Under the base path, the miss is the path template's: the message is as before.
        let wrong = try doc.validateRequest(method: "GET", url: "https://eu.api.example.com/v1/cats")
        #expect(wrong.errors.map(\.message) == ["no operation matches GET /v1/cats; closest paths: /pets, /pets/{id}"])
        // A bare path is matched with and without the base path: no hint needed.
        #expect(try doc.validateRequest(method: "GET", url: "/pets").isValid)
        // --base-path / checks paths as written; another base path given is named when missed.
        #expect(
            try doc.validateRequest(method: "GET", url: "https://eu.api.example.com/pets", options: ExchangeOptions(basePath: "/")).isValid)
        let given = try doc.validateRequest(
            method: "GET", url: "https://eu.api.example.com/pets", options: ExchangeOptions(basePath: "/api/"))
        #expect(
            given.errors.map(\.message) == [
                "no operation matches GET /pets: the base path given is /api; use --base-path / to check paths as written"
            ])
    }

    @Test func differentBasePathsAreListed() throws {
        let doc = try document(
            "openapi: 3.1.0\ninfo: {title: t, version: '1'}\nservers: [{url: 'https://a.example.com/v1'}, {url: 'https://b.example.com/v2'}]\npaths: {/a: {get: {responses: {'200': {description: ok}}}}}\n"
        )
        let result = try doc.validateRequest(method: "GET", url: "https://a.example.com/b")
        #expect(
            result.errors.map(\.message) == [
                "no operation matches GET /b: the path does not start with any of the servers' base paths /v1 (https://a.example.com/v1), /v2 (https://b.example.com/v2); closest paths: /a"
            ])
    }

    /// A request path is under a server's base path when it starts with it at a segment boundary,
    /// each `{variable}` taking an `enum` value, or one non-empty segment without one.
    @Test(arguments: [
        ("/api/v1", [true, false, true]),
        ("/api/v1/", [true, false, true]),
        ("/api/v2/pets", [true, false, true]),
        ("/api/v10/pets", [false, false, true]),
        ("/api/v3/pets", [false, false, true]),
        ("/API/v1/pets", [false, false, true]),
        ("/t/acme/pets", [false, true, true]),
        ("/t//pets", [false, false, true]),
        ("/t", [false, false, true]),
        ("/", [false, false, true]),
    ])
    func aServersBasePathHoldsThePathsBelowIt(_ path: String, _ under: [Bool]) throws {
        let doc = try document(
            """
            openapi: 3.1.0
            info: {title: t, version: '1'}
            servers:
              - url: 'https://{host}/api/{version}/'
                variables:
                  host: {default: h.example.com}
                  version: {default: v1, enum: [v1, v2]}
              - url: 'https://h.example.com/t/{tenant}'
                variables: {tenant: {default: acme}}
              - url: 'https://h.example.com/'
            paths: {/pets: {get: {responses: {'200': {description: ok}}}}}
            """)
        let servers = try #require(doc.operations.first?.servers)
        #expect(servers.map(\.pathTemplate) == ["/api/{version}", "/t/{tenant}", ""])
        #expect(servers.map { $0.basePathContains(path[...]) } == under, "\(path)")
    }
}
