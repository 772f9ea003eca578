import Foundation
import Testing

@Suite("spec-check har", .serialized)
struct HarCommandTests {
    static let shippedHAR = "Corpus/exchanges/openrouter-videos.har"
    static let token = "sk-or-v1-0000000000000000-test"

    func har(_ args: [String]) throws -> CLI.Outcome {
        try CLI.run(["har", "--spec", CLI.spec, "--overlay", CLI.overlay] + args)
    }

    /// Writes a HAR file holding `entries` (JSON text) into `dir`.
    func write(_ entries: [String], to dir: URL, name: String = "t.har") throws -> String {
        let url = dir.appendingPathComponent(name)
        try
            (#"{"log": {"version": "1.2", "creator": {"name": "t", "version": "1"}, "entries": ["# + entries.joined(separator: ",\n")
            + "]}}")
            .write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    func post(url: String = "https://openrouter.ai/api/v1/videos", headers: String, query: String = "[]", response: String? = nil) -> String
    {
        #"{"request": {"method": "POST", "url": "\#(url)", "httpVersion": "HTTP/1.1", "headers": \#(headers), "queryString": \#(query), "cookies": [], "headersSize": -1, "bodySize": 30, "postData": {"mimeType": "application/json", "text": "{\"model\":\"m\",\"prompt\":\"p\"}"}}"#
            + (response.map { #", "response": \#($0)"# } ?? "") + "}"
    }

    let goodHeaders =
        #"[{"name": "Authorization", "value": "Bearer sk-or-v1-0000000000000000-test"}, {"name": "Content-Type", "value": "application/json"}]"#

    @Test func jsonOutputHasExactlyTheDocumentedShape() throws {
        let outcome = try har(["--format", "json", Self.shippedHAR])
        #expect(outcome.status == 1, "\(outcome)")
        #expect(outcome.lines.count == 12)
        let keys = ["file", "entry", "method", "url", "operation", "valid", "errors", "warnings", "unchecked"]
        // absoluteKeywordLocation only for a schema keyword's error (never an empty URI).
        let errorKeys: Set = ["code", "instanceLocation", "keywordLocation", "error", "source", "keyword", "instancePosition"]
        for (i, line) in outcome.lines.enumerated() {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "\(line)")
            #expect(Set(object.keys) == Set(keys), "\(line)")
            // Keys in the documented order.
            let positions = keys.map { line.range(of: "\"\($0)\":")!.lowerBound }
            #expect(positions == positions.sorted(), "\(line)")
            #expect(object["file"] as? String == Self.shippedHAR)
            #expect(object["entry"] as? Int == i)
            #expect(object["method"] as? String == (i == 1 ? "GET" : "POST"))
            #expect((object["url"] as? String)?.hasPrefix("https://openrouter.ai/api/v1/videos") == true)
            #expect(object["operation"] is NSNull == (i == 1), "\(line)")
            if i != 1 { #expect(object["operation"] as? String == "createVideos") }
            let errors = try #require(object["errors"] as? [[String: Any]])
            let warnings = try #require(object["warnings"] as? [[String: Any]])
            #expect(object["valid"] as? Bool == errors.isEmpty)
            for e in errors + warnings {
                #expect(Set(e.keys).subtracting(["absoluteKeywordLocation"]) == errorKeys, "\(e)")
                if let absolute = e["absoluteKeywordLocation"] { #expect((absolute as? String)?.hasPrefix("file://") == true, "\(e)") }
            }
        }
        let first = try JSONSerialization.jsonObject(with: Data(outcome.lines[2].utf8)) as! [String: Any]
        let error = (first["errors"] as! [[String: Any]])[0]
        #expect(error["instanceLocation"] as? String == "/request/security")
        #expect(error["keywordLocation"] as? String == "/security")
        #expect(error["absoluteKeywordLocation"] == nil, "a contract finding has no schema keyword: \(error)")
        #expect((error["source"] as? String)?.hasPrefix("specs/openrouter-videos.yaml:") == true)
    }

    /// What could not be checked is said in every format, never shown as a plain pass: here a
    /// request body that was sent (`bodySize` 40) but not recorded.
    @Test func whatWasNotCheckedIsListedInEveryFormat() throws {
        let dir = try CLI.temporaryDirectory()
        let entry =
            #"{"request": {"method": "POST", "url": "https://openrouter.ai/api/v1/videos", "httpVersion": "HTTP/1.1", "headers": \#(goodHeaders), "queryString": [], "cookies": [], "headersSize": -1, "bodySize": 40}}"#
        let file = try write([entry], to: dir)
        let text = try har([file])
        #expect(text.status == 0, "\(text)")
        #expect(text.stdout.contains("not checked:") && text.stdout.contains("/request/body"), "\(text)")
        let json = try har(["--format", "json", file])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.lines[0].utf8)) as? [String: Any])
        let unchecked = try #require(object["unchecked"] as? [[String: Any]])
        #expect(unchecked.map { $0["instanceLocation"] as? String } == ["/request/body"], "\(json)")
        #expect(object["valid"] as? Bool == true)
        let sarif = try har(["--format", "sarif", file])
        #expect(sarif.stdout.contains(#""level": "note""#), "\(sarif)")
        let github = try har(["--format", "github", file])
        #expect(github.stdout.hasPrefix("::notice "), "\(github)")
        let junitPath = dir.appendingPathComponent("a.xml").path
        let junit = try har(["--format", "junit", "--output", junitPath, file])
        #expect(junit.status == 0, "\(junit)")
        let xml = try String(contentsOfFile: junitPath, encoding: .utf8)
        #expect(xml.contains("<system-out>") && xml.contains("not checked: /request/body"), "\(xml)")
        // merge-reports keeps the case and its output (the suite's own output is cut apart).
        let merged = dir.appendingPathComponent("m.xml").path
        let merge = try CLI.run(["merge-reports", "--output", merged, junitPath])
        #expect(merge.status == 0, "\(merge)")
        let mergedXML = try String(contentsOfFile: merged, encoding: .utf8)
        #expect(mergedXML.contains("not checked: /request/body") && mergedXML.contains("</testcase>"), "\(mergedXML)")
    }

    @Test func textOutputOneLinePerFindingAndASummary() throws {
        let outcome = try har([Self.shippedHAR])
        #expect(outcome.status == 1)
        #expect(outcome.lines.last == "12 entries in 1 file: 4 valid, 8 invalid", "\(outcome)")
        #expect(
            outcome.lines.contains {
                $0.hasPrefix(
                    "\(Self.shippedHAR)#4 POST https://openrouter.ai/api/v1/videos: /response/status: status 200 is not documented for createVideos"
                )
            })
        #expect(
            outcome.lines.contains {
                $0.hasPrefix("\(Self.shippedHAR)#8 POST https://openrouter.ai/api/v1/videos?trace=1: warning: /request/query/trace: ")
            })
        // The query is in both url and queryString: one warning, not two.
        #expect(outcome.lines.filter { $0.contains("/request/query/trace") }.count == 1)
    }

    @Test func credentialsAreNeverPrinted() throws {
        for format in ["text", "json"] {
            let outcome = try har(["--format", format, Self.shippedHAR])
            #expect(!(outcome.stdout + outcome.stderr).contains(Self.token))
            #expect(!(outcome.stdout + outcome.stderr).contains("sk-or-v1 0000"))
        }
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = try write(
            [
                post(
                    url: "https://alice:hunter2@openrouter.ai/api/v1/videos",
                    headers: #"[{"name": "Authorization", "value": "Bearer not a token"}]"#)
            ], to: dir)
        for format in ["text", "json"] {
            let outcome = try har(["--format", format, file])
            #expect(outcome.status == 1)
            #expect(!(outcome.stdout + outcome.stderr).contains("hunter2"))
            #expect(!(outcome.stdout + outcome.stderr).contains("not a token"))
            #expect(outcome.stdout.contains("https://REDACTED@openrouter.ai/api/v1/videos"))
        }
    }

    @Test func exitZeroWhenEveryEntryIsValid() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let body = Data(#"{"id":"j","polling_url":"/api/v1/videos/j","status":"pending"}"#.utf8).base64EncodedString()
        let file = try write(
            [
                post(
                    headers: goodHeaders,
                    response:
                        #"{"status": 202, "headers": [{"name": "content-type", "value": "application/json"}], "content": {"size": 60, "mimeType": "application/json", "text": "\#(body)", "encoding": "base64"}}"#
                ),
                post(headers: goodHeaders, response: #"{"status": 0, "headers": [], "content": {"size": 0, "mimeType": "x-unknown"}}"#),
                // Header names and the auth scheme in lower case.
                post(headers: goodHeaders.lowercased()),
            ], to: dir)
        let outcome = try har([file])
        #expect(outcome.status == 0, "\(outcome)")
        #expect(outcome.lines == ["3 entries in 1 file: 3 valid, 0 invalid"])
        // A wrong base path leaves every request outside it: none checked, exit 2.
        let outside = try har(["--base-path", "/v9", file])
        #expect(outside.status == 2, "\(outside)")
        #expect(outside.stderr.contains("every entry was skipped (3 entries outside the base path /v9)"), "\(outside)")
        // Checked by path all the same, every request misses: exit 1.
        let based = try har(["--base-path", "/v9", "--all-origins", file])
        #expect(based.status == 1, "\(based)")
        #expect(based.stdout.contains(": /request: no operation matches POST /api/v1/videos"))
    }

    @Test func strictTurnsWarningsIntoErrors() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = try write(
            [post(url: "https://openrouter.ai/api/v1/videos?debug=1", headers: goodHeaders, query: #"[{"name": "debug", "value": "1"}]"#)],
            to: dir)
        #expect(try har([file]).status == 0)
        let strict = try har(["--strict", "--format", "json", file])
        #expect(strict.status == 1)
        #expect(
            strict.stdout.contains(#""valid":false,"errors":[{"instanceLocation":"/request/query/debug""#)
                || strict.stdout.contains(
                    #""valid":false,"errors":[{"code":"parameter.undocumented","instanceLocation":"/request/query/debug""#),
            "\(strict)")
    }

    @Test func malformedHARExitsTwoWithFileLineColumn() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let broken = dir.appendingPathComponent("broken.har")
        // Line 3, column 5 is the "]" where a value is expected.
        try "{\"log\": {\"entries\": [\n  {},\n    ]}}\n".write(to: broken, atomically: true, encoding: .utf8)
        let text = try har([broken.path, Self.shippedHAR])
        #expect(text.status == 2, "\(text)")
        #expect(text.stdout.contains("\(broken.path): cannot be read: \(broken.path):3:5"), "\(text)")
        #expect(text.lines.last == "12 entries in 2 files: 4 valid, 8 invalid, 1 unreadable file", "\(text)")
        let json = try har(["--format", "json", broken.path])
        #expect(json.status == 2)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.lines[0].utf8)) as? [String: Any])
        #expect(object["entry"] is NSNull && object["valid"] as? Bool == false)
        #expect(((object["parseError"] as? [String: Any])?["source"] as? String) == "\(broken.path):3:5")
        #expect(((object["parseError"] as? [String: Any])?["code"] as? String) == "json.syntax", "\(json)")
        // An entry that cannot be read: exit 2, named FILE#N with its position; its neighbours are checked.
        let file = try write([#"{"request": {"method": "POST", "url": 7}}"#, post(headers: goodHeaders)], to: dir)
        let entry = try har([file])
        #expect(entry.status == 2, "\(entry)")
        #expect(entry.stdout.contains("\(file)#0: cannot be read: \(file):1:"), "\(entry)")
        #expect(entry.lines.last == "2 entries in 1 file: 1 valid, 0 invalid, 1 unreadable")
    }

    @Test(arguments: [
        ["har", "--spec", "specs/openrouter-videos.yaml", "no-such-file.har"],
        ["har", "--spec", "specs/no-such-spec.yaml", "Corpus/exchanges/openrouter-videos.har"],
        ["har", "--spec", "specs/openrouter-videos.yaml"],
        ["har", "Corpus/exchanges/openrouter-videos.har"],
        ["har", "--spec", "specs/openrouter-videos.yaml", "--format", "flag", "Corpus/exchanges/openrouter-videos.har"],
    ])
    func unreadableInputsAndUsageErrorsExitTwo(_ args: [String]) throws {
        let outcome = try CLI.run(args)
        #expect(outcome.status == 2, "\(outcome)")
    }

    @Test func corpusReportsExchangeAndHARFailures() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let spec = CLI.repositoryRoot.appendingPathComponent(CLI.spec).path
        _ = try write([post(headers: #"[{"name": "Content-Type", "value": "application/json"}]"#)], to: dir, name: "t.har")
        try """
        spec: \(spec)
        groups:
          - name: exchanges
            target: {exchange: true}
            exchanges: [x.yaml]
            har:
              t.har: {0: valid}
        """.write(to: dir.appendingPathComponent("spec-check.yaml"), atomically: true, encoding: .utf8)
        try
            "request: POST /videos?trace=1\nheaders: {Authorization: Bearer t, Content-Type: application/json}\nbody: {model: m, prompt: p}\nexpect: {valid: true, warnings: []}\n"
            .write(to: dir.appendingPathComponent("x.yaml"), atomically: true, encoding: .utf8)
        let outcome = try CLI.run(["corpus", dir.path])
        #expect(outcome.status == 1, "\(outcome)")
        #expect(outcome.stdout.contains("FAIL x.yaml: expected warnings at [], got [/request/query/trace]"), "\(outcome)")
        #expect(outcome.stdout.contains("       warning: /request/query/trace: query parameter \"trace\" is not documented"), "\(outcome)")
        #expect(outcome.stdout.contains("FAIL t.har#0: expected valid, got 1 error"), "\(outcome)")
        #expect(outcome.stdout.contains("       /request/security: no security requirement"), "\(outcome)")
        #expect(outcome.lines.last == "corpus: 0 passed, 2 failed")
    }
}
