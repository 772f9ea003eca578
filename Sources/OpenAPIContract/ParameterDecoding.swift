import SchemaValidation
import SpecSource

/// A parameter's text after its style is undone, before conversion to the schema's types.
indirect enum RawValue {
    /// One value (a primitive).
    case text(String)
    /// Array items.
    case list([String])
    /// Object members, in order.
    case members([(String, RawValue)])
}

/// The three shapes a style can read a value as.
enum ValueShape: CaseIterable {
    case primitive, array, object
}

/// Why a serialized value could not be read.
struct DecodingFailure: Error {
    let message: String
    /// The finding's code and keyword: a value that does not read in its style, unless said
    /// otherwise.
    var kind: ContractError.Kind = .unreadableParameter
    var keyword = "style"

    /// A name given more often than its style allows: only exploded arrays repeat it.
    static func repeated(_ count: Int) -> DecodingFailure {
        DecodingFailure(
            message: "given \(count) times, but only an exploded array may repeat", kind: .repeatedParameter, keyword: "explode")
    }
}

/// Undoes the `style`/`explode` serializations of OpenAPI 3.1.1 §4.8.12.4 and 3.2.0 §4.8.12.4
/// (the "Style Examples" table), one location at a time. Delimiters are split before
/// percent-decoding, so an encoded delimiter (`%2C`) stays inside its value.
enum StyleDecoder {
    /// A path parameter's text (the characters the template expression matched, still encoded):
    /// `simple` (`blue,black`), `label` (`.blue.black`), `matrix` (`;color=blue,black`).
    static func path(_ raw: Substring, style: Parameter.Style, explode: Bool, name: String, shape: ValueShape) throws(DecodingFailure)
        -> RawValue
    {
        switch style {
        case .label:
            guard raw.hasBytePrefix(".") else { throw DecodingFailure(message: "a label-style value starts with \".\"") }
            return try rfc6570(
                raw.droppingBytes(1), separator: UInt8(ascii: explode ? "." : ","), explode: explode, shape: shape, decode: uriDecode)
        case .matrix:
            guard raw.hasBytePrefix(";") else { throw DecodingFailure(message: "a matrix-style value starts with \";\"") }
            return try matrix(raw.droppingBytes(1), explode: explode, name: name, shape: shape)
        default:
            return try rfc6570(raw, separator: UInt8(ascii: ","), explode: explode, shape: shape, decode: uriDecode)
        }
    }

    /// A header's value (`simple` style; no percent-decoding, OpenAPI 3.1.1 §4.8.21.2). List items
    /// lose the optional whitespace around them.
    static func header(_ value: String, explode: Bool, shape: ValueShape) throws(DecodingFailure) -> RawValue {
        try rfc6570(Substring(value).trimmingWhitespace(), separator: UInt8(ascii: ","), explode: explode, shape: shape) {
            String($0.trimmingWhitespace())
        }
    }

    /// `simple`/`label` bodies: items split by `separator`, object members as `k,v` pairs or, when
    /// exploded, `k=v` items.
    private static func rfc6570(_ body: Substring, separator: UInt8, explode: Bool, shape: ValueShape, decode: (Substring) -> String?)
        throws(DecodingFailure) -> RawValue
    {
        switch shape {
        case .primitive:
            return .text(try decoded(body, decode))
        case .array:
            if body.isEmpty { return .list([]) }
            return .list(
                try body.pieces(between: separator).map { piece throws(DecodingFailure) in
                    try decoded(piece, decode)
                })
        case .object:
            if body.isEmpty { return .members([]) }
            let items = body.pieces(between: explode ? separator : UInt8(ascii: ","))
            return explode ? try keyValueItems(items, decode) : try alternating(items, decode)
        }
    }

    /// A matrix body after its leading `;`.
    private static func matrix(_ body: Substring, explode: Bool, name: String, shape: ValueShape) throws(DecodingFailure) -> RawValue {
        if explode, shape == .object {
            if body.isEmpty { return .members([]) }
            return try keyValueItems(body.pieces(between: UInt8(ascii: ";")), uriDecode)
        }
        if explode, shape == .array {
            var values: [String] = []
            for item in body.pieces(between: UInt8(ascii: ";")) {
                values.append(try matrixValue(item, name: name) ?? "")
            }
            return .list(values.count == 1 && values[0].isEmpty ? [] : values)
        }
        guard let value = try matrixRaw(body, name: name) else {
            // `;color`: the value is undefined, read as empty.
            return shape == .array ? .list([]) : shape == .object ? .members([]) : .text("")
        }
        return try rfc6570(value, separator: UInt8(ascii: ","), explode: false, shape: shape, decode: uriDecode)
    }

