import Foundation
import Testing

/// `spec-check har` on an export of a web app whose page and API share one host: the page, its
/// scripts and icon are outside the servers' base path and skipped, the API's entries checked.
@Suite("spec-check har: entries outside the base path", .serialized)
struct HarBasePathCommandTests {
    static let spec = """
        openapi: 3.1.0
        info: {title: app, version: '1'}
        servers:
          - url: 'https://app.example.com/api/v1'
        paths:
          /:
            get: {responses: {'200': {description: ok}}}
          /pets:
            get: {responses: {'200': {description: ok}}}
          /pets/{id}:
            parameters: [{name: id, in: path, required: true, schema: {type: integer}}]
            get: {responses: {'200': {description: ok}}}
        """

    static func get(_ url: String) -> String { HarScopeCommandTests.entry("GET", url) }

    /// Entries 0–2 and 5 outside `/api/v1`, 9 to another origin; 3, 6, 7 valid, 4 and 8 invalid.
    static let sameHost = [
        get("https://app.example.com/"),
        get("https://app.example.com/_next/static/chunks/main.js"),
        get("https://app.example.com/favicon.ico"),
        get("https://app.example.com/api/v1/pets"),
        get("https://app.example.com/api/v1/pets/abc"),
        get("https://app.example.com/api/v10/x"),
        get("https://app.example.com/api/v1"),
        get("https://app.example.com/api/v1/"),
        get("https://app.example.com/api/v1/x"),
        get("https://cdn.example.net/lib.js"),
    ]

    static let outside = "outside the servers' base path"

    func setUp(_ entries: [String], spec: String = Self.spec) throws -> (dir: URL, spec: String, har: String) {
        try HarScopeCommandTests().setUp(entries, spec: spec)
    }

    func json(_ line: String) throws -> [String: Any] { try HarScopeCommandTests().json(line) }

