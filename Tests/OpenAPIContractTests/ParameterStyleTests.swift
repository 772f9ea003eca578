import OpenAPIContract
import SchemaValidation
import SpecSource
import Testing

/// Every style/explode combination, from the "Style Examples" table of OpenAPI 3.2.0 §4.8.12.4.1
/// (3.1.1 §4.8.12.4.1 has the same rows with a leading `?` and without `cookie`): a parameter named
/// `color` holding `"blue"`, `["blue", "black", "brown"]` or `{"R": 100, "G": 200, "B": 150}`.
///
/// Valid cases send the table's serialization exactly and require the decoded value to equal the
/// table's value (the schemas are `enum`s of it, so a wrong split or a missed number conversion
/// fails). Invalid cases send the same shape with one bad member and require the error at that
/// member's pointer.
@Suite("parameter styles (OpenAPI style examples)")
struct ParameterStyleTests {
    enum Kind: String, CaseIterable { case string, array, object }

    struct Row: CustomTestStringConvertible, Sendable {
        let location: String
        let style: String
        let explode: Bool
        /// The table's serialization for string, array, object (`nil`: n/a).
        let string: String?
        let array: String?
        let object: String?
        /// The same shapes with one bad member: array item 1 is `x` (items are integers), object
        /// member R is `ten` (members are integers).
        let badArray: String?
        let badObject: String?

        var testDescription: String { "\(location) \(style) explode=\(explode)" }
    }

    static let rows: [Row] = [
        Row(
            location: "path", style: "matrix", explode: false, string: ";color=blue", array: ";color=blue,black,brown",
            object: ";color=R,100,G,200,B,150",
            badArray: ";color=1,x,3", badObject: ";color=R,ten,G,200,B,150"),
        Row(
            location: "path", style: "matrix", explode: true, string: ";color=blue", array: ";color=blue;color=black;color=brown",
            object: ";R=100;G=200;B=150",
            badArray: ";color=1;color=x;color=3", badObject: ";R=ten;G=200;B=150"),
        Row(
            location: "path", style: "label", explode: false, string: ".blue", array: ".blue,black,brown", object: ".R,100,G,200,B,150",
            badArray: ".1,x,3", badObject: ".R,ten,G,200,B,150"),
        Row(
            location: "path", style: "label", explode: true, string: ".blue", array: ".blue.black.brown", object: ".R=100.G=200.B=150",
            badArray: ".1.x.3", badObject: ".R=ten.G=200.B=150"),
        Row(
            location: "path", style: "simple", explode: false, string: "blue", array: "blue,black,brown", object: "R,100,G,200,B,150",
            badArray: "1,x,3", badObject: "R,ten,G,200,B,150"),
        Row(
            location: "path", style: "simple", explode: true, string: "blue", array: "blue,black,brown", object: "R=100,G=200,B=150",
            badArray: "1,x,3", badObject: "R=ten,G=200,B=150"),
        Row(
            location: "header", style: "simple", explode: false, string: "blue", array: "blue,black,brown", object: "R,100,G,200,B,150",
            badArray: "1,x,3", badObject: "R,ten,G,200,B,150"),
        Row(
            location: "header", style: "simple", explode: true, string: "blue", array: "blue,black,brown", object: "R=100,G=200,B=150",
            badArray: "1,x,3", badObject: "R=ten,G=200,B=150"),
        Row(
            location: "query", style: "form", explode: false, string: "color=blue", array: "color=blue,black,brown",
            object: "color=R,100,G,200,B,150",
            badArray: "color=1,x,3", badObject: "color=R,ten,G,200,B,150"),
        Row(
            location: "query", style: "form", explode: true, string: "color=blue", array: "color=blue&color=black&color=brown",
            object: "R=100&G=200&B=150",
            badArray: "color=1&color=x&color=3", badObject: "R=ten&G=200&B=150"),
        Row(
            location: "query", style: "spaceDelimited", explode: false, string: nil, array: "color=blue%20black%20brown",
            object: "color=R%20100%20G%20200%20B%20150",
            badArray: "color=1%20x%203", badObject: "color=R%20ten%20G%20200%20B%20150"),
        Row(
            location: "query", style: "pipeDelimited", explode: false, string: nil, array: "color=blue%7Cblack%7Cbrown",
            object: "color=R%7C100%7CG%7C200%7CB%7C150",
            badArray: "color=1%7Cx%7C3", badObject: "color=R%7Cten%7CG%7C200%7CB%7C150"),
        Row(
            location: "query", style: "deepObject", explode: true, string: nil, array: nil,
            object: "color%5BR%5D=100&color%5BG%5D=200&color%5BB%5D=150",
            badArray: nil, badObject: "color%5BR%5D=ten&color%5BG%5D=200&color%5BB%5D=150"),
        Row(
            location: "cookie", style: "form", explode: false, string: "color=blue", array: "color=blue,black,brown",
            object: "color=R,100,G,200,B,150",
            badArray: "color=1,x,3", badObject: "color=R,ten,G,200,B,150"),
        Row(
            location: "cookie", style: "cookie", explode: false, string: "color=blue", array: "color=blue,black,brown",
            object: "color=R,100,G,200,B,150",
            badArray: "color=1,x,3", badObject: "color=R,ten,G,200,B,150"),
        Row(
            location: "cookie", style: "cookie", explode: true, string: "color=blue", array: "color=blue; color=black; color=brown",
            object: "R=100; G=200; B=150",
            badArray: "color=1; color=x; color=3", badObject: "R=ten; G=200; B=150"),
    ]

