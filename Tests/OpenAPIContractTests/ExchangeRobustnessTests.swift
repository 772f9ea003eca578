import Foundation
import OpenAPIContract
import SchemaValidation
import SpecSource
import Testing

/// Hostile or broken requests end in errors, never in a crash, a hang or "valid".
@Suite("exchange robustness")
struct ExchangeRobustnessTests {
    static let yaml = """
        openapi: 3.1.0
        info: {title: robust, version: '1'}
        paths:
          /items/{id}:
            post:
              parameters:
                - {name: id, in: path, required: true, schema: {type: integer}}
                - {name: q, in: query, schema: {type: array, items: {type: integer}}}
                - {name: deep, in: query, style: deepObject, schema: {type: object, additionalProperties: {type: integer}}}
                - {name: c, in: cookie, schema: {type: string}}
              requestBody:
                content:
                  application/json: {schema: {type: object}}
                  text/plain: {schema: {type: string}}
              responses: {'200': {description: ok}}
        """

    @Test("malformed escapes, odd separators and broken headers are errors")
    func malformed() throws {
        let contract = try ExchangeTestKit.document(Self.yaml)
        let cases: [(String, [(name: String, value: String)], String?, String)] = [
            ("/items/1?q=%", [], nil, "/request/query/q"),
            ("/items/1?q=1,%zz", [], nil, "/request/query/q"),
            ("/items/%ZZ", [], nil, "/request/path/id"),
            ("/items/1?deep%5B=1", [], nil, "/request/query/deep"),
            ("/items/1?deep[a]=x", [], nil, "/request/query/deep/a"),
            ("/items/1", [("Content-Type", "/"), ("Cookie", ";;;=;c")], "{}", "/request/header/content-type"),
            ("/items/1", [("Content-Type", "a/b/c")], "{}", "/request/header/content-type"),
            ("/items/1", [("Content-Type", "text/plain")], "\u{FF}", ""),
            ("/items/1", [("Content-Type", "application/json")], "[" + String(repeating: "[", count: 5000), "/request/body"),
        ]
        for (url, headers, body, location) in cases {
            var bytes = body.map(ExchangeTestKit.bytes)
            if body == "\u{FF}" { bytes = [0xFF, 0xFE] }
            let result = try contract.validateRequest(method: "POST", url: url, headers: headers, body: bytes)
            #expect(!result.isValid, "\(url) \(headers)")
            if !location.isEmpty { #expect(result.errors.map(\.instanceLocation).contains(location), "\(url): \(result)") }
        }
        // Separators alone read as empty values, which the schema judges.
        let empty = try contract.validateRequest(method: "POST", url: "/items/1?&&&==&q=")
        #expect(empty.errors.map(\.instanceLocation) == [], "\(empty)")
    }

    @Test("a huge unmatched path is reported quickly")
    func hugePath() throws {
        let contract = try ExchangeTestKit.document(Self.yaml)
        let path = "/" + String(repeating: "a/", count: 100_000)
        let start = Date()
        let result = try contract.validateRequest(method: "POST", url: path)
        #expect(result.errors.map(\.instanceLocation) == ["/request"])
        #expect(result.errors[0].message.count < 600)
        #expect(Date().timeIntervalSince(start) < 5)
    }

    @Test("many query pairs and long values")
    func manyPairs() throws {
        let contract = try ExchangeTestKit.document(Self.yaml)
        let query = (0..<5_000).map { "q=\($0)" }.joined(separator: "&")
        #expect(try contract.validateRequest(method: "POST", url: "/items/1?" + query).isValid)
        let long = try contract.validateRequest(method: "POST", url: "/items/1?q=" + String(repeating: "9", count: 100_000))
        #expect(long.isValid, "a 100,000-digit integer is an integer")
    }

    /// Query strings, cookies and styles are split at their delimiters byte by byte: a combining
    /// mark after `&`, `=`, `;` or `[` makes one `Character` with it, which must not hide the
    /// delimiter (the exchange fuzz target's first finding was a pointer built from such a name).
    @Test("delimiters hold when a combining mark follows them")
    func combiningMarksAfterDelimiters() throws {
        let contract = try ExchangeTestKit.document(Self.yaml)
        // `q=\u{303}1`: the value is the mark and 1, not an integer; the name is still `q`.
        let query = try contract.validateRequest(method: "POST", url: "/items/1?q=\u{303}1&q=2")
        #expect(query.errors.map(\.instanceLocation) == ["/request/query/q/0"], "\(query)")
        let cookie = try contract.validateRequest(method: "POST", url: "/items/1", headers: [("Cookie", "x=1;\u{303} c=v")])
        #expect(cookie.isValid, "\(cookie)")
        let deep = try contract.validateRequest(method: "POST", url: "/items/1?deep[\u{303}a]=x")
        #expect(deep.errors.map(\.instanceLocation) == ["/request/query/deep/\u{303}a"], "\(deep)")
        // Every finding's location is a JSON Pointer, even for a name with `/` and a mark.
        let odd = try contract.validateRequest(method: "POST", url: "/items/1?x%ZZ/\u{346}=1&q=%ZZ/\u{346}")
        for finding in odd.errors + odd.warnings {
            #expect((try? JSONPointer(parsing: finding.instanceLocation)) != nil, "\(finding.instanceLocation)")
        }
    }
}
