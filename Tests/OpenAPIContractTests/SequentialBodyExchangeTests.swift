import OpenAPIContract
import SchemaValidation
import SpecSource
import Testing

/// Sequential media types with OpenAPI 3.2's `itemSchema` (§4.8.14.2): each item of JSON Lines,
/// NDJSON, JSON text sequences (RFC 7464) and server-sent event streams (HTML "Parsing an event
/// stream") is validated on its own, errors located by item index (`/response/body/3/…`); a
/// `schema` beside it sees the items as one array.
@Suite("sequential bodies (itemSchema)")
struct SequentialBodyExchangeTests {
    static let yaml = """
        openapi: 3.2.0
        info: {title: streams, version: '1'}
        components:
          schemas:
            LogEntry:
              type: object
              required: [level, message]
              properties:
                level: {type: integer, minimum: 0}
                message: {type: string}
            Event:
              type: object
              required: [data]
              properties:
                data: {type: string}
                event: {type: string}
                id: {type: string}
                retry: {type: integer, minimum: 0}
        paths:
          /logs:
            get:
              operationId: logs
              responses:
                '200':
                  description: log lines
                  content:
                    application/jsonl: {itemSchema: {$ref: '#/components/schemas/LogEntry'}}
                    application/x-ndjson: {itemSchema: {$ref: '#/components/schemas/LogEntry'}}
                    application/json-seq:
                      itemSchema: {$ref: '#/components/schemas/LogEntry'}
                      schema: {type: array, maxItems: 3}
                    application/geo+json-seq: {itemSchema: {type: object, required: [type]}}
            post:
              operationId: ingest
              requestBody:
                content:
                  application/jsonl:
                    itemSchema:
                      type: object
                      properties: {id: {type: integer, readOnly: true}, message: {type: string}}
              responses: {'204': {description: stored}}
          /events:
            get:
              operationId: events
              responses:
                '200':
                  description: typed events
                  content:
                    text/event-stream:
                      itemSchema:
                        $ref: '#/components/schemas/Event'
                        required: [event]
                        oneOf:
                          - properties: {event: {const: addString}}
                          - properties: {event: {const: addInt64}, data: {pattern: '^[0-9.]+$'}}
                          - properties: {event: {const: addJSON}}
        """

    func contract() throws -> OpenAPIDocument { try ExchangeTestKit.document(Self.yaml) }

    func respond(_ type: String, _ body: String, path: String = "/logs") throws -> ExchangeResult {
        try contract().validateResponse(
            status: 200, headers: [("Content-Type", type)], body: ExchangeTestKit.bytes(body), method: "GET", url: path)
    }

