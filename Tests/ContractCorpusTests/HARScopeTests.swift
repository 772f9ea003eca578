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
        ("http://anything.internal:80/v1/anywhere", true),
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

    /// A page and its API on one host: only paths under the servers' base path are the API's.
    @Test(arguments: [
        ("https://app.example.com/api/v1", true),
        ("https://app.example.com/api/v1/", true),
        ("https://app.example.com/api/v1/pets?limit=2", true),
        ("https://app.example.com:443/api/v1/pets#top", true),
        ("https://app.example.com/api/v10/x", false),
        ("https://app.example.com/api/v1x", false),
        ("https://app.example.com/api", false),
        ("https://app.example.com/", false),
        ("https://app.example.com", false),
        ("https://app.example.com?x=/api/v1", false),
        ("https://app.example.com/_next/static/chunks/main.js", false),
        ("https://app.example.com/favicon.ico", false),
        // Case matters in paths (RFC 3986 §6.2.2.1).
        ("https://app.example.com/API/v1/pets", false),
        // A bare path is checked with and without the base path.
        ("/favicon.ico", true),
    ])
    func pathsOutsideTheBasePathAreSkipped(_ url: String, _ checked: Bool) throws {
        let doc = try scopedDocument(
            "openapi: 3.1.0\ninfo: {title: t, version: '1'}\nservers: [{url: 'https://app.example.com/api/v1/'}]\npaths: {/pets: {get: {responses: {'200': {description: ok}}}}}\n"
        )
        let scope = OriginScope(servers: doc)
        #expect(scope.decide(url) == (checked ? .check(basePath: nil) : .outsideBasePath(["/api/v1"])), "\(url)")
        // Another origin is still another origin.
        #expect(scope.decide("https://cdn.example.com/api/v1/pets") == .skip)
        // --base-path replaces the servers' paths; / holds every path; --all-origins skips nothing.
        #expect(OriginScope(servers: doc, basePath: "/").decide(url) == .check(basePath: nil))
        #expect(OriginScope.all.decide(url) == .check(basePath: nil))
        let given = OriginScope(servers: doc, basePath: "/api/")
        #expect(given.decide("https://app.example.com/api/v10/x") == .check(basePath: nil))
        #expect(given.decide("https://app.example.com/favicon.ico") == .outsideBasePath(["/api"]))
        #expect(given.decide("https://cdn.example.com/api/x") == .skip)
    }

    @Test func theServersOfTheOriginGiveItsBasePaths() throws {
        let doc = try scopedDocument(
            """
            openapi: 3.1.0
            info: {title: t, version: '1'}
            servers:
              - url: 'https://{host}/api/{version}'
                variables: {host: {default: app.example.com}, version: {default: v1, enum: [v1, v2]}}
              - url: 'https://app.example.com/internal'
              - url: 'https://files.example.com'
            paths:
              /pets: {get: {responses: {'200': {description: ok}}}}
              /upload:
                servers: [{url: 'https://uploads.example.com/u/{tenant}'}]
                post: {responses: {'200': {description: ok}}}
            """)
        let scope = OriginScope(servers: doc)
        #expect(scope.decide("https://app.example.com/api/v1/pets") == .check(basePath: nil))
        #expect(scope.decide("https://other.example.com/api/v2/pets") == .check(basePath: nil))
        #expect(scope.decide("https://app.example.com/internal/pets") == .check(basePath: nil))
        // An enum limits the variable, at a segment boundary too.
        #expect(scope.decide("https://app.example.com/api/v3/pets") == .outsideBasePath(["/api/{version}", "/internal"]))
        #expect(scope.decide("https://app.example.com/api/v10/pets") == .outsideBasePath(["/api/{version}", "/internal"]))
        #expect(scope.decide("https://other.example.com/index.html") == .outsideBasePath(["/api/{version}"]))
        // A server without a path holds every path of its origin.
        #expect(scope.decide("https://files.example.com/index.html") == .check(basePath: nil))
        // A variable without enum is one segment, not empty.
        #expect(scope.decide("https://uploads.example.com/u/acme/upload") == .check(basePath: nil))
        // `{host}` takes any host: the first server applies to every origin.
        #expect(scope.decide("https://uploads.example.com/u/") == .outsideBasePath(["/api/{version}", "/u/{tenant}"]))
    }

    @Test func originsGivenTakeTheirPathElseTheServers() throws {
        let doc = try scopedDocument()
        let scope = try OriginScope(origins: ["https://staging.example.com", "http://localhost:8080/api/v1"], servers: doc)
        #expect(scope.decide("https://staging.example.com/v1/pets") == .check(basePath: nil))
        #expect(scope.decide("https://staging.example.com/") == .outsideBasePath(["/v1"]))
        #expect(scope.decide("http://localhost:8080/api/v1/pets") == .check(basePath: "/api/v1"))
        #expect(scope.decide("http://localhost:8080/v1/pets") == .outsideBasePath(["/api/v1"]))
        // Two base URLs on one origin: the one that holds the path.
        let two = try OriginScope(origins: ["http://localhost:8080/api/v1", "http://localhost:8080/api/v2"])
        #expect(two.decide("http://localhost:8080/api/v2/pets") == .check(basePath: "/api/v2"))
        #expect(two.decide("http://localhost:8080/") == .outsideBasePath(["/api/v1", "/api/v2"]))
        // --base-path wins over the URL's path.
        let given = try OriginScope(origins: ["http://localhost:8080/api/v1"], basePath: "/")
        #expect(given.decide("http://localhost:8080/v1/pets") == .check(basePath: "/api/v1"))
        // Without a document, an origin given without a path holds every path.
        #expect(try OriginScope(origins: ["https://staging.example.com"]).decide("https://staging.example.com/x") == .check(basePath: nil))
    }

    @Test func serversWithoutAnOriginStillHaveABasePath() throws {
        let relative = try scopedDocument(
            "openapi: 3.1.0\ninfo: {title: t, version: '1'}\nservers: [{url: /api/v1}]\npaths: {/a: {get: {responses: {'200': {description: ok}}}}}\n"
        )
        let scope = OriginScope(servers: relative)
        #expect(scope.checksEveryOrigin)
        #expect(scope.decide("https://anything.example.net/api/v1/a") == .check(basePath: nil))
        #expect(scope.decide("https://anything.example.net/") == .outsideBasePath(["/api/v1"]))
        #expect(scope.decide("/") == .check(basePath: nil))
        // Without servers (`/`), or with a path relative to where the document is served, nothing is skipped.
        for servers in [
            "", "servers: [{url: ./v1}]\n", "servers: [{url: v1}, {url: /v2}]\n", "servers: [{url: 'https://h.example.com/'}]\n",
        ] {
            let doc = try scopedDocument(
                "openapi: 3.1.0\ninfo: {title: t, version: '1'}\n\(servers)paths: {/a: {get: {responses: {'200': {description: ok}}}}}\n")
            #expect(OriginScope(servers: doc).decide("https://h.example.com/favicon.ico") == .check(basePath: nil), "\(servers)")
        }
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
