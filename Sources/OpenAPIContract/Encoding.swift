import SchemaValidation
import SpecSource

/// An Encoding Object (OpenAPI 3.2.0 §4.8.15; 3.1.1 §4.8.15) of a form or `multipart` media
/// type: how one property of an `application/x-www-form-urlencoded` or `multipart/form-data` body
/// is written, or (3.2 `prefixEncoding`/`itemEncoding`) one part of a `multipart` body by position.
///
/// Either content-based (`contentType`, or the default for the property's type) or, when any of
/// `style`, `explode` or `allowReserved` is written, RFC 6570 style-based like an `in: query`
/// parameter ("If a value is explicitly defined, then the value of `contentType` (implicit or
/// explicit) SHALL be ignored").
struct Encoding: Sendable {
    /// `contentType` as a list of media types or ranges (`image/png, image/*`); `nil` when absent.
    var contentTypes: [MediaType]?
    /// `contentType` as written, for messages.
    var contentTypeText: String?
    /// `style`, when written.
    var style: Parameter.Style?
    /// `explode`, when written.
    var explode: Bool?
    /// `allowReserved`, when written.
    var allowReserved: Bool?
    /// `headers` (multipart only), each a Header Object read as a header parameter; `Content-Type`
    /// is left out ("SHALL be ignored in this section").
    var headers: [Parameter] = []
    /// Where the Encoding Object is written.
    var source: SourceLocation
    /// The default `contentType` the property's schema sets through `format` rather than `type`
    /// (`application/octet-stream` for `format: binary`); `nil` when `type` decides.
    var formatDefault: MediaType?
    /// Nested positional encodings (3.2 `prefixEncoding` and `itemEncoding`), for a part that is
    /// itself `multipart` content ("Nested Encoding").
    var positional = PositionalEncoding()

    /// Whether the value is serialized RFC 6570-style (any of `style`, `explode`,
    /// `allowReserved` written): "equivalent to using `schema` with `in: "query"` Parameter Objects".
    var isStyled: Bool { style != nil || explode != nil || allowReserved != nil }

    /// The style in force when ``isStyled``: `form` by default.
    var effectiveStyle: Parameter.Style { style ?? .form }

    /// `explode` in force: true for `form`, false otherwise.
    var effectiveExplode: Bool { explode ?? (effectiveStyle == .form) }

    /// Whether `actual` is one of the listed media types or inside a listed range; always true
    /// when `contentType` is absent.
    func allows(_ actual: MediaType) -> Bool {
        guard let contentTypes else { return true }
        return contentTypes.contains { $0.specificity(matching: actual) != nil }
    }

    /// The default `contentType` for a value whose schema declares `types` (the table under
    /// "Encoding Object, Fixed Fields", OpenAPI 3.2.0): no `type` → `application/octet-stream`;
    /// `object`/`array` → `application/json`; primitives → `text/plain`. A `type` list that holds
    /// `string` reads as text. (`string` with `contentEncoding` also defaults to
    /// `application/octet-stream`; its value is text all the same, so it is read as text.)
    static func defaultContentType(for types: JSONTypeSet) -> MediaType {
        if types == .all { return octetStream }
        if types.contains(.string) { return textPlain }
        if !types.isDisjoint(with: [.object, .array]) { return applicationJSON }
        return textPlain
    }

    static let octetStream = MediaType("application/octet-stream")!
    static let textPlain = MediaType("text/plain")!
    static let applicationJSON = MediaType("application/json")!
}

/// Which parts of a body read by position have `format: binary` schemas (see
/// ``DocumentWalker/binaryParts(of:)``).
struct PositionalBinaryParts: Sendable {
    /// By position, for the first parts.
    var prefix: [Bool]
    /// For every later part.
    var rest: Bool

    /// Whether part `index` (from 0) is, or may be, a file.
    func isBinary(_ index: Int) -> Bool { index < prefix.count ? prefix[index] : rest }
}