    /// Schemas whose only valid instance is the table's value.
    static let exactSchemas: [Kind: String] = [
        .string: "{type: string, enum: [blue]}",
        .array: "{type: array, items: {type: string}, enum: [[blue, black, brown]]}",
        .object:
            "{type: object, properties: {R: {type: integer}, G: {type: integer}, B: {type: integer}}, enum: [{R: 100, G: 200, B: 150}]}",
    ]

    /// Schemas typed per member, for the invalid cases.
    static let typedSchemas: [Kind: String] = [
        .array: "{type: array, items: {type: integer}}",
        .object: "{type: object, properties: {R: {type: integer}, G: {type: integer}, B: {type: integer}}, required: [R, G, B]}",
    ]

    static func document(_ row: Row, schema: String, version: String = "3.2.0") -> String {
        """
        openapi: \(version)
        info: {title: styles, version: '1'}
        paths:
          \(row.location == "path" ? "/items/{color}" : "/items"):
            get:
              operationId: getItems
              parameters:
                - name: color
                  in: \(row.location)
                  required: true
                  style: \(row.style)
                  explode: \(row.explode)
                  schema: \(schema)
              responses:
                '200': {description: ok}
        """
    }

    /// Sends `serialized` as the row's location says.
    static func send(_ serialized: String, _ row: Row, to contract: OpenAPIDocument) throws -> ExchangeResult {
        switch row.location {
        case "path": return try contract.validateRequest(method: "GET", url: "/items/" + serialized)
        case "query": return try contract.validateRequest(method: "GET", url: "/items?" + serialized)
        case "header": return try contract.validateRequest(method: "GET", url: "/items", headers: [("Color", serialized)])
        default: return try contract.validateRequest(method: "GET", url: "/items", headers: [("Cookie", serialized)])
        }
    }

    static func serialization(_ row: Row, _ kind: Kind) -> String? {
        switch kind {
        case .string: return row.string
        case .array: return row.array
        case .object: return row.object
        }
    }

    @Test("the table's serializations decode to the table's values", arguments: rows)
    func validExamples(row: Row) throws {
        for kind in Kind.allCases {
            guard let serialized = Self.serialization(row, kind) else { continue }
            let contract = try ExchangeTestKit.document(Self.document(row, schema: Self.exactSchemas[kind]!))
            let result = try Self.send(serialized, row, to: contract)
            #expect(result.isValid, "\(kind) \(serialized): \(result)")
            #expect(result.warnings.isEmpty, "\(kind) \(serialized): \(result)")
            #expect(result.operation?.operationId == "getItems")
        }
    }

    @Test("a wrong value in the same shape is reported at the parameter", arguments: rows)
    func wrongValues(row: Row) throws {
        for kind in Kind.allCases {
            guard let serialized = Self.serialization(row, kind) else { continue }
            // The same serialization against a schema that wants something else.
            let other: String
            switch kind {
            case .string: other = "{type: string, enum: [red]}"
            case .array: other = "{type: array, items: {type: string}, enum: [[red]]}"
            case .object: other = "{type: object, enum: [{R: 1}]}"
            }
            let contract = try ExchangeTestKit.document(Self.document(row, schema: other))
            let result = try Self.send(serialized, row, to: contract)
            let prefix = "/request/\(row.location)/color"
            #expect(ExchangeTestKit.locations(result) == [prefix], "\(kind) \(serialized): \(result)")
        }
    }

    @Test(
        "an array written exploded (its name repeated) is not an explode: false serialization",
        arguments: rows.filter { ($0.location == "query" || $0.location == "cookie") && !$0.explode && $0.array != nil })
    func repeatedNameUnexploded(row: Row) throws {
        let contract = try ExchangeTestKit.document(Self.document(row, schema: Self.exactSchemas[.array]!))
        let repeated = row.location == "query" ? "color=blue&color=black&color=brown" : "color=blue; color=black; color=brown"
        let result = try Self.send(repeated, row, to: contract)
        #expect(ExchangeTestKit.locations(result) == ["/request/\(row.location)/color"], "\(result)")
        #expect(result.errors.first?.message.contains("only an exploded array may repeat") == true, "\(result)")
        #expect(result.errors.first?.code == "parameter.repeated", "\(result)")
    }