    @Test(
        "JSON Lines and NDJSON: each line an item; errors at /response/body/{index}/…",
        arguments: ["application/jsonl", "application/x-ndjson"])
    func jsonLines(type: String) throws {
        let ok = try respond(type, "{\"level\":1,\"message\":\"Hi!\"}\n{\"level\":2,\"message\":\"Bye!\"}\n")
        #expect(ok.isValid, "\(ok)")
        #expect(ok.unchecked.isEmpty)
        let body = (0..<3).map { #"{"level":\#($0),"message":"m"}"# }.joined(separator: "\n") + "\n{\"level\":-1,\"message\":\"m\"}"
        let bad = try respond(type, body)
        #expect(ExchangeTestKit.locations(bad) == ["/response/body/3/level"], "\(bad)")
        let missing = try respond(type, "{\"level\":1}\n")
        #expect(ExchangeTestKit.locations(missing) == ["/response/body/0"])
        #expect(missing.errors[0].keyword == "required")
    }

    @Test("JSON Lines framing: CRLF, blank lines skipped (items keep counting), no final newline, bad lines named")
    func jsonLinesFraming() throws {
        let ok = try respond("application/jsonl", "{\"level\":1,\"message\":\"a\"}\r\n\r\n   \n{\"level\":2,\"message\":\"b\"}")
        #expect(ok.isValid, "\(ok)")
        let broken = try respond(
            "application/jsonl", "{\"level\":1,\"message\":\"a\"}\n\n{\"level\":\n{\"level\":\"x\",\"message\":\"c\"}\n")
        #expect(ExchangeTestKit.locations(broken) == ["/response/body/1", "/response/body/2/level"], "\(broken)")
        #expect(broken.error(at: "/response/body/1")?.message.contains("line 3") == true, "\(broken)")
        #expect(try respond("application/jsonl", "").isValid, "an empty body is no body")
    }

    @Test("JSON text sequences: RS before each text, consecutive RS ignored, truncated numbers rejected, schema sees the array")
    func jsonSeq() throws {
        let rs = "\u{1E}"
        let entry = #"{"level":1,"message":"m"}"#
        #expect(try respond("application/json-seq", "\(rs)\(entry)\n\(rs)\(rs)\(entry)\n").isValid)
        let badItem = try respond("application/json-seq", "\(rs)\(entry)\n\(rs){\"level\":\"x\",\"message\":\"m\"}\n")
        #expect(ExchangeTestKit.locations(badItem) == ["/response/body/1/level"])
        let tooMany = try respond("application/json-seq", String(repeating: "\(rs)\(entry)\n", count: 4))
        #expect(ExchangeTestKit.locations(tooMany) == ["/response/body"])
        #expect(tooMany.errors[0].keyword == "maxItems")
        let noRS = try respond("application/json-seq", "\(entry)\n")
        #expect(ExchangeTestKit.locations(noRS) == ["/response/body"], "\(noRS)")
        // 123 without its LF may be a cut-off 1234.
        let truncated = try contract().validateResponse(
            status: 200, headers: [("Content-Type", "application/geo+json-seq")],
            body: ExchangeTestKit.bytes("\(rs){\"type\":\"Point\"}\n\(rs)123"), method: "GET", url: "/logs")
        #expect(ExchangeTestKit.locations(truncated) == ["/response/body/1"])
        #expect(truncated.errors[0].message.contains("truncated"))
        let notJSON = try respond("application/json-seq", "\(rs){oops\n\(rs)\(entry)\n")
        #expect(ExchangeTestKit.locations(notJSON) == ["/response/body/0"], "the parser continues after a bad text (RFC 7464 §2.1)")
    }

    @Test("the OpenAPI 3.2.0 server-sent events example validates; a wrong event is located by index")
    func eventStreamExample() throws {
        let example = """
            event: addString
            data: This data is formatted
            data: across two lines
            retry: 5

            event: addInt64
            data: 1234.5678
            unknownField: this is ignored

            : This is a comment
            event: addJSON
            data: {"foo": 42}


            """
        let ok = try respond("text/event-stream", example, path: "/events")
        #expect(ok.isValid, "\(ok)")
        let bad = try respond(
            "text/event-stream", "event: addInt64\ndata: 12a\n\nevent: addString\ndata: x\nretry: -1\n\n", path: "/events")
        #expect(
            ExchangeTestKit.locations(bad).allSatisfy { $0.hasPrefix("/response/body/0") },
            "retry: -1 is not all digits, so it is ignored: \(bad)")
        #expect(!bad.errors.isEmpty)
        let unknownEvent = try respond("text/event-stream", "data: a\n\n", path: "/events")
        #expect(Set(ExchangeTestKit.locations(unknownEvent)) == ["/response/body/0"])
        #expect(unknownEvent.errors.contains { $0.keyword == "required" }, "event is required by the item schema: \(unknownEvent)")
    }

