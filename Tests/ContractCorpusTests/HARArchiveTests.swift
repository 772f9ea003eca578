import ContractCorpus
import Foundation
import OpenAPIContract
import SpecSource
import Testing

/// A contract with a query parameter, a required cookie, a header parameter and an API key in the
/// query, for the parts of a HAR entry a body-only contract cannot show.
let itemsSpec = """
    openapi: 3.1.0
    info: {title: items, version: '1'}
    servers: [{url: 'https://api.example.com/v2'}]
    security: [{key: []}]
    components:
      securitySchemes:
        key: {type: apiKey, in: query, name: api_key}
    paths:
      /items:
        get:
          operationId: listItems
          parameters:
            - {name: limit, in: query, schema: {type: integer}}
            - {name: session, in: cookie, required: true, schema: {type: string, minLength: 3}}
            - {name: X-Trace, in: header, schema: {type: string, pattern: '^[a-f0-9]+$'}}
          responses:
            '200':
              description: ok
              content:
                application/json:
                  schema: {type: object, required: [items], properties: {items: {type: array}}}
        post:
          operationId: addItem
          requestBody:
            required: true
            content:
              application/x-www-form-urlencoded:
                schema: {type: object}
          responses:
            '201': {description: created}
    """

func itemsDocument() throws -> OpenAPIDocument {
    try OpenAPIDocument(document: try SourceLoader.parse(itemsSpec, format: .yaml, file: SourceFileID.intern("items.yaml")))
}

/// Writes a HAR file with `entries` (JSON text of each entry) and reads it.
func archive(_ entries: [String]) throws -> HARArchive {
    try archive(
        text: #"{"log": {"version": "1.2", "creator": {"name": "t", "version": "1"}, "entries": ["# + entries.joined(separator: ",\n")
            + "]}}")
}

func archive(text: String) throws -> HARArchive {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("har-\(UUID().uuidString).har")
    try text.write(to: url, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: url) }
    return try HARArchive(contentsOf: url.path)
}