    @Test("a bad member is reported at its pointer inside the parameter", arguments: rows)
    func badMembers(row: Row) throws {
        let prefix = "/request/\(row.location)/color"
        if let bad = row.badArray {
            let contract = try ExchangeTestKit.document(Self.document(row, schema: Self.typedSchemas[.array]!))
            let result = try Self.send(bad, row, to: contract)
            #expect(ExchangeTestKit.locations(result) == [prefix + "/1"], "array \(bad): \(result)")
            #expect(result.errors.first?.message.contains("integer") == true)
        }
        if let bad = row.badObject {
            let contract = try ExchangeTestKit.document(Self.document(row, schema: Self.typedSchemas[.object]!))
            let result = try Self.send(bad, row, to: contract)
            #expect(ExchangeTestKit.locations(result) == [prefix + "/R"], "object \(bad): \(result)")
        }
    }

    @Test("3.1 documents read the same styles", arguments: rows.filter { $0.style != "cookie" })
    func openAPI31(row: Row) throws {
        for kind in Kind.allCases {
            guard let serialized = Self.serialization(row, kind) else { continue }
            let contract = try ExchangeTestKit.document(Self.document(row, schema: Self.exactSchemas[kind]!, version: "3.1.1"))
            #expect(try Self.send(serialized, row, to: contract).isValid, "\(kind) \(serialized)")
        }
    }

    @Test("undefined values: matrix ;color, label ., form color=")
    func undefinedValues() throws {
        let cases: [(Row, String)] = [
            (Self.rows[0], ";color"), (Self.rows[2], "."),
        ]
        for (row, serialized) in cases {
            let contract = try ExchangeTestKit.document(Self.document(row, schema: "{type: string, maxLength: 0}"))
            #expect(try Self.send(serialized, row, to: contract).isValid, "\(row) \(serialized)")
        }
        let form = Self.rows[8]
        let empty = try ExchangeTestKit.document(Self.document(form, schema: "{type: string, maxLength: 0}"))
        #expect(try Self.send("color=", form, to: empty).isValid)
    }

    @Test("malformed serializations name the style's syntax")
    func malformed() throws {
        let label = Self.rows[2]
        let contract = try ExchangeTestKit.document(Self.document(label, schema: "{type: string}"))
        let result = try Self.send("blue", label, to: contract)
        #expect(ExchangeTestKit.locations(result) == ["/request/path/color"])
        #expect(result.errors.first?.message.contains("label") == true)

        let matrix = Self.rows[0]
        let m = try ExchangeTestKit.document(Self.document(matrix, schema: "{type: string}"))
        #expect(ExchangeTestKit.locations(try Self.send(";colour=blue", matrix, to: m)) == ["/request/path/color"])

        let simpleObject = Self.rows[4]
        let o = try ExchangeTestKit.document(Self.document(simpleObject, schema: Self.typedSchemas[.object]!))
        let odd = try Self.send("R,100,G", simpleObject, to: o)
        #expect(ExchangeTestKit.locations(odd) == ["/request/path/color"])
        #expect(odd.errors.first?.message.contains("pairs") == true)

        let query = Self.rows[8]
        let q = try ExchangeTestKit.document(Self.document(query, schema: "{type: string}"))
        let bad = try Self.send("color=%E2%28", query, to: q)
        #expect(ExchangeTestKit.locations(bad) == ["/request/query/color"])
        #expect(bad.errors.first?.message.contains("percent-encoding") == true)
    }

    @Test("percent-decoding happens after splitting, so encoded delimiters stay in values")
    func encodedDelimiters() throws {
        let form = Self.rows[8]
        let contract = try ExchangeTestKit.document(Self.document(form, schema: "{type: array, enum: [['a,b', 'c d', 'e+f']]}"))
        #expect(try Self.send("color=a%2Cb,c+d,e%2Bf", form, to: contract).isValid)
        // allowReserved: a literal + is itself, not a space.
        let reserved = try ExchangeTestKit.document(
            """
            openapi: 3.1.0
            info: {title: r, version: '1'}
            paths:
              /items:
                get:
                  parameters:
                    - {name: q, in: query, allowReserved: true, schema: {const: 'a+b/c'}}
                  responses: {'200': {description: ok}}
            """)
        #expect(try reserved.validateRequest(method: "GET", url: "/items?q=a+b/c").isValid)
        // Path values are RFC 3986 decoded: + stays +, %20 is a space.
        let path = Self.rows[4]
        let p = try ExchangeTestKit.document(Self.document(path, schema: "{const: 'a+b c'}"))
        #expect(try Self.send("a+b%20c", path, to: p).isValid)
        // Headers and style: cookie pass values through undecoded.
        let header = Self.rows[6]
        let h = try ExchangeTestKit.document(Self.document(header, schema: "{const: 'a%20b'}"))
        #expect(try Self.send("a%20b", header, to: h).isValid)
        let cookieStyle = Self.rows[14]
        let c = try ExchangeTestKit.document(Self.document(cookieStyle, schema: "{const: 'a%20b'}"))
        #expect(try Self.send("color=a%20b", cookieStyle, to: c).isValid)
        let formCookie = Self.rows[13]
        let f = try ExchangeTestKit.document(Self.document(formCookie, schema: "{const: 'a b'}"))
        #expect(try Self.send("color=a%20b", formCookie, to: f).isValid)
    }
}
