import ContractCorpus
import Foundation
import OpenAPIContract
import SpecSource
import Testing

/// A contract whose servers have variables, an `options` operation on one path, and a base path.
let scopedSpec = """
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
        options:
          responses: {'204': {description: allowed}}
    """

func scopedDocument(_ text: String = scopedSpec) throws -> OpenAPIDocument {
    try OpenAPIDocument(document: try SourceLoader.parse(text, format: .yaml, file: SourceFileID.intern("scoped.yaml")))
}

@Suite("HAR entries in scope")
struct HARScopeTests {
    @Test(arguments: [
        ("https://eu.api.example.com/v1/pets", true),
        ("https://US.API.example.com:443/v1/pets", true),
        ("https://us.api.example.com:8443/v1/pets", true),
        ("https://user:pw@eu.api.example.com/v1/pets?x=1", true),
        ("http://anything.internal/v1/pets", true),
        ("http://anything.internal:80/anywhere", true),
        // A variable's enum limits it; the scheme, host and port must all match.
        ("https://ap.api.example.com/v1/pets", false),
        ("https://eu.api.example.com:9443/v1/pets", false),
        ("http://eu.api.example.com/v1/pets", false),
        ("https://internal/v1/pets", false),
        ("https://fonts.gstatic.com/s/roboto.woff2", false),
        ("https://www.google-analytics.com/g/collect?v=2", false),
        // A scheme without a host is no API origin; a bare path is always checked.
        ("data:image/png;base64,iVBORw0KGgo=", false),
        ("blob:https://eu.api.example.com/0b1c", false),
        ("/v1/pets", true),
    ])
    func serversDecideTheOrigin(_ url: String, _ checked: Bool) throws {
        let scope = OriginScope(servers: try scopedDocument())
        #expect(!scope.checksEveryOrigin)
        #expect(scope.decide(url) == (checked ? .check(basePath: nil) : .skip), "\(url)")
    }

    @Test func relativeOrMissingServersCheckEveryOrigin() throws {
        let none = try scopedDocument(
            "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {/a: {get: {responses: {'200': {description: ok}}}}}\n")
        #expect(OriginScope(servers: none).checksEveryOrigin)
        #expect(OriginScope(servers: none).decide("https://cdn.example.net/x.js") == .check(basePath: nil))
        let relative = try scopedDocument(
            "openapi: 3.1.0\ninfo: {title: t, version: '1'}\nservers: [{url: /v1}]\npaths: {/a: {get: {responses: {'200': {description: ok}}}}}\n"
        )
        #expect(OriginScope(servers: relative).checksEveryOrigin)
        // One relative server among absolute ones: the document's own host may be any.
        let mixed = try scopedDocument(
            "openapi: 3.1.0\ninfo: {title: t, version: '1'}\nservers: [{url: 'https://api.example.com'}, {url: ./v1}]\npaths: {/a: {get: {responses: {'200': {description: ok}}}}}\n"
        )
        #expect(OriginScope(servers: mixed).checksEveryOrigin)
    }

    @Test func relativeServersResolveAgainstAnAbsoluteSelf() throws {
        let doc = try scopedDocument(
            "openapi: 3.2.0\n$self: 'https://api.example.com/specs/openapi.yaml'\ninfo: {title: t, version: '1'}\nservers: [{url: ../v1}]\npaths: {/a: {get: {responses: {'200': {description: ok}}}}}\n"
        )
        let scope = OriginScope(servers: doc)
        #expect(!scope.checksEveryOrigin)
        #expect(scope.decide("https://api.example.com/v1/a") == .check(basePath: nil))
        #expect(scope.decide("https://cdn.example.com/v1/a") == .skip)
    }

    @Test func operationServersCount() throws {
        let doc = try scopedDocument(
            """
            openapi: 3.1.0
            info: {title: t, version: '1'}
            servers: [{url: 'https://api.example.com'}]
            paths:
              /upload:
                servers: [{url: 'https://uploads.example.com/u'}]
                post: {responses: {'200': {description: ok}}}
              /a: {get: {responses: {'200': {description: ok}}}}
            """)
        let scope = OriginScope(servers: doc)
        #expect(scope.decide("https://uploads.example.com/u/upload") == .check(basePath: nil))
        #expect(scope.decide("https://api.example.com/a") == .check(basePath: nil))
        #expect(scope.decide("https://example.com/a") == .skip)
        #expect(scope.origins == ["https://uploads.example.com/u", "https://api.example.com"])
    }

    @Test func originsGivenReplaceTheServers() throws {
        let scope = try OriginScope(origins: ["https://staging.example.com", "http://localhost:8080/api/v1/"])
        #expect(scope.decide("https://staging.example.com/v1/pets") == .check(basePath: nil))
        #expect(scope.decide("https://STAGING.example.com:443/v1/pets") == .check(basePath: nil))
        #expect(scope.decide("http://localhost:8080/api/v1/pets") == .check(basePath: "/api/v1"))
        #expect(scope.decide("http://localhost/api/v1/pets") == .skip)
        #expect(scope.decide("https://eu.api.example.com/v1/pets") == .skip)
        for bad in ["staging.example.com", "ftp://files.example.com", "https://", "https://h/?q=1", "/v1"] {
            #expect(throws: OriginScope.InvalidOrigin.self, "\(bad)") { try OriginScope(origins: [bad]) }
        }
        #expect(OriginScope.all.decide("https://anything.example/x") == .check(basePath: nil))
    }

    /// Many open variables cannot make matching exponential (bad input never hangs).
    @Test func manyVariablesStayCheap() throws {
        let url = "https://" + (0..<40).map { "{v\($0)}" }.joined(separator: ".") + ".example.com"
        let doc = try scopedDocument(
            "openapi: 3.1.0\ninfo: {title: t, version: '1'}\nservers: [{url: '\(url)'}]\npaths: {/a: {get: {responses: {'200': {description: ok}}}}}\n"
        )
        let scope = OriginScope(servers: doc)
        let host = String(repeating: "a.", count: 300) + "example.org"
        let started = Date()
        #expect(scope.decide("https://\(host)/a") == .skip)
        #expect(scope.decide("https://" + (0..<40).map { _ in "x" }.joined(separator: ".") + ".example.com/a") == .check(basePath: nil))
        #expect(Date().timeIntervalSince(started) < 5)
    }

    @Test func corsPreflightsAreRecognised() throws {
        let har = try archive([
            entry(
                method: "OPTIONS", url: "https://eu.api.example.com/v1/pets",
                headers: #"[{"name": "access-control-request-method", "value": "GET"}]"#),
            entry(method: "OPTIONS", url: "https://eu.api.example.com/v1/pets"),
            entry(url: "https://eu.api.example.com/v1/pets", headers: #"[{"name": "Access-Control-Request-Method", "value": "GET"}]"#),
        ])
        #expect(try har.exchange(0).isCORSPreflight)
        #expect(try !har.exchange(1).isCORSPreflight)
        #expect(try !har.exchange(2).isCORSPreflight)
        // A documented `options` matches its operation; an undocumented one matches none.
        let doc = try scopedDocument()
        let preflight = try archive([
            entry(
                method: "OPTIONS", url: "https://eu.api.example.com/v1/pets/7",
                headers: #"[{"name": "Access-Control-Request-Method", "value": "GET"}]"#)
        ])
        #expect(try preflight.exchange(0).check(against: doc).operation?.method == "options")
        #expect(try har.exchange(0).check(against: doc).operation == nil)
    }
}