/// The Encoding Objects of `multipart` content read by position (OpenAPI 3.2.0 §4.8.14.4,
/// "Encoding By Position"): `prefixEncoding[i]` applies to part `i`, `itemEncoding` to the parts
/// after those, like `prefixItems` and `items`.
struct PositionalEncoding: Sendable {
    /// `prefixEncoding`, in order.
    var prefix: [Encoding] = []
    /// `itemEncoding` (an array of at most one: a struct cannot hold an optional of itself).
    private var items: [Encoding] = []

    /// `itemEncoding`, when written.
    var item: Encoding? {
        get { items.first }
        set { items = newValue.map { [$0] } ?? [] }
    }

    /// Whether `prefixEncoding` or `itemEncoding` is written.
    var isWritten: Bool { !prefix.isEmpty || !items.isEmpty }

    /// The Encoding Object for part `index` (from 0), if one is written.
    func encoding(forPart index: Int) -> Encoding? {
        index < prefix.count ? prefix[index] : item
    }
}

extension DocumentWalker {
    /// The `encoding` map of a Media Type Object, by property name (Encoding Objects are not
    /// Reference Objects; their `headers` may be).
    /// - Parameter key: The Content key; the schema's file properties are looked for only when it
    ///   can match a form or multipart body (``MediaType/mayMatchForm``, or a key that does not
    ///   parse), since no other body is read by parts. Large descriptions are mostly JSON keys
    ///   with large schemas (about 5% of `inspect`'s instructions on the OpenAI description).
    mutating func encodings(of mediaType: Located?, key: String) -> [String: Encoding] {
        var result: [String: Encoding] = [:]
        for (name, entry) in mediaType?.child("encoding")?.members ?? [] {
            if let encoding = encoding(entry, depth: 0) { result[name] = encoding }
        }
        guard MediaType(key)?.mayMatchForm ?? true else { return result }
        for (name, location) in binaryProperties(of: mediaType?.child("schema")) {
            result[name, default: Encoding(source: location)].formatDefault = Encoding.octetStream
        }
        return result
    }

    /// The properties of a form schema that are, or may be, files (``binaryFormat(_:depth:)``),
    /// with where their `format: binary` is written: their default `contentType` is
    /// `application/octet-stream` (OpenAPI 3.0.4 §4.8.15.1, the Encoding Object's default
    /// `contentType` table: "`string` | `binary` or `byte` | `application/octet-stream`"; "array:
    /// according to the `type` and `format` of the `items` schema"). 3.1 moved that to
    /// `contentEncoding`, but 3.1 documents still write `format: binary` for files (OpenAI,
    /// OpenRouter), so it is read in every version ("OpenAPI leniency"); `format: byte` (base64,
    /// text) is still read as text. Properties are read through `allOf` and `$ref`s within the
    /// same document; a schema with `$id` (another base URI) or a reference to another document
    /// ends the search, leaving the default by `type`.
    func binaryProperties(of schema: Located?, depth: Int = 0) -> [(String, SourceLocation)] {
        guard depth < 16, let schema, let resolved = localSchema(schema) else { return [] }
        var found: [(String, SourceLocation)] = []
        if case .object(let properties) = resolved.value["properties"]?.kind {
            for member in properties {
                let property = Located(
                    documentURI: resolved.documentURI, pointer: resolved.pointer.appending("properties").appending(member.key),
                    value: member.value)
                if let format = binaryFormat(property) { found.append((member.key, format)) }
            }
        }
        for branch in resolved.child("allOf")?.items ?? [] { found += binaryProperties(of: branch, depth: depth + 1) }
        return found
    }

    /// Where `format: binary` is written when `schema` may be a file: a `format: binary` string, an
    /// array of those, or an `anyOf`/`oneOf` with such a branch (OpenAI's `image`: one file or an
    /// array of files; `video`: a file or a JSON reference). A part of such a property without its
    /// own `Content-Type` is binary; one that says `application/json` is still read as JSON.
    private func binaryFormat(_ schema: Located, depth: Int = 0) -> SourceLocation? {
        guard depth < 8, let target = localSchema(schema) else { return nil }
        if let format = target.value["format"], format.stringValue == "binary" { return format.location }
        if target.value["type"]?.stringValue == "array", let items = target.child("items") {
            return binaryFormat(items, depth: depth + 1)
        }
        for key in ["anyOf", "oneOf"] {
            for branch in target.child(key)?.items ?? [] {
                if let format = binaryFormat(branch, depth: depth + 1) { return format }
            }
        }
        return nil
    }

