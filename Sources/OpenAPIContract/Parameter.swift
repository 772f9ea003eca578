import SchemaValidation
import SpecSource

/// A Parameter Object of an operation, or a Header Object of a response read as an `in: header`
/// parameter named by its key (OpenAPI 3.1.1 §4.8.12, §4.8.21; 3.2.0 adds `in: querystring` and
/// `style: cookie`).
///
/// A parameter is described either by a `schema` with a `style`/`explode` serialization, or by
/// `content` with exactly one media type (JSON in a query parameter, say).
public struct Parameter: Sendable {
    /// Where the parameter travels (`in`).
    public enum Location: String, Sendable, CaseIterable {
        /// A template expression of the path (`/pets/{id}`).
        case path
        /// One parameter of the query string.
        case query
        /// OpenAPI 3.2: the whole query string as one value, described by `content`.
        case querystring
        /// A request header (or a response header, for Header Objects).
        case header
        /// A cookie of the `Cookie` header.
        case cookie
    }

    /// How a schema-described value is serialized (OpenAPI 3.1.1 §4.8.12.4 "Style Values"; 3.2.0
    /// adds `cookie`).
    public enum Style: String, Sendable, CaseIterable {
        /// RFC 6570 path-style (`;color=blue`), for `path`.
        case matrix
        /// RFC 6570 label (`.blue`), for `path`.
        case label
        /// RFC 6570 simple (`blue,black`), for `path` and `header`.
        case simple
        /// RFC 6570 form (`color=blue`), for `query` and `cookie`.
        case form
        /// Space-separated array items or object members, for `query`.
        case spaceDelimited
        /// Pipe-separated array items or object members, for `query`.
        case pipeDelimited
        /// `color[R]=100&color[G]=200`, for `query` objects.
        case deepObject
        /// OpenAPI 3.2: like `form`, with RFC 6265 cookie syntax and no percent-decoding.
        case cookie
    }

    /// The name (`name`, or the key of a response's `headers` map). Case-sensitive except for
    /// headers.
    public var name: String
    /// `in`.
    public var location: Location
    /// Whether it must be present (always true for path parameters).
    public var required: Bool
    /// `style`, or the default for its location (`form` for query and cookie, `simple` otherwise).
    public var style: Style
    /// `explode`, or its default (true for `form` and `cookie`, false otherwise).
    public var explode: Bool
    /// `allowReserved`: reserved characters (`+` among them) stand for themselves in the value.
    public var allowReserved: Bool
    /// `allowEmptyValue`: an empty query value means the parameter is unused.
    public var allowEmptyValue: Bool
    /// `deprecated`.
    public var deprecated: Bool
    /// The single media type of a `content`-described parameter; `nil` for `schema` ones.
    public var content: OpenAPIOperation.Content?
    /// Where the schema of a `schema`-described parameter is.
    let schemaSource: Located?
    /// The compiled schema, once used.
    let schemaSlot = SchemaSlot()
    /// The Parameter or Header Object, located (for error positions).
    package let object: Located

    /// Whether a `schema` describes it.
    public var hasSchema: Bool { schemaSource != nil }
    /// Where the Parameter or Header Object is written.
    public var source: SourceLocation { object.value.location }

    /// The default style for parameters in `location`.
    public static func defaultStyle(for location: Location) -> Style {
        switch location {
        case .query, .cookie: return .form
        case .path, .header, .querystring: return .simple
        }
    }

    /// Whether `other` is the same parameter (same location; same name, ignoring case for
    /// headers).
    func identifies(_ other: Parameter) -> Bool {
        guard location == other.location else { return false }
        return location == .header ? name.lowercased() == other.name.lowercased() : sameName(name, other.name)
    }
}

extension DocumentWalker {
    /// The Parameter Object at `entry` (following references), or `nil` when it has no usable
    /// `name` or `in` (a document problem for linters, not for the exchange checks).
    mutating func parameter(_ entry: Located) -> Parameter? {
        guard let object = resolve(entry), let name = object.value["name"]?.stringValue,
            let location = object.value["in"]?.stringValue.flatMap(Parameter.Location.init(rawValue:))
        else { return nil }
        return parameterFields(object, name: name, location: location)
    }

    /// The Header Object at `entry`, read as a header parameter named `name`.
    mutating func header(_ entry: Located, name: String) -> Parameter? {
        guard let object = resolve(entry) else { return nil }
        return parameterFields(object, name: name, location: .header)
    }

    private mutating func parameterFields(_ object: Located, name: String, location: Parameter.Location) -> Parameter {
        let value = object.value
        let style = value["style"]?.stringValue.flatMap(Parameter.Style.init(rawValue:)) ?? Parameter.defaultStyle(for: location)
        return Parameter(
            name: name, location: location,
            required: location == .path || value["required"]?.boolValue == true,
            style: style,
            explode: value["explode"]?.boolValue ?? (style == .form || style == .cookie),
            allowReserved: value["allowReserved"]?.boolValue ?? false,
            allowEmptyValue: value["allowEmptyValue"]?.boolValue ?? false,
            deprecated: value["deprecated"]?.boolValue ?? false,
            content: content(of: object).first,
            schemaSource: object.child("schema"),
            object: object)
    }

    /// The Path Item's parameters overridden by the operation's (by name and location), in the
    /// Path Item's order, then the operation's new ones.
    mutating func parameters(item: Located, operation: Located) -> [Parameter] {
        var merged = (item.child("parameters")?.items ?? []).compactMap { parameter($0) }
        for own in (operation.child("parameters")?.items ?? []).compactMap({ parameter($0) }) {
            if let i = merged.firstIndex(where: { $0.identifies(own) }) {
                merged[i] = own
            } else {
                merged.append(own)
            }
        }
        return merged
    }

    /// A response's `headers`, without `Content-Type` (OpenAPI 3.1.1 §4.8.17.1: "If a response
    /// header is defined with the name "Content-Type", it SHALL be ignored").
    mutating func headers(of response: Located) -> [Parameter] {
        (response.child("headers")?.members ?? []).compactMap { name, entry in
            name.lowercased() == "content-type" ? nil : header(entry, name: name)
        }
    }
}