    @Test func onlyTheAPIsPathsAreCheckedInText() throws {
        let (dir, spec, har) = try setUp(Self.sameHost)
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = try CLI.run(["har", "--spec", spec, har])
        #expect(text.status == 1, "\(text)")
        #expect(
            text.lines.last
                == "10 entries in 1 file: 3 valid, 2 invalid; skipped: 1 entry to other origins, 4 entries outside the base path /api/v1",
            "\(text)")
        #expect(text.lines.count == 3, "\(text)")
        #expect(text.lines[0].hasPrefix("\(har)#4 GET https://app.example.com/api/v1/pets/abc: /request/path/id: "), "\(text)")
        #expect(
            text.lines[1].hasPrefix("\(har)#8 GET https://app.example.com/api/v1/x: /request: no operation matches GET /api/v1/x;"),
            "\(text)")
        for page in ["favicon", "_next", "v10"] { #expect(!text.stdout.contains(page), "\(page)") }
    }

    @Test func skippedEntriesInJSON() throws {
        let (dir, spec, har) = try setUp(Self.sameHost)
        defer { try? FileManager.default.removeItem(at: dir) }
        let outcome = try CLI.run(["har", "--spec", spec, "--format", "json", har])
        #expect(outcome.status == 1)
        let lines = try outcome.lines.map(json)
        #expect(lines.count == 10)
        let o = Self.outside
        #expect(lines.map { $0["skipped"] as? String } == [o, o, o, nil, nil, o, nil, nil, nil, "other origin"])
        for (i, line) in lines.enumerated() {
            #expect(line["entry"] as? Int == i)
            if line["skipped"] != nil {
                #expect(line["valid"] is NSNull && line["operation"] is NSNull, "\(line)")
                #expect((line["errors"] as? [Any])?.isEmpty == true)
            } else {
                #expect(line["valid"] as? Bool == ![4, 8].contains(i), "\(line)")
            }
        }
        #expect(lines[6]["operation"] as? String == "GET /" && lines[7]["operation"] as? String == "GET /")
    }

    @Test func skippedEntriesInJUnitSARIFAndGitHub() throws {
        let (dir, spec, har) = try setUp(Self.sameHost)
        defer { try? FileManager.default.removeItem(at: dir) }
        let junit = try CLI.run(["har", "--spec", spec, "--format", "junit", har])
        #expect(junit.status == 1)
        #expect(junit.stdout.contains(#"tests="10" failures="2" errors="0" skipped="5""#), "\(junit.stdout)")
        #expect(junit.stdout.components(separatedBy: "<skipped message=\"\(Self.outside)\"/>").count == 5, "\(junit.stdout)")
        #expect(junit.stdout.components(separatedBy: #"<skipped message="other origin"/>"#).count == 2)
        if ReportKit.xmllint != nil {
            let problems = try ReportKit.junitSchemaProblems(junit.stdout)
            #expect(problems == nil, "\(problems ?? "")")
        }
        let sarif = try CLI.run(["har", "--spec", spec, "--format", "sarif", har])
        #expect(sarif.status == 1)
        try ReportKit.validateWithSpecCheck([sarif.stdout], schema: "sarif/sarif-schema-2.1.0.json")
        let log = try json(sarif.stdout.replacingOccurrences(of: "\n", with: " "))
        let results = try #require((log["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]])
        let skipped = results.filter { $0["kind"] as? String == "notApplicable" }
        #expect(skipped.count == 5)
        #expect(skipped.allSatisfy { $0["level"] as? String == "none" && $0["ruleId"] as? String == "har.skipped" })
        let texts = skipped.compactMap { ($0["message"] as? [String: Any])?["text"] as? String }
        #expect(texts.filter { $0.hasSuffix(": skipped: \(Self.outside)") }.count == 4, "\(texts)")
        #expect(results.filter { $0["level"] as? String == "error" }.count == 2)
        let github = try CLI.run(["har", "--spec", spec, "--format", "github", har])
        #expect(github.status == 1)
        #expect(github.lines.filter { $0.hasPrefix("::error") }.count == 2, "\(github)")
        #expect(!github.stdout.contains("skipped") && !github.stdout.contains("favicon"), "\(github)")
    }

    @Test func basePathGivenReplacesTheServers() throws {
        let (dir, spec, har) = try setUp([
            Self.get("https://app.example.com/"), Self.get("https://app.example.com/api/v10/x"),
            Self.get("https://app.example.com/api/v1/pets"),
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        // `/` checks every path as written: the page matches `/`, the API paths match nothing.
        let asWritten = try CLI.run(["har", "--spec", spec, "--base-path", "/", har])
        #expect(asWritten.status == 1, "\(asWritten)")
        #expect(asWritten.lines.last == "3 entries in 1 file: 1 valid, 2 invalid", "\(asWritten)")
        let api = try CLI.run(["har", "--spec", spec, "--base-path", "/api/", "--format", "json", har])
        #expect(try api.lines.map(json).map { $0["skipped"] as? String } == [Self.outside, nil, nil], "\(api)")
        let summary = try CLI.run(["har", "--spec", spec, "--base-path", "/api/v1", har])
        #expect(
            summary.lines.last == "3 entries in 1 file: 1 valid, 0 invalid; skipped: 2 entries outside the base path /api/v1", "\(summary)")
        // An --origin base URL's path is the base path of its entries.
        let origin = try CLI.run(["har", "--spec", spec, "--origin", "https://app.example.com/api", har])
        #expect(origin.lines.last == "3 entries in 1 file: 0 valid, 2 invalid; skipped: 1 entry outside the base path /api", "\(origin)")
        // --all-origins checks every entry.
        let all = try CLI.run(["har", "--spec", spec, "--all-origins", har])
        #expect(all.lines.last == "3 entries in 1 file: 1 valid, 2 invalid", "\(all)")
        #expect(all.stdout.contains("#0 GET https://app.example.com/: /request: no operation matches GET /: "), "\(all)")
    }

    @Test func everyEntryOutsideTheBasePathNamesTheFixes() throws {
        let (dir, spec, har) = try setUp(Array(Self.sameHost[0...2]))
        defer { try? FileManager.default.removeItem(at: dir) }
        let outcome = try CLI.run(["har", "--spec", spec, har])
        #expect(outcome.status == 2, "\(outcome)")
        #expect(
            outcome.stderr.contains(
                "error: every entry was skipped (3 entries outside the base path /api/v1), none was checked; the base path checked is the servers' (/api/v1): give the path the API is served under with --base-path PATH (--base-path / checks paths as written), name the API's base URL with --origin URL, or check every entry by path with --all-origins; --allow-empty accepts a run that checks nothing"
            ), "\(outcome)")
        // With another origin's entry too, both reasons are told.
        let (dir2, spec2, har2) = try setUp(Array(Self.sameHost[0...2]) + [Self.sameHost[9]])
        defer { try? FileManager.default.removeItem(at: dir2) }
        let both = try CLI.run(["har", "--spec", spec2, "--format", "json", har2])
        #expect(both.status == 2, "\(both)")
        #expect(
            both.stderr.contains(
                "error: every entry was skipped (1 entry to other origins, 3 entries outside the base path /api/v1), none was checked; the origins checked are the servers' (https://app.example.com/api/v1): name the API's origin with --origin URL, or check every entry by path with --all-origins; the base path checked is the servers' (/api/v1): give the path the API is served under with --base-path PATH (--base-path / checks paths as written); --allow-empty"
            ), "\(both)")
        let given = try CLI.run(["har", "--spec", spec, "--base-path", "/v2", har])
        #expect(given.status == 2)
        #expect(given.stderr.contains("(3 entries outside the base path /v2)"), "\(given)")
        #expect(given.stderr.contains("the base path checked is the --base-path value (/v2)"), "\(given)")
        let allowed = try CLI.run(["har", "--spec", spec, "--allow-empty", har])
        #expect(allowed.status == 0, "\(allowed)")
    }

    @Test func serverVariablesInTheBasePath() throws {
        let spec = """
            openapi: 3.1.0
            info: {title: app, version: '1'}
            servers:
              - url: 'https://{host}/api/{version}'
                variables:
                  host: {default: app.example.com, enum: [app.example.com, staging.example.com]}
                  version: {default: v1, enum: [v1, v2]}
            paths:
              /pets: {get: {responses: {'200': {description: ok}}}}
            """
        let (dir, specPath, har) = try setUp(
            [
                Self.get("https://staging.example.com/api/v2/pets"),
                Self.get("https://app.example.com/api/v1/pets"),
                Self.get("https://app.example.com/api/v3/pets"),
                Self.get("https://app.example.com/"),
                Self.get("https://other.example.com/api/v1/pets"),
            ], spec: spec)
        defer { try? FileManager.default.removeItem(at: dir) }
        let outcome = try CLI.run(["har", "--spec", specPath, har])
        #expect(outcome.status == 0, "\(outcome)")
        #expect(
            outcome.lines == [
                "5 entries in 1 file: 2 valid, 0 invalid; skipped: 1 entry to other origins, 2 entries outside the base path /api/{version}"
            ], "\(outcome)")
    }
}
