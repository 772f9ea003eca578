import Foundation
import Testing

/// `spec-check har` on what a browser's "Save all as HAR" holds: the API's requests among the
/// page's, its CDNs', fonts' and analytics', CORS preflights, and credentials in query strings.
@Suite("spec-check har: origins, preflights, base paths, redaction", .serialized)
struct HarScopeCommandTests {
    static let spec = """
        openapi: 3.1.0
        info: {title: pets, version: '1'}
        servers:
          - url: 'https://{region}.api.example.com/v1'
            variables: {region: {default: eu, enum: [eu, us]}}
        paths:
          /pets:
            get:
              parameters: [{name: limit, in: query, schema: {type: integer}}]
              responses: {'200': {description: ok}}
          /pets/{id}:
            parameters: [{name: id, in: path, required: true, schema: {type: integer}}]
            get: {responses: {'200': {description: ok}}}
            options: {responses: {'204': {description: allowed}}}
        """

    static let preflightHeaders =
        #"[{"name": "Origin", "value": "https://example.com"}, {"name": "Access-Control-Request-Method", "value": "GET"}]"#

    /// One entry as a browser records it (pretty-printed, one member per line), with its response.
    static func entry(_ method: String, _ url: String, headers: String = "[]", status: Int = 200) -> String {
        """
            {
              "request": {
                "method": "\(method)",
                "url": "\(url)",
                "httpVersion": "HTTP/2",
                "headers": \(headers),
                "queryString": [],
                "cookies": [],
                "headersSize": -1,
                "bodySize": 0
              },
              "response": {"status": \(status), "statusText": "", "httpVersion": "HTTP/2", "headers": [], "cookies": [],
                "content": {"size": 0, "mimeType": "x-unknown"}, "redirectURL": "", "headersSize": -1, "bodySize": 0}
            }
        """
    }

    /// The mixed export: the API's entries 0, 1, 6 and 7 (7 a documented `options`), other origins 2–5, a preflight 6.
    static let mixed = [
        entry("GET", "https://eu.api.example.com/v1/pets?limit=2"),
        entry("GET", "https://us.api.example.com/v1/pets/abc"),
        entry("GET", "https://example.com/"),
        entry("GET", "https://cdn.jsdelivr.net/npm/lib@1/dist/lib.min.js"),
        entry("GET", "https://fonts.gstatic.com/s/roboto/v30/font.woff2"),
        entry("POST", "https://www.google-analytics.com/g/collect?v=2&tid=G-1", status: 204),
        entry("OPTIONS", "https://eu.api.example.com/v1/pets", headers: preflightHeaders, status: 204),
        entry("OPTIONS", "https://eu.api.example.com/v1/pets/7", headers: preflightHeaders, status: 204),
    ]

    /// A folder with `openapi.yaml` and `t.har` holding `entries`; removed by the caller.
    func setUp(_ entries: [String], spec: String = Self.spec) throws -> (dir: URL, spec: String, har: String) {
        let dir = try CLI.temporaryDirectory()
        try spec.write(to: dir.appendingPathComponent("openapi.yaml"), atomically: true, encoding: .utf8)
        let har = dir.appendingPathComponent("t.har")
        try
            ("{\"log\": {\"version\": \"1.2\", \"creator\": {\"name\": \"t\", \"version\": \"1\"}, \"entries\": [\n"
            + entries.joined(separator: ",\n") + "\n]}}\n").write(to: har, atomically: true, encoding: .utf8)
        return (dir, dir.appendingPathComponent("openapi.yaml").path, har.path)
    }

    func json(_ line: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "\(line)")
    }

    @Test func aMissingBasePathIsNamedWithTheFix() throws {
        let (dir, spec, har) = try setUp([Self.entry("GET", "https://eu.api.example.com/pets")])
        defer { try? FileManager.default.removeItem(at: dir) }
        let outcome = try CLI.run(["har", "--spec", spec, har])
        #expect(outcome.status == 1)
        #expect(
            outcome.lines.first?.hasPrefix(
                "\(har)#0 GET https://eu.api.example.com/pets: /request: no operation matches GET /pets: the servers' base path is /v1 (https://{region}.api.example.com/v1); use --base-path / to check paths as written"
            ) == true, "\(outcome)")
        let asWritten = try CLI.run(["har", "--spec", spec, "--base-path", "/", har])
        #expect(asWritten.status == 0, "\(asWritten)")
    }

    @Test(arguments: ["text", "json", "junit", "sarif", "github"])
    func credentialLikeQueryValuesAreNeverPrinted(_ format: String) throws {
        let (dir, spec, har) = try setUp([
            Self.entry(
                "GET", "https://eu.api.example.com/v1/pets/abc?api_key=SECRET-VALUE-1&access_token=SECRET-VALUE-2&sig=SECRET-VALUE-3"),
            Self.entry("GET", "https://cdn.example.net/x.js?token=SECRET-VALUE-4"),
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        let outcome = try CLI.run(["har", "--spec", spec, "--format", format, "--strict", har])
        #expect(outcome.status == 1, "\(outcome)")
        #expect(!(outcome.stdout + outcome.stderr).contains("SECRET-VALUE"), "\(outcome)")
        // The undocumented parameters are still named.
        #expect(outcome.stdout.contains("/request/query/access_token"), "\(outcome)")
        if ["text", "json", "junit"].contains(format) {
            let ampersand = format == "junit" ? "&amp;" : "&"
            #expect(
                outcome.stdout.contains(["api_key=REDACTED", "access_token=REDACTED", "sig=REDACTED"].joined(separator: ampersand)),
                "\(outcome)")
        }
        // Also with --output (the report file) and with snippets on a terminal.
        if format != "text" {
            let file = dir.appendingPathComponent("report")
            let written = try CLI.run(["har", "--spec", spec, "--format", format, "--output", file.path, har])
            let report = try String(contentsOf: file, encoding: .utf8)
            #expect(!(written.stdout + report).contains("SECRET-VALUE"))
        } else {
            let snippets = try CLI.run(["har", "--spec", spec, "--strict", "--color", "always", har])
            #expect(!snippets.stdout.contains("SECRET-VALUE"), "\(snippets)")
        }
    }
}
