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

    @Test func otherOriginsAndPreflightsAreSkippedAndCounted() throws {
        let (dir, spec, har) = try setUp(Self.mixed)
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = try CLI.run(["har", "--spec", spec, har])
        #expect(text.status == 1, "\(text)")
        #expect(
            text.lines.last == "8 entries in 1 file: 2 valid, 1 invalid; skipped: 4 entries to other origins, 1 CORS preflight", "\(text)")
        // Only the API's invalid entry is reported; nothing about the page, the CDN, fonts or analytics.
        #expect(text.lines.count == 2, "\(text)")
        #expect(text.lines[0].hasPrefix("\(har)#1 GET https://us.api.example.com/v1/pets/abc: /request/path/id: "), "\(text)")
        #expect(!text.stdout.contains("no operation matches"))

        let lines = try CLI.run(["har", "--spec", spec, "--format", "json", har]).lines.map(json)
        #expect(lines.count == 8)
        #expect(
            lines.map { $0["skipped"] as? String } == [
                nil, nil, "other origin", "other origin", "other origin", "other origin", "CORS preflight", nil,
            ])
        for (i, line) in lines.enumerated() {
            #expect(line["entry"] as? Int == i)
            if line["skipped"] != nil {
                // Neither passed nor failed.
                #expect(line["valid"] is NSNull, "\(line)")
                #expect((line["errors"] as? [Any])?.isEmpty == true && line["operation"] is NSNull)
            } else {
                #expect(line["valid"] as? Bool == (i != 1), "\(line)")
            }
        }
        // The documented `options` is checked as usual.
        #expect(lines[7]["operation"] as? String == "OPTIONS /pets/{id}")
    }

    @Test func skippedEntriesInJUnitAndSARIF() throws {
        let (dir, spec, har) = try setUp(Self.mixed)
        defer { try? FileManager.default.removeItem(at: dir) }
        let junit = try CLI.run(["har", "--spec", spec, "--format", "junit", har])
        #expect(junit.status == 1)
        #expect(junit.stdout.contains(#"tests="8" failures="1" errors="0" skipped="5""#), "\(junit.stdout)")
        #expect(junit.stdout.components(separatedBy: #"<skipped message="other origin"/>"#).count == 5)
        #expect(junit.stdout.components(separatedBy: #"<skipped message="CORS preflight"/>"#).count == 2)
        if ReportKit.xmllint != nil {
            let problems = try ReportKit.junitSchemaProblems(junit.stdout)
            #expect(problems == nil, "\(problems ?? "")")
        }
        let sarif = try CLI.run(["har", "--spec", spec, "--format", "sarif", har])
        try ReportKit.validateWithSpecCheck([sarif.stdout], schema: "sarif/sarif-schema-2.1.0.json")
        let log = try json(sarif.stdout.replacingOccurrences(of: "\n", with: " "))
        let results = try #require((log["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]])
        let skipped = results.filter { $0["kind"] as? String == "notApplicable" }
        #expect(skipped.count == 5)
        #expect(skipped.allSatisfy { $0["level"] as? String == "none" && $0["ruleId"] as? String == "har.skipped" })
        #expect(results.filter { $0["level"] as? String == "error" }.count == 1)
        // GitHub annotations: only the error.
        let github = try CLI.run(["har", "--spec", spec, "--format", "github", har])
        #expect(github.lines.filter { $0.hasPrefix("::error") }.count == 1, "\(github)")
        #expect(!github.stdout.contains("skipped"))
    }

    @Test func originGivenReplacesTheServers() throws {
        let (dir, spec, har) = try setUp([
            Self.entry("GET", "https://staging.example.com/v1/pets"),
            Self.entry("GET", "https://eu.api.example.com/v1/pets"),
            Self.entry("GET", "http://localhost:8080/api/v1/pets/x"),
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        let staging = try CLI.run(["har", "--spec", spec, "--origin", "https://staging.example.com", har])
        #expect(staging.status == 0, "\(staging)")
        #expect(staging.lines == ["3 entries in 1 file: 1 valid, 0 invalid; skipped: 2 entries to other origins"])
        // A base URL's path is the base path of its entries; repeatable.
        let both = try CLI.run([
            "har", "--spec", spec, "--origin", "https://staging.example.com/", "--origin", "http://localhost:8080/api/v1", har,
        ])
        #expect(both.status == 1, "\(both)")
        #expect(both.lines.first?.hasPrefix("\(har)#2 GET http://localhost:8080/api/v1/pets/x: /request/path/id: ") == true, "\(both)")
        #expect(both.lines.last == "3 entries in 1 file: 1 valid, 1 invalid; skipped: 1 entry to other origins")
    }

    @Test func allOriginsChecksEveryEntryByPath() throws {
        let (dir, spec, har) = try setUp(Self.mixed)
        defer { try? FileManager.default.removeItem(at: dir) }
        let outcome = try CLI.run(["har", "--spec", spec, "--all-origins", har])
        #expect(outcome.status == 1)
        #expect(outcome.stdout.contains("\(har)#3 GET https://cdn.jsdelivr.net/npm/lib@1/dist/lib.min.js: /request: no operation matches"))
        // Preflights are still browser machinery.
        #expect(outcome.lines.last == "8 entries in 1 file: 2 valid, 5 invalid; skipped: 1 CORS preflight", "\(outcome)")
    }

    @Test func withoutServersEveryEntryIsChecked() throws {
        let (dir, spec, har) = try setUp(
            [Self.entry("GET", "https://anything.example.net/pets"), Self.entry("GET", "https://cdn.example.org/lib.js")],
            spec: Self.spec.replacingOccurrences(
                of: "servers:\n  - url: 'https://{region}.api.example.com/v1'\n    variables: {region: {default: eu, enum: [eu, us]}}\n",
                with: ""))
        defer { try? FileManager.default.removeItem(at: dir) }
        let outcome = try CLI.run(["har", "--spec", spec, har])
        #expect(outcome.status == 1, "\(outcome)")
        #expect(outcome.lines.last == "2 entries in 1 file: 1 valid, 1 invalid", "\(outcome)")
    }

    @Test func everyEntrySkippedIsLikeNoEntry() throws {
        let (dir, spec, har) = try setUp(Array(Self.mixed[2...5]) + [Self.mixed[6]])
        defer { try? FileManager.default.removeItem(at: dir) }
        let outcome = try CLI.run(["har", "--spec", spec, har])
        #expect(outcome.status == 2, "\(outcome)")
        #expect(
            outcome.stderr.contains(
                "error: every entry was skipped (4 entries to other origins, 1 CORS preflight), none was checked; the origins checked are the servers' (https://{region}.api.example.com/v1): name the API's origin with --origin URL, or check every entry by path with --all-origins; --allow-empty accepts a run that checks nothing"
            ), "\(outcome)")
        let allowed = try CLI.run(["har", "--spec", spec, "--allow-empty", har])
        #expect(allowed.status == 0, "\(allowed)")
        #expect(allowed.lines.last == "5 entries in 1 file: 0 valid, 0 invalid; skipped: 4 entries to other origins, 1 CORS preflight")
    }

    @Test(arguments: [
        ["--origin", "https://a.example.com", "--all-origins"],
        ["--origin", "a.example.com"],
        ["--origin", "https://a.example.com/?x=1"],
    ])
    func badOriginOptionsExitTwo(_ options: [String]) throws {
        let (dir, spec, har) = try setUp(Self.mixed)
        defer { try? FileManager.default.removeItem(at: dir) }
        let outcome = try CLI.run(["har", "--spec", spec] + options + [har])
        #expect(outcome.status == 2, "\(outcome)")
        #expect(outcome.stderr.contains("--origin"), "\(outcome)")
    }

    @Test func aBasePathWithoutLeadingSlashExitsTwo() throws {
        let (dir, spec, har) = try setUp(Self.mixed)
        defer { try? FileManager.default.removeItem(at: dir) }
        let outcome = try CLI.run(["har", "--spec", spec, "--base-path", "v1", har])
        #expect(outcome.status == 2, "\(outcome)")
        #expect(outcome.stderr.contains(#"--base-path must start with "/" (a path such as /v1"#), "\(outcome)")
    }

    @Test func aMissingBasePathIsNamedWithTheFix() throws {
        let (dir, spec, har) = try setUp([Self.entry("GET", "https://eu.api.example.com/pets")])
        defer { try? FileManager.default.removeItem(at: dir) }
        // On the API's origin but outside its base path: skipped, the fix named.
        let skipped = try CLI.run(["har", "--spec", spec, har])
        #expect(skipped.status == 2, "\(skipped)")
        #expect(skipped.stderr.contains("(1 entry outside the base path /v1)"), "\(skipped)")
        #expect(skipped.stderr.contains("--base-path / checks paths as written"), "\(skipped)")
        // Checked by path, the miss is told with the fix.
        let outcome = try CLI.run(["har", "--spec", spec, "--all-origins", har])
        #expect(outcome.status == 1)
        #expect(
            outcome.lines.first?.hasPrefix(
                "\(har)#0 GET https://eu.api.example.com/pets: /request: no operation matches GET /pets: the servers' base path is /v1 (https://{region}.api.example.com/v1); use --base-path / to check paths as written"
            ) == true, "\(outcome)")
        let asWritten = try CLI.run(["har", "--spec", spec, "--base-path", "/", har])
        #expect(asWritten.status == 0, "\(asWritten)")
        // --base-path changes the path prefix, not the origins checked.
        #expect(try CLI.run(["har", "--spec", spec, "--base-path", "/", "--origin", "https://other.example.com", har]).status == 2)
    }

    @Test(arguments: ["text", "json", "junit", "sarif", "github"])
    func credentialLikeQueryValuesAreNeverPrinted(_ format: String) throws {
        let (dir, spec, har) = try setUp([
            Self.entry(
                "GET", "https://eu.api.example.com/v1/pets/abc?api_key=SECRET-VALUE-1&access_token=SECRET-VALUE-2&sig=SECRET-VALUE-3"),
            Self.entry("GET", "https://cdn.example.net/x.js?token=SECRET-VALUE-4"),
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        let outcome = try CLI.run(["har", "--spec", spec, "--format", format, "--all-origins", "--strict", har])
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
            let written = try CLI.run(["har", "--spec", spec, "--format", format, "--all-origins", "--output", file.path, har])
            let report = try String(contentsOf: file, encoding: .utf8)
            #expect(!(written.stdout + report).contains("SECRET-VALUE"))
        } else {
            let snippets = try CLI.run(["har", "--spec", spec, "--all-origins", "--strict", "--color", "always", har])
            #expect(!snippets.stdout.contains("SECRET-VALUE"), "\(snippets)")
        }
    }
}
