import SchemaValidation
import SpecSource

/// An Encoding Object (OpenAPI 3.2.0 §4.8.15; 3.1.1 §4.8.15) of a form media type: how one
/// property of an `application/x-www-form-urlencoded` or `multipart/form-data` body is written.
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

extension DocumentWalker {
    /// The `encoding` map of a Media Type Object, by property name (Encoding Objects are not
    /// Reference Objects; their `headers` may be).
    mutating func encodings(of mediaType: Located?) -> [String: Encoding] {
        var result: [String: Encoding] = [:]
        for (name, entry) in mediaType?.child("encoding")?.members ?? [] {
            let value = entry.value
            guard value.objectValue != nil else { continue }
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
            result[name] = encoding
        }
        return result
    }
}
