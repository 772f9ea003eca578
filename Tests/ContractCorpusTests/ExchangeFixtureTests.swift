import ContractCorpus
import Foundation
import OpenAPIContract
import SpecSource
import Testing

@Suite("Exchange fixtures and exchange groups")
struct ExchangeFixtureTests {
    func fixture(_ yaml: String) throws -> ExchangeFixture {
        try ExchangeFixture(try SourceLoader.parse(yaml, format: .yaml, file: SourceFileID.intern("fixture.yaml")))
    }

    @Test func readsEveryKey() throws {
        let f = try fixture(
            """
            request: POST /api/v1/videos?x=1 HTTP/1.1
            headers:
              Authorization: Bearer t
              Accept: [application/json, text/plain]
              Content-Length: 12
            body: {model: m, prompt: p}
            response:
              status: "202"
              headers: {Content-Type: application/json}
              body-base64: eyJpZCI6MX0=
            operation: createVideos
            expect: {errors: [/response/body]}
            """)
        #expect(f.exchange.request.method == "POST")
        #expect(f.exchange.request.url == "/api/v1/videos?x=1")
        #expect(
            f.exchange.request.headers.map { "\($0.name): \($0.value)" } == [
                "Authorization: Bearer t", "Accept: application/json", "Accept: text/plain", "Content-Length: 12",
            ])
        #expect(f.exchange.request.body == Array(#"{"model":"m","prompt":"p"}"#.utf8))
        #expect(f.exchange.response?.status == 202)
        #expect(f.exchange.response?.body == Array(#"{"id":1}"#.utf8))
        #expect(f.operation == "createVideos")
        #expect(f.expectation == .invalid(at: ["/response/body"]))
    }

    @Test(arguments: [
        ("request: POST /videos\nexpect: valid\nbody: {}\nbody-text: x\n", "give one of body, body-text, body-base64"),
        ("request: POST /videos\nexpect: valid\nheader: {}\n", "unknown key \"header\""),
        ("request: POST\nexpect: valid\n", "\"request\" must be METHOD TARGET"),
        ("request: POST /videos\n", "needs \"expect\""),
        ("request: POST /videos\nexpect: {valid: true, errors: [/a]}\n", "\"valid: true\" cannot list \"errors\""),
        ("request: POST /videos\nexpect: maybe\n", "an expectation is valid, invalid"),
        ("request: POST /videos\nexpect: valid\nresponse: {status: 2000}\n", "\"status\" must be an HTTP status code"),
        ("request: POST /videos\nexpect: valid\nresponse: {code: 200}\n", "unknown key \"code\" in \"response\""),
        ("request: POST /videos\nexpect: valid\nheaders: {X: {a: 1}}\n", "the value of header \"X\" must be a string"),
    ])
    func wrongShapesAreLocatedErrors(_ yaml: String, _ message: String) throws {
        #expect {
            _ = try fixture(yaml)
        } throws: { error in
            guard let e = error as? SourceError else { return false }
            return e.message.contains(message) && e.location.line >= 1
        }
    }

    @Test func expectationForms() throws {
        func parse(_ yaml: String) throws -> CorpusExpectation {
            try CorpusExpectation(try SourceLoader.parse(yaml, format: .yaml))
        }
        #expect(try parse("valid") == .valid)
        #expect(try parse("invalid") == .invalid(at: []))
        #expect(try parse("[/a, '']") == .invalid(at: ["/a", ""]))
        #expect(try parse("{valid: false}") == .invalid(at: []))
        #expect(try parse("{errors: [/a], warnings: []}") == CorpusExpectation(valid: false, errorLocations: ["/a"], warningLocations: []))
        #expect(try parse("{valid: true, warnings: [/w]}") == CorpusExpectation(valid: true, warningLocations: ["/w"]))
        // `[]` would expect errors at no location: refused, naming the spelling for "anywhere".
        let empty = #expect(throws: SourceError.self) { try parse("[]") }
        #expect(empty?.message.hasSuffix("or write invalid for errors anywhere") == true, "\(String(describing: empty))")
        // `errors: []` (valid, stated with locations) is a mapping's form, and stays.
        #expect(try parse("{errors: []}") == CorpusExpectation(valid: true, errorLocations: []))
    }

    /// A corpus with exchange fixtures and a HAR file: every expectation form, an entry with no
    /// expectation, an index the file lacks, and the `"*"` default.
    @Test func exchangeGroupsRunFixturesAndHAREntries() throws {
        let post = """
            {"request": {"method": "POST", "url": "https://openrouter.ai/api/v1/videos", "headers": [{"name": "Authorization", "value": "Bearer t0k3n"}, {"name": "Content-Type", "value": "application/json"}], "postData": {"mimeType": "application/json", "text": "{\\"model\\":\\"m\\",\\"prompt\\":\\"p\\"}"}}, "response": {"status": %STATUS%, "headers": [], "content": {"size": 0, "mimeType": ""}}}
            """
        let har =
            #"{"log": {"version": "1.2", "creator": {"name": "t", "version": "1"}, "entries": ["#
            + [
                post.replacingOccurrences(of: "%STATUS%", with: "0"), post.replacingOccurrences(of: "%STATUS%", with: "200"),
                post.replacingOccurrences(of: "%STATUS%", with: "0"),
            ].joined(separator: ",") + "]}}"
        let dir = try corpusFolder([
            "spec-check.yaml": """
            spec: \(seedSpec)
            groups:
              - name: exchanges
                target: {exchange: true, base-path: /api/v1}
                exchanges: [x/*.yaml]
                har:
                  t.har: {0: valid, 1: [/response/status], 5: valid}
              - name: defaults
                target: {exchange: createVideos}
                har:
                  d/*.har: {"*": valid, 1: [/response/status]}
              - name: unlisted
                target: {exchange: true}
                har:
                  u.har: {0: valid}
            """,
            "x/ok.yaml":
                "request: POST /api/v1/videos\nheaders: {Authorization: Bearer t, Content-Type: application/json}\nbody: {model: m, prompt: p}\nexpect: valid\n",
            "x/wrong.yaml":
                "request: POST /api/v1/videos\nheaders: {Content-Type: application/json}\nbody: {model: m, prompt: p}\nexpect: valid\n",
            "x/broken.yaml": "request: POST /api/v1/videos\n",
            "t.har": har,
            "d/all.har": har,
            "u.har": har,
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        var outcomes: [String: String] = [:]
        var missing = 0
        let summary = try CorpusRunner(directory: dir.path).run { event in
            if case .fixture(let r) = event { outcomes[r.name] = r.failure ?? "ok" }
            if case .missingFixture = event { missing += 1 }
        }
        #expect(outcomes["x/ok.yaml"] == "ok")
        #expect(outcomes["x/wrong.yaml"] == "expected valid, got 1 error")
        #expect(outcomes["x/broken.yaml"]?.hasPrefix("cannot be parsed: ") == true)
        #expect(outcomes["x/broken.yaml"]?.contains("needs \"expect\"") == true)
        #expect(outcomes["t.har#0"] == "ok")
        #expect(outcomes["t.har#1"] == "ok")
        #expect(outcomes["t.har#2"]?.contains("no expectation") == true)
        #expect(outcomes["t.har#5"]?.hasPrefix("listed entry does not exist") == true)
        #expect(outcomes["d/all.har#0"] == "ok" && outcomes["d/all.har#1"] == "ok" && outcomes["d/all.har#2"] == "ok")
        #expect(outcomes["u.har#1"]?.contains("no expectation") == true)
        #expect(missing == 0)
        #expect(summary.passed == 7 && summary.failed == 6 && !summary.hadLoadError, "\(summary) \(outcomes)")
    }

    @Test func manifestRejectsMixedGroupKinds() throws {
        for (group, message) in [
            ("target: {exchange: true}\n    valid: [a.json]", "an exchange group lists its fixtures under"),
            ("target: {request: createVideos}\n    exchanges: [a.yaml]", "\"exchanges\" needs an exchange target"),
            (
                "target: {exchange: 3}",
                #"expected true (find each request's operation) or an operationId or "METHOD /path", found integer 3"#
            ),
            ("target: {exchange: true}\n    har: {a.har: {first: valid}}", #"expected an entry index (0, 1, …) or "*", found "first""#),
        ] {
            let dir = try corpusFolder(["spec-check.yaml": "spec: \(seedSpec)\ngroups:\n  - \(group)\n"])
            defer { try? FileManager.default.removeItem(at: dir) }
            #expect(throws: SourceError.self) { _ = try CorpusManifest(directory: dir.path) }
            do { _ = try CorpusManifest(directory: dir.path) } catch {
                #expect(error.message.contains(message), "\(error)")
                #expect(error.location.line >= 3)
            }
        }
    }
}