    @Test("a body value for an itemSchema stream is the array of its items, each checked")
    func itemSchemaOnValues() throws {
        let contract = try ExchangeTestKit.document(Self.yaml)
        let body = try SourceLoader.parse(
            #"[{"level": 1, "message": "a"}, {"level": -1, "message": "b"}, {"message": "c"}]"#, format: .json)
        let result = try contract.validateResponse(body, status: 200, for: "logs", contentType: "application/jsonl")
        #expect(Set(result.errors.map(\.instanceLocation)) == ["/1/level", "/2"], "\(result)")
        #expect(try contract.validateResponse(.array([]), status: 200, for: "logs", contentType: "application/jsonl").isValid)
        // One item written alone is not the stream's value.
        let alone = try SourceLoader.parse(#"{"level": 1, "message": "a"}"#, format: .json)
        let single = try contract.validateResponse(alone, status: 200, for: "logs", contentType: "application/jsonl")
        #expect(single.errors.map(\.keyword) == ["itemSchema"], "\(single)")
        // `schema` beside `itemSchema` sees the array as a whole (maxItems: 3).
        let four = try SourceLoader.parse(
            #"[{"level":1,"message":"a"},{"level":1,"message":"a"},{"level":1,"message":"a"},{"level":1,"message":"a"}]"#, format: .json)
        let tooMany = try contract.validateResponse(four, status: 200, for: "logs", contentType: "application/json-seq")
        #expect(tooMany.errors.map(\.keyword) == ["maxItems"], "\(tooMany)")
    }

    @Test("before 3.2 a stream's schema is not applied: the stream is read, the schema reported unchecked")
    func schemaBefore32() throws {
        // OpenAI and OpenRouter (3.1) put each event's data schema under text/event-stream.
        for version in ["3.0.3", "3.1.1"] {
            let contract = try ExchangeTestKit.document(
                """
                openapi: \(version)
                info: {title: streams, version: '1'}
                paths:
                  /chat:
                    get:
                      responses:
                        '200':
                          description: chunks
                          content:
                            text/event-stream:
                              schema: {type: object, required: [id], properties: {id: {type: string}}}
                            application/jsonl:
                              schema: {type: object, required: [id]}
                """)
            func respond(_ type: String, _ text: String) throws -> ExchangeResult {
                try contract.validateResponse(
                    status: 200, headers: [("Content-Type", type)], body: ExchangeTestKit.bytes(text), method: "GET", url: "/chat")
            }
            let stream = try respond("text/event-stream", "data: {\"id\":\"c1\"}\n\ndata: [DONE]\n\n")
            #expect(stream.isValid, "\(version): \(stream)")
            #expect(stream.unchecked.map(\.instanceLocation) == ["/response/body"], "\(version): \(stream)")
            #expect(stream.unchecked.first?.message.contains("OpenAPI \(version)") == true)
            // The stream's own syntax is still checked: a line that is not JSON is not JSON Lines.
            let lines = try respond("application/jsonl", "{\"id\": 1}\n{oops\n")
            #expect(ExchangeTestKit.locations(lines) == ["/response/body/1"], "\(version): \(lines)")
        }
    }

    @Test("event stream parsing: CR, CRLF, BOM, no space after the colon, bare field names, NULL in id, events without data")
    func eventStreamRules() throws {
        let contract = try ExchangeTestKit.document(
            """
            openapi: 3.2.0
            info: {title: sse, version: '1'}
            paths:
              /e:
                get:
                  responses:
                    '200':
                      description: events
                      content:
                        text/event-stream:
                          itemSchema:
                            type: object
                            required: [data]
                            properties:
                              data: {enum: ["a\\nb", '', x, y]}
                              id: {const: '7'}
                              retry: {type: integer, maximum: 100}
                            additionalProperties: false
            """)
        func sse(_ text: String) throws -> ExchangeResult {
            try contract.validateResponse(
                status: 200, headers: [("Content-Type", "text/event-stream; charset=utf-8")], body: ExchangeTestKit.bytes(text),
                method: "GET", url: "/e")
        }
        #expect(try sse("data:a\rdata: b\r\r").isValid, "CR line ends; the one space after the colon is dropped, none needed")
        #expect(try sse("\u{FEFF}data: a\r\ndata: b\r\n\r\n").isValid, "BOM and CRLF")
        #expect(try sse("data\n\n").isValid, "a bare field name has an empty value")
        #expect(try sse("id: 7\ndata: x\n\n").isValid)
        #expect(try sse("id: 8\u{0}\ndata: x\n\n").isValid, "an id with NULL is ignored")
        #expect(ExchangeTestKit.locations(try sse("id: 8\ndata: x\n\n")) == ["/response/body/0/id"])
        #expect(try sse("retry: 50\ndata: y\n\n").isValid)
        #expect(ExchangeTestKit.locations(try sse("retry: 500\ndata: y\n\n")) == ["/response/body/0/retry"], "retry is a number")
        #expect(try sse("retry: 5s\ndata: y\n\n").isValid, "retry that is not digits is ignored")
        // An event without data is not dispatched, so it is no item: indexes count dispatched events.
        let skipped = try sse("event: ping\n\n: keep-alive\n\ndata: x\n\ndata: z\n\n")
        #expect(ExchangeTestKit.locations(skipped) == ["/response/body/1/data"], "\(skipped)")
        // Data a stream ends inside is not dispatched: a warning, no item.
        let cut = try sse("data: x\n\ndata: z")
        #expect(cut.isValid)
        #expect(cut.warnings.map(\.instanceLocation) == ["/response/body"])
        let strict = try contract.validateResponse(
            status: 200, headers: [("Content-Type", "text/event-stream")], body: ExchangeTestKit.bytes("data: z"),
            method: "GET", url: "/e", options: ExchangeOptions(strict: true))
        #expect(ExchangeTestKit.locations(strict) == ["/response/body"])
    }

    @Test("requests: item schemas validate in the request direction (readOnly forbidden)")
    func requestDirection() throws {
        let contract = try contract()
        func ingest(_ body: String) throws -> ExchangeResult {
            try contract.validateRequest(
                method: "POST", url: "/logs", headers: [("Content-Type", "application/jsonl")], body: ExchangeTestKit.bytes(body))
        }
        #expect(try ingest("{\"message\":\"a\"}\n{\"message\":\"b\"}\n").isValid)
        #expect(ExchangeTestKit.locations(try ingest("{\"message\":\"a\"}\n{\"id\":3,\"message\":\"b\"}\n")) == ["/request/body/1/id"])
    }
}