    private static func matrixRaw(_ item: Substring, name: String) throws(DecodingFailure) -> Substring? {
        let pair = item.split(atFirst: UInt8(ascii: "="))
        guard let decoded = uriDecode(pair?.before ?? item), sameName(decoded, name) else {
            throw DecodingFailure(message: "a matrix-style value starts with \";\(name)=\"")
        }
        return pair?.after
    }

    private static func matrixValue(_ item: Substring, name: String) throws(DecodingFailure) -> String? {
        guard let raw = try matrixRaw(item, name: name) else { return nil }
        return try decoded(raw, uriDecode)
    }

    /// `k1,v1,k2,v2`.
    private static func alternating(_ items: [Substring], _ decode: (Substring) -> String?) throws(DecodingFailure) -> RawValue {
        guard items.count % 2 == 0 else {
            throw DecodingFailure(message: "an object is written as name,value pairs, found \(items.count) items")
        }
        var members: [(String, RawValue)] = []
        for i in stride(from: 0, to: items.count, by: 2) {
            members.append((try decoded(items[i], decode), .text(try decoded(items[i + 1], decode))))
        }
        return .members(members)
    }

    /// `k1=v1`, `k2=v2`, ….
    private static func keyValueItems(_ items: [Substring], _ decode: (Substring) -> String?) throws(DecodingFailure) -> RawValue {
        var members: [(String, RawValue)] = []
        for item in items {
            guard let (key, value) = item.split(atFirst: UInt8(ascii: "=")) else {
                throw DecodingFailure(message: "an exploded object is written as name=value items, found an item without \"=\"")
            }
            members.append((try decoded(key, decode), .text(try decoded(value, decode))))
        }
        return .members(members)
    }

    /// A non-exploded `form`, `spaceDelimited` or `pipeDelimited` value (one `name=value` pair's
    /// value, or one cookie's).
    static func delimited(_ raw: Substring, style: Parameter.Style, shape: ValueShape, decode: (Substring) -> String?)
        throws(DecodingFailure) -> RawValue
    {
        switch shape {
        case .primitive:
            return .text(try decoded(raw, decode))
        case .array, .object:
            if raw.isEmpty { return shape == .array ? .list([]) : .members([]) }
            let items = split(raw, style: style)
            if shape == .object { return try alternating(items, decode) }
            return .list(try items.map { item throws(DecodingFailure) in try decoded(item, decode) })
        }
    }

    /// Splits on the style's delimiter as it may appear in a query: `,`; a space as `%20`, `+`
    /// or itself; a pipe as `|` or `%7C`.
    static func split(_ raw: Substring, style: Parameter.Style) -> [Substring] {
        let delimiters: [String]
        switch style {
        case .spaceDelimited: delimiters = ["%20", "+", " "]
        case .pipeDelimited: delimiters = ["%7C", "%7c", "|"]
        default: delimiters = [","]
        }
        // Byte by byte (see `Substring.pieces(between:)`).
        var items: [Substring] = []
        let bytes = raw.utf8
        var start = bytes.startIndex
        var i = bytes.startIndex
        while i < bytes.endIndex {
            if let d = delimiters.first(where: { bytes[i...].starts(with: $0.utf8) }) {
                items.append(raw[start..<i])
                i = bytes.index(i, offsetBy: d.utf8.count)
                start = i
            } else {
                i = bytes.index(after: i)
            }
        }
        items.append(raw[start...])
        return items
    }

    /// `deepObject` members from the query's pairs named `name[key]` (nested brackets nest
    /// objects; a repeated key collects a list).
    static func deepObject(_ pairs: [(name: String, rawValue: Substring)], name: String, decode: (Substring) -> String?)
        throws(DecodingFailure) -> RawValue
    {
        var root: [(String, RawValue)] = []
        for (fullName, rawValue) in pairs {
            var keys: [String] = []
            var rest = Substring(fullName).droppingBytes(name.utf8.count)
            while rest.hasBytePrefix("["), let close = rest.utf8.firstIndex(of: UInt8(ascii: "]")) {
                keys.append(String(rest[rest.utf8.index(after: rest.startIndex)..<close]))
                rest = rest[rest.utf8.index(after: close)...]
            }
            guard !keys.isEmpty, rest.isEmpty else {
                throw DecodingFailure(message: "a deepObject member is written \(name)[property]=value")
            }
            // Nesting is rebuilt recursively: bound it (a form body can hold any name).
            guard keys.count <= 32 else {
                throw DecodingFailure(message: "a deepObject member is nested more than 32 levels deep")
            }
            insert(.text(try decoded(rawValue, decode)), at: keys[...], into: &root)
        }
        return .members(root)
    }