    /// Which parts of a `multipart` body read by position are, or may be, files
    /// (``binaryFormat(_:depth:)``): by the array schema's `prefixItems` (`items` in an array
    /// form before 2020-12), then its `items`, so that such a part without a `Content-Type` of its
    /// own defaults to `application/octet-stream` as a form's file property does. `nil` when none
    /// is.
    func binaryParts(of schema: Located?) -> PositionalBinaryParts? {
        guard let schema, let array = localSchema(schema) else { return nil }
        let prefixList = array.child("prefixItems")?.items ?? (array.value["items"]?.arrayValue != nil ? array.child("items")?.items : nil)
        let prefix = (prefixList ?? []).map { binaryFormat($0) != nil }
        let restSchema =
            array.value["prefixItems"] != nil || array.value["items"]?.arrayValue == nil
            ? array.child("items") : array.child("additionalItems")
        let rest = restSchema.map { binaryFormat($0) != nil } ?? false
        guard rest || prefix.contains(true) else { return nil }
        return PositionalBinaryParts(prefix: prefix, rest: rest)
    }

    /// `schema`, through `$ref`s of the form `#/…` (a few hops); `nil` at a reference elsewhere,
    /// a schema with `$id`, or one that does not resolve. Reports nothing: the schema's own
    /// compilation reports its problems.
    private func localSchema(_ schema: Located) -> Located? {
        var current = schema
        for _ in 0..<8 {
            guard current.value.objectValue != nil, current.value["$id"] == nil else { return nil }
            guard let ref = current.value["$ref"] else { return current }
            guard let text = ref.stringValue, text.hasPrefix("#/"),
                let target = try? graph.locateObject(text, relativeTo: current.documentURI, at: ref.location)
            else { return nil }
            current = Located(target)
        }
        return nil
    }

    /// The `prefixEncoding` and `itemEncoding` of a Media Type Object or an Encoding Object.
    mutating func positionalEncoding(of object: Located?, depth: Int = 0) -> PositionalEncoding {
        var positional = PositionalEncoding()
        // Nesting deeper than this is not read (a hostile document cannot recurse without end;
        // OpenAPI asks implementations to support one level).
        guard depth < Self.maxEncodingNesting, let object else { return positional }
        positional.prefix = (object.child("prefixEncoding")?.items ?? []).compactMap { encoding($0, depth: depth + 1) }
        positional.item = object.child("itemEncoding").flatMap { encoding($0, depth: depth + 1) }
        return positional
    }

    /// How deep `prefixEncoding`/`itemEncoding` nest before they are no longer read.
    static let maxEncodingNesting = 8

    /// One Encoding Object; `nil` when it is not an object.
    private mutating func encoding(_ entry: Located, depth: Int) -> Encoding? {
        let value = entry.value
        guard value.objectValue != nil else { return nil }
        var encoding = Encoding(source: value.location)
        if let text = value["contentType"]?.stringValue {
            encoding.contentTypeText = text
            encoding.contentTypes = text.split(separator: ",").compactMap { MediaType(String($0)) }
        }
        encoding.style = value["style"]?.stringValue.flatMap(Parameter.Style.init(rawValue:))
        encoding.explode = value["explode"]?.boolValue
        encoding.allowReserved = value["allowReserved"]?.boolValue
        encoding.headers = (entry.child("headers")?.members ?? []).compactMap { headerName, header in
            headerName.lowercased() == "content-type" ? nil : self.header(header, name: headerName)
        }
        encoding.positional = positionalEncoding(of: entry, depth: depth)
        return encoding
    }
}
