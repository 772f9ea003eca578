import ContractCorpus
import Foundation
import SpecSource
import Testing

/// Where a finding of a recorded exchange is written: a HAR entry's parts, an exchange fixture's
/// body value by value.
@Suite("Exchange positions")
struct ExchangePositionTests {
    @Test func aFixtureBodyWrittenAsAValueIsLocatedValueByValue() throws {
        let file = SourceFileID.intern("positions-fixture.yaml")
        let root = try SourceLoader.parse(
            """
            request: POST /videos
            headers: {Content-Type: application/json}
            body:
              model: m
              prompt: 42
            response:
              status: 202
              body-text: '{"id": 1}'
            expect: invalid
            """, format: .yaml, file: file)
        let exchange = try ExchangeFixture(root).exchange
        #expect(exchange.position(of: "/request/body/prompt")?.description == "positions-fixture.yaml:5:11")
        #expect(exchange.position(of: "/request/body")?.description == "positions-fixture.yaml:4:3")
        // Beyond the tree (a missing member): the deepest value on the way.
        #expect(exchange.position(of: "/request/body/missing")?.description == "positions-fixture.yaml:4:3")
        // A body written as text is located at the text.
        #expect(exchange.position(of: "/response/body/id")?.description == "positions-fixture.yaml:8:14")
        #expect(exchange.position(of: "/response/status")?.description == "positions-fixture.yaml:7:11")
        #expect(exchange.position(of: "/request/header/content-type")?.description == "positions-fixture.yaml:2:10")
        // Anything else: the fixture itself.
        #expect(exchange.position(of: "/request/security")?.description == "positions-fixture.yaml:1:10")
    }

    @Test func aHAREntryLocatesItsParts() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("spec-check-har-positions-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("t.har").path
        try """
        {"log": {"entries": [
          {"request": {"method": "POST", "url": "https://x/videos", "headers": [],
                       "postData": {"mimeType": "application/json", "text": "{\\"prompt\\": 1}"}},
           "response": {"status": 200, "headers": [], "content": {"mimeType": "application/json", "text": "{}"}}}
        ]}}
        """.write(toFile: path, atomically: true, encoding: .utf8)
        let archive = try HARArchive(contentsOf: path)
        let exchange = try archive.entries[0].exchange.get()
        #expect(exchange.position(of: "/request/body/prompt")?.description == "\(path):3:69")
        #expect(exchange.position(of: "/response/status")?.description == "\(path):4:27")
        #expect(exchange.position(of: "/response/body")?.description == "\(path):4:99")
        #expect(exchange.position(of: "/request/query/x")?.description == "\(path):2:41")
    }

    @Test func aHAREntryLocatesEachHeaderQueryAndCookieValue() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("spec-check-har-items-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("t.har").path
        // Line 2: no query in the URL, so queryString items locate query findings; line 3: a
        // header per item; line 4: cookies (no Cookie header); line 6: a URL with a query, whose
        // findings point at the URL even though queryString disagrees; line 7: a Cookie header.
        try """
        {"log": {"entries": [
          {"request": {"method": "GET", "url": "https://x/pets", "queryString": [{"name": "limit", "value": "500"}],
                       "headers": [{"name": "X-Api-Key", "value": "k"}, {"name": "Accept", "value": "*/*"}],
                       "cookies": [{"name": "sid", "value": "abc"}]},
           "response": {"status": 200, "headers": [{"name": "X-Rate", "value": "x"}], "content": {}}},
          {"request": {"method": "GET", "url": "https://x/pets?limit=500", "queryString": [{"name": "limit", "value": "10"}],
                       "headers": [{"name": "Cookie", "value": "sid=abc"}], "cookies": [{"name": "sid", "value": "abc"}]}}
        ]}}
        """.write(toFile: path, atomically: true, encoding: .utf8)
        let archive = try HARArchive(contentsOf: path)
        let first = try archive.entries[0].exchange.get()
        #expect(first.position(of: "/request/query/limit")?.description == "\(path):2:101")
        #expect(first.position(of: "/request/header/x-api-key")?.description == "\(path):3:59")
        #expect(first.position(of: "/request/header/accept")?.description == "\(path):3:93")
        #expect(first.position(of: "/request/header/other")?.description == "\(path):3:27")
        #expect(first.position(of: "/request/cookie/sid")?.description == "\(path):4:53")
        #expect(first.position(of: "/response/header/x-rate")?.description == "\(path):5:72")
        let second = try archive.entries[1].exchange.get()
        #expect(second.position(of: "/request/query/limit")?.description == "\(path):6:40")
        #expect(second.position(of: "/request/cookie/sid")?.description == "\(path):7:56")
    }
}