    private static func insert(_ value: RawValue, at keys: ArraySlice<String>, into members: inout [(String, RawValue)]) {
        let key = keys.first!
        let index = members.firstIndex { $0.0 == key }
        if keys.count == 1 {
            guard let index else {
                members.append((key, value))
                return
            }
            switch (members[index].1, value) {
            case (.text(let a), .text(let b)): members[index].1 = .list([a, b])
            case (.list(let a), .text(let b)): members[index].1 = .list(a + [b])
            default: members[index].1 = value
            }
            return
        }
        var nested: [(String, RawValue)] = []
        if let index, case .members(let existing) = members[index].1 { nested = existing }
        insert(value, at: keys.dropFirst(), into: &nested)
        if let index { members[index].1 = .members(nested) } else { members.append((key, .members(nested))) }
    }

    static func decoded(_ raw: Substring, _ decode: (Substring) -> String?) throws(DecodingFailure) -> String {
        guard let text = decode(raw) else { throw DecodingFailure(message: "malformed percent-encoding") }
        return text
    }

    /// RFC 3986 percent-decoding (`+` is itself).
    static func uriDecode(_ raw: Substring) -> String? { formDecode(raw, plusIsSpace: false) }
}

/// Converts decoded text to the JSON types a schema declares (OpenAPI 3.2.0 Appendix B leaves the
/// conversion to implementations): numbers by JSON number syntax, booleans only from `true` and
/// `false`, and everything else stays a string so that the schema reports the mismatch.
enum ValueConverter {
    /// The readings of `text` the declared types allow, most specific first: number, boolean,
    /// then string. Never empty: a text no type accepts reads as a string.
    static func candidates(_ text: String, _ types: JSONTypeSet) -> [JSONValue] {
        var result: [JSONValue] = []
        if types.contains(.integer), isJSONNumber(text), let n = JSONNumber(literal: text),
            types.containsNonInteger || n.isInteger || !types.contains(.string)
        {
            // `1.5` for an integer-only schema is invalid as either reading; as a number the
            // error says what it is ("expected integer, found number 1.5").
            result.append(.number(n))
        }
        if types.contains(.boolean), text == "true" || text == "false" { result.append(.bool(text == "true")) }
        if types.contains(.string) || result.isEmpty { result.append(.string(text)) }
        return result
    }

    /// `raw` as JSON, each leaf converted by the types the schema declares at its place.
    static func convert(_ raw: RawValue, _ schema: Schema, at path: [Schema.InstanceStep] = []) -> JSONValue {
        switch raw {
        case .text(let text):
            let types = schema.declaredTypes(at: path)
            if types.contains(.array), types.isDisjoint(with: [.null, .boolean, .number, .string]) {
                // One form field or member where the schema wants an array: a one-item array.
                return .array([candidates(text, schema.declaredTypes(at: path + [.item(0)]))[0]])
            }
            return candidates(text, types)[0]
        case .list(let items):
            return .array(items.enumerated().map { i, item in candidates(item, schema.declaredTypes(at: path + [.item(i)]))[0] })
        case .members(let members):
            var object = JSONObject()
            for (key, value) in members {
                object.append(JSONObject.Member(key: key, value: convert(value, schema, at: path + [.property(key)])))
            }
            return JSONValue(.object(object))
        }
    }

    /// The shapes a schema's declared types allow, in the order to try them.
    static func shapes(_ types: JSONTypeSet) -> [ValueShape] {
        var shapes: [ValueShape] = []
        if !types.intersection([.null, .boolean, .number, .string]).isEmpty { shapes.append(.primitive) }
        if types.contains(.array) { shapes.append(.array) }
        if types.contains(.object) { shapes.append(.object) }
        return shapes.isEmpty ? [.primitive] : shapes
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?` (RFC 8259 §6).
    static func isJSONNumber(_ text: String) -> Bool {
        var bytes = text.utf8[...]
        if bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
        func digits() -> Int {
            var n = 0
            while let b = bytes.first, b >= 48, b <= 57 {
                bytes = bytes.dropFirst()
                n += 1
            }
            return n
        }
        guard let first = bytes.first else { return false }
        if first == UInt8(ascii: "0") {
            bytes = bytes.dropFirst()
        } else if digits() == 0 {
            return false
        }
        if bytes.first == UInt8(ascii: ".") {
            bytes = bytes.dropFirst()
            guard digits() > 0 else { return false }
        }
        if let e = bytes.first, e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if let s = bytes.first, s == UInt8(ascii: "+") || s == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
            guard digits() > 0 else { return false }
        }
        return bytes.isEmpty
    }
}