/// One HAR entry: a request with `url`, `headers`, `query` and `cookies` (JSON arrays), and an
/// optional response object.
func entry(
    method: String = "GET", url: String, headers: String = "[]", query: String = "[]", cookies: String = "[]",
    postData: String? = nil, response: String? = nil
) -> String {
    var request =
        #"{"method": "\#(method)", "url": "\#(url)", "httpVersion": "HTTP/1.1", "headers": \#(headers), "queryString": \#(query), "cookies": \#(cookies), "headersSize": -1, "bodySize": -1"#
    if let postData { request += #", "postData": \#(postData)"# }
    request += "}"
    return #"{"request": \#(request)"# + (response.map { #", "response": \#($0)"# } ?? "") + "}"
}

extension HARArchive {
    /// The exchange of entry `i`, which must have been read.
    func exchange(_ i: Int) throws -> RecordedExchange {
        try entries[i].exchange.get()
    }
}

@Suite("HAR archives")
struct HARArchiveTests {
    let cookie = #"[{"name": "Cookie", "value": "session=abc123"}]"#

    /// HAR's queryString lists the parameters parsed from the URL's query: reading both would
    /// report every problem twice.
    @Test func queryInBothURLAndQueryStringCountsOnce() throws {
        let har = try archive([
            entry(
                url: "https://api.example.com/v2/items?api_key=k&limit=ten", headers: cookie,
                query: #"[{"name": "api_key", "value": "k"}, {"name": "limit", "value": "ten"}]"#),
            entry(
                url: "https://api.example.com/v2/items?api_key=k&color=red", headers: cookie,
                query: #"[{"name": "api_key", "value": "k"}, {"name": "color", "value": "red"}]"#),
        ])
        let doc = try itemsDocument()
        let first = try har.exchange(0).check(against: doc)
        #expect(first.errors.map(\.instanceLocation) == ["/request/query/limit"])
        let second = try har.exchange(1).check(against: doc)
        #expect(second.isValid)
        #expect(second.warnings.map(\.instanceLocation) == ["/request/query/color"])
        #expect(try har.exchange(0).request.url == "https://api.example.com/v2/items?api_key=k&limit=ten")
    }

    @Test func queryStringIsUsedWhenTheURLHasNoQuery() throws {
        let har = try archive([
            entry(
                url: "https://api.example.com/v2/items", headers: cookie,
                query: #"[{"name": "api_key", "value": "k y"}, {"name": "limit", "value": "5"}]"#),
            entry(
                url: "https://api.example.com/v2/items#top", headers: cookie,
                query: #"[{"name": "api_key", "value": "k"}, {"name": "limit", "value": "ten"}]"#),
        ])
        let doc = try itemsDocument()
        #expect(try har.exchange(0).request.url == "https://api.example.com/v2/items?api_key=k%20y&limit=5")
        #expect(try har.exchange(0).check(against: doc).isValid)
        #expect(try har.exchange(1).check(against: doc).errors.map(\.instanceLocation) == ["/request/query/limit"])
    }

    @Test func headerNamesInAnyCaseAndPseudoHeadersSkipped() throws {
        let har = try archive([
            entry(
                url: "https://api.example.com/v2/items?api_key=k",
                headers:
                    #"[{"name": ":method", "value": "GET"}, {"name": ":path", "value": "/v2/items"}, {"name": "COOKIE", "value": "session=abc123"}, {"name": "x-TRACE", "value": "XYZ"}]"#
            )
        ])
        let exchange = try har.exchange(0)
        #expect(!exchange.request.headers.contains { $0.name.hasPrefix(":") })
        let result = try exchange.check(against: try itemsDocument())
        #expect(result.errors.map(\.instanceLocation) == ["/request/header/x-trace"])
    }

    @Test func cookiesListIsUsedOnlyWithoutACookieHeader() throws {
        let har = try archive([
            entry(url: "https://api.example.com/v2/items?api_key=k", cookies: #"[{"name": "session", "value": "abc123"}]"#),
            entry(
                url: "https://api.example.com/v2/items?api_key=k", headers: #"[{"name": "Cookie", "value": "session=ab"}]"#,
                cookies: #"[{"name": "session", "value": "ab"}]"#),
            entry(url: "https://api.example.com/v2/items?api_key=k"),
        ])
        let doc = try itemsDocument()
        #expect(try har.exchange(0).check(against: doc).isValid)
        // The header is what was sent; the list is not added to it (one error, not two).
        let fromHeader = try har.exchange(1).check(against: doc)
        #expect(fromHeader.errors.map(\.instanceLocation) == ["/request/cookie/session"])
        #expect(try har.exchange(1).request.headers.filter { $0.name.lowercased() == "cookie" }.count == 1)
        #expect(try har.exchange(2).check(against: doc).errors.map(\.instanceLocation) == ["/request/cookie/session"])
    }

    @Test func base64BodiesAreDecoded() throws {
        let body = Data(#"{"items": []}"#.utf8).base64EncodedString()
        let wrong = Data(#"{"things": []}"#.utf8).base64EncodedString()
        func response(_ text: String, encoding: String = "base64") -> String {
            #"{"status": 200, "headers": [{"name": "content-type", "value": "application/json"}], "content": {"size": 13, "mimeType": "application/json", "text": "\#(text)", "encoding": "\#(encoding)"}}"#
        }
        let har = try archive([
            entry(url: "https://api.example.com/v2/items?api_key=k", headers: cookie, response: response(body)),
            entry(url: "https://api.example.com/v2/items?api_key=k", headers: cookie, response: response(wrong)),
            entry(url: "https://api.example.com/v2/items?api_key=k", headers: cookie, response: response("not base64!")),
            entry(url: "https://api.example.com/v2/items?api_key=k", headers: cookie, response: response("x", encoding: "gzip")),
        ])
        let doc = try itemsDocument()
        #expect(try har.exchange(0).response?.body == Array(#"{"items": []}"#.utf8))
        #expect(try har.exchange(0).check(against: doc).isValid)
        #expect(try har.exchange(1).check(against: doc).errors.map(\.instanceLocation) == ["/response/body"])
        for i in [2, 3] {
            guard case .failure(let error) = har.entries[i].exchange else {
                Issue.record("entry \(i) should not be readable")
                continue
            }
            #expect(error.code == "har.invalid")
            #expect(error.location.line > 0, "\(error)")
        }
    }

    @Test func entriesWithoutAResponseCheckTheRequestOnly() throws {
        let har = try archive([
            entry(
                url: "https://api.example.com/v2/items?api_key=k", headers: cookie,
                response: #"{"status": 0, "statusText": "", "headers": [], "content": {"size": 0, "mimeType": "x-unknown"}}"#),
            entry(
                url: "https://api.example.com/v2/items?api_key=k", headers: cookie,
                response: #"{"status": -1, "headers": [], "content": {"size": -1, "mimeType": ""}}"#),
            entry(url: "https://api.example.com/v2/items?api_key=k", headers: cookie),
            entry(
                url: "https://api.example.com/v2/items?api_key=k", headers: cookie,
                response: #"{"status": 503, "headers": [], "content": {"size": 0, "mimeType": ""}}"#),
        ])
        let doc = try itemsDocument()
        for i in 0..<3 {
            #expect(try har.exchange(i).response == nil)
            #expect(try har.exchange(i).check(against: doc).isValid)
        }
        #expect(try har.exchange(3).check(against: doc).errors.map(\.instanceLocation) == ["/response/status"])
    }

    @Test func aResponseBodyThatWasNotRecordedIsUnchecked() throws {
        let har = try archive([
            entry(
                url: "https://api.example.com/v2/items?api_key=k", headers: cookie,
                response:
                    #"{"status": 200, "headers": [{"name": "Content-Type", "value": "application/json"}], "content": {"size": 120, "mimeType": "application/json"}}"#
            )
        ])
        let result = try har.exchange(0).check(against: try itemsDocument())
        #expect(result.isValid)
        #expect(result.unchecked.map(\.instanceLocation) == ["/response/body"])
    }

    @Test func formParamsAreRebuiltIntoABody() throws {
        let har = try archive([
            entry(
                method: "POST", url: "https://api.example.com/v2/items?api_key=k",
                postData:
                    #"{"mimeType": "application/x-www-form-urlencoded", "params": [{"name": "a b", "value": "1&2"}, {"name": "c", "value": "é"}]}"#
            )
        ])
        let exchange = try har.exchange(0)
        #expect(exchange.request.body == Array("a%20b=1%262&c=%C3%A9".utf8))
        #expect(exchange.request.headers.map(\.name) == ["Content-Type"])
    }

    @Test func urlCredentialsAreRedacted() throws {
        let har = try archive([entry(url: "https://me:secret@api.example.com/v2/items?limit=1&api_key=s3cr3t&api%5Fkey=x#f")])
        let shown = try har.exchange(0).displayURL(for: try itemsDocument())
        #expect(shown == "https://REDACTED@api.example.com/v2/items?limit=1&api_key=REDACTED&api%5Fkey=REDACTED#f")
        #expect(!shown.contains("secret") && !shown.contains("s3cr3t"))
    }

    @Test(arguments: [
        ("{\"log\": {\"entries\": [}}", "json"),
        ("[1, 2]", "a HAR file needs a \"log\" object"),
        ("{\"log\": {\"version\": \"1.2\"}}", "\"log\" needs an \"entries\" array"),
        ("{\"log\": {\"entries\": {}}}", "\"entries\" must be an array"),
    ])
    func malformedFilesThrowLocatedErrors(_ text: String, _ expected: String) throws {
        #expect {
            _ = try archive(text: text)
        } throws: { error in
            guard let e = error as? SourceError else { return false }
            return e.location.line >= 1 && (expected == "json" || e.message == expected)
        }
    }

    @Test func unreadableEntriesKeepTheirNeighbours() throws {
        let har = try archive([
            #"{"request": {"method": "GET"}}"#,
            #"{"request": {"method": "GET", "url": 42}}"#,
            #""not an entry""#,
            entry(url: "https://api.example.com/v2/items?api_key=k", headers: cookie),
        ])
        #expect(har.entries.count == 4)
        let messages = har.entries.prefix(3).compactMap { entry -> String? in
            if case .failure(let e) = entry.exchange { return e.message }
            return nil
        }
        #expect(messages == ["\"url\" is missing", "\"url\" must be a string", "an entry must be an object"])
        #expect(har.entries[0].method == "GET")
        #expect(try har.exchange(3).check(against: try itemsDocument()).isValid)
    }
}
