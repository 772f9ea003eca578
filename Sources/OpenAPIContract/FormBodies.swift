import SchemaValidation
import SpecSource

/// One `name=value` of a form: a pair of an `application/x-www-form-urlencoded` body or query
/// string (the value still percent-encoded), or a named part of a `multipart/form-data` body.
struct FormField {
    /// The name, decoded.
    let name: String
    let value: Value

    enum Value {
        /// The text after `=`, still percent-encoded (empty when there was no `=`).
        case encoded(Substring)
        /// A `multipart/form-data` part.
        case part(MultipartPart)
    }
}

/// What a form decoded into, before validation.
struct DecodedForm {
    /// The object the schema validates.
    var value: JSONValue
    /// Body-relative pointers of members whose value could not be read as the schema sees it
    /// (binary parts, undecodable fields): present for `required` and friends, their values not
    /// checked.
    var opaque: [String] = []
}

/// Reads form bodies into objects (OpenAPI 3.2.0 §4.8.14.3 "Encoding By Name", §4.8.15 Encoding
/// Object, Appendix E): each property is matched to the fields of its name; a property with an
/// Encoding Object that writes `style`, `explode` or `allowReserved` is read like an `in: query`
/// parameter of that style, any other by its content type (the encoding's `contentType`, a
/// part's own `Content-Type`, or the default for the property's type). Text converts to the
/// types the schema declares, as parameters do (`count=2` is the integer 2); JSON content is
/// parsed; binary parts are present but not checked. Array properties collect every field of
/// their name, each item read on its own.
struct FormReader {
    let schema: Schema
    let encoding: [String: Encoding]
    /// `multipart/form-data` (no percent-decoding) rather than `application/x-www-form-urlencoded`.
    let multipart: Bool
    /// `/request/body`, `/response/body` or `/request/query`.
    let prefix: String
    /// Where the media type is documented, for findings.
    let source: SourceLocation
    /// Whether a field without a content type (no Encoding Object `contentType`, no part
    /// `Content-Type`) whose schema admits text and also objects or arrays (`anyOf: [string,
    /// object]`) is read as JSON when its text parses as an object or array, rather than as text.
    var readsAmbiguousAsJSON = false
    /// Multipart part headers are checked against the encoding's Header Objects through this.
    let checkPartHeader: PartHeaderCheck

    private static let primitives: JSONTypeSet = [.null, .boolean, .number, .string]

    /// The form's fields as an object, with decoding problems reported.
    func read(_ fields: [FormField], _ report: inout ExchangeReport) throws(ContractError) -> DecodedForm {
        var byName: [MemberName: [Int]] = [:]
        var order: [String] = []
        for (i, field) in fields.enumerated() {
            if byName[MemberName(field.name)] == nil { order.append(field.name) }
            byName[MemberName(field.name), default: []].append(i)
        }
        var claimed = [Bool](repeating: false, count: fields.count)
        var members: [(position: Int, member: JSONObject.Member)] = []
        var opaque: [String] = []
        var explodedObjects: [(name: String, encoding: Encoding)] = []
        let declared = schema.declaredProperties().names

        for name in declared {
            let indices = byName[MemberName(name)] ?? []
            if let encoding = encoding[name], encoding.isStyled {
                if encoding.effectiveStyle == .deepObject {
                    let prefix = name + "["
                    let nested = fields.indices.filter { !claimed[$0] && fields[$0].name.utf8.starts(with: prefix.utf8) }
                    guard !nested.isEmpty else { continue }
                    for i in nested { claimed[i] = true }
                    let value = try styled(name, encoding, opaque: &opaque, report: &report) { decode throws(DecodingFailure) in
                        try StyleDecoder.deepObject(
                            nested.map { i throws(DecodingFailure) in (name: fields[i].name, rawValue: try text(fields[i], name)) },
                            name: name, decode: decode)
                    }
                    members.append((nested[0], JSONObject.Member(key: name, value: value)))
                    continue
                }
                let shape = ValueConverter.shapes(schema.declaredTypes(at: [.property(name)])).first ?? .primitive
                if indices.isEmpty {
                    if encoding.effectiveStyle == .form, encoding.effectiveExplode, shape == .object {
                        explodedObjects.append((name, encoding))
                    }
                    continue
                }
                for i in indices { claimed[i] = true }
                let value = try styled(name, encoding, opaque: &opaque, report: &report) { decode throws(DecodingFailure) in
                    let values = try indices.map { i throws(DecodingFailure) in try text(fields[i], name) }
                    switch shape {
                    case .array where encoding.effectiveExplode && (values.count > 1 || encoding.effectiveStyle == .form):
                        if values.count == 1, values[0].isEmpty { return .list([]) }
                        return .list(try values.map { v throws(DecodingFailure) in try StyleDecoder.decoded(v, decode) })
                    default:
                        guard values.count == 1 else {
                            throw DecodingFailure.repeated(values.count)
                        }
                        return try StyleDecoder.delimited(values[0], style: encoding.effectiveStyle, shape: shape, decode: decode)
                    }
                }
                members.append((indices[0], JSONObject.Member(key: name, value: value)))
                continue
            }
            guard !indices.isEmpty else { continue }
            for i in indices { claimed[i] = true }
            members.append(
                (
                    indices[0],
                    JSONObject.Member(
                        key: name, value: try content(name, indices.map { fields[$0] }, encoding[name], opaque: &opaque, report: &report))
                ))
        }

        // An exploded form object takes the remaining fields its schema names (all of them when
        // it describes other members too).
        for (name, encoding) in explodedObjects {
            let (names, others) = schema.declaredProperties(at: [.property(name)])
            let declared = Set(names.map(MemberName.init))
            let taken = fields.indices.filter { !claimed[$0] && (others || declared.contains(MemberName(fields[$0].name))) }
            guard !taken.isEmpty else { continue }
            for i in taken { claimed[i] = true }
            let value = try styled(name, encoding, opaque: &opaque, report: &report) { decode throws(DecodingFailure) in
                .members(
                    try taken.map { i throws(DecodingFailure) in
                        (fields[i].name, .text(try StyleDecoder.decoded(try text(fields[i], name), decode)))
                    })
            }
            members.append((taken[0], JSONObject.Member(key: name, value: value)))
        }

        // Fields no property accounts for: read with the default encoding ("`encoding` entries
        // with no corresponding property SHALL be ignored").
        for name in order {
            let indices = byName[MemberName(name)]!.filter { !claimed[$0] }
            guard !indices.isEmpty else { continue }
            members.append(
                (
                    indices[0],
                    JSONObject.Member(
                        key: name, value: try content(name, indices.map { fields[$0] }, nil, opaque: &opaque, report: &report))
                ))
        }
        members.sort { $0.position < $1.position }
        return DecodedForm(value: JSONValue(.object(JSONObject(members.map(\.member)))), opaque: opaque)
    }

    // MARK: - Style-based fields

    /// A style-based property: `read` undoes the style, then the text converts to the schema's types.
    private func styled(
        _ name: String, _ encoding: Encoding, opaque: inout [String], report: inout ExchangeReport,
        _ read: ((Substring) -> String?) throws(DecodingFailure) -> RawValue
    ) throws(ContractError) -> JSONValue {
        // multipart/form-data: "URI percent-encoding MUST NOT be applied".
        let allowReserved = encoding.allowReserved ?? false
        let decode: (Substring) -> String? = multipart ? { String($0) } : { formDecode($0, plusIsSpace: !allowReserved) }
        do {
            return ValueConverter.convert(try read(decode), schema, at: [.property(name)])
        } catch {
            let pointer = "/" + JSONPointer.escape(name)
            report.error(
                error.kind, prefix + pointer, error.keyword,
                "form field \(JSONWriter.quoted(name)) (style \(encoding.effectiveStyle.rawValue)): \(error.message)", encoding.source)
            opaque.append(pointer)
            return .string("")
        }
    }

    /// A field's raw text: the encoded value of a pair, or a part's content as UTF-8.
    private func text(_ field: FormField, _ property: String) throws(DecodingFailure) -> Substring {
        switch field.value {
        case .encoded(let raw): return raw
        case .part(let part):
            guard let text = String(validating: part.body, as: UTF8.self) else {
                throw DecodingFailure(message: "part \(JSONWriter.quoted(field.name)) is not UTF-8 text")
            }
            return Substring(text)
        }
    }

    // MARK: - Content-based fields

    /// A content-based property from every field of its name: an array (one item per field) when
    /// the schema describes an array, else the one value.
    private func content(_ name: String, _ fields: [FormField], _ encoding: Encoding?, opaque: inout [String], report: inout ExchangeReport)
        throws(ContractError) -> JSONValue
    {
        let path: [Schema.InstanceStep] = [.property(name)]
        let pointer = "/" + JSONPointer.escape(name)
        let types = schema.declaredTypes(at: path)
        if types.contains(.array), fields.count > 1 || types.isDisjoint(with: Self.primitives.union(.object)) {
            var items: [JSONValue] = []
            for (i, field) in fields.enumerated() {
                items.append(
                    try value(field, at: path + [.item(i)], pointer: pointer + "/\(i)", encoding, opaque: &opaque, report: &report))
            }
            return .array(items)
        }
        if fields.count > 1 {
            report.error(
                .repeatedParameter, prefix + pointer, "encoding",
                "form field \(JSONWriter.quoted(name)) is given \(fields.count) times, but its schema does not describe an array", source)
        }
        return try value(fields[0], at: path, pointer: pointer, encoding, opaque: &opaque, report: &report)
    }

    /// One field's value, read by its content type.
    private func value(
        _ field: FormField, at path: [Schema.InstanceStep], pointer: String, _ encoding: Encoding?,
        opaque: inout [String], report: inout ExchangeReport
    ) throws(ContractError) -> JSONValue {
        let types = schema.declaredTypes(at: path)
        let expected = encoding?.contentTypes?.first ?? encoding?.formatDefault ?? Encoding.defaultContentType(for: types)
        let label = multipart ? "part \(JSONWriter.quoted(field.name))" : "form field \(JSONWriter.quoted(field.name))"
        let ambiguous =
            readsAmbiguousAsJSON && encoding?.contentTypes == nil && encoding?.formatDefault == nil
            && !types.isDisjoint(with: [.object, .array]) && !types.isDisjoint(with: Self.primitives)
        func fail(_ keyword: String, _ message: String) -> JSONValue {
            report.error(.unreadableContent, prefix + pointer, keyword, "\(label) \(message)", encoding?.source ?? source)
            opaque.append(pointer)
            return .string("")
        }
        switch field.value {
        case .encoded(let raw):
            guard let text = formDecode(raw, plusIsSpace: true) else { return fail("encoding", "has malformed percent-encoding") }
            if ambiguous, let json = Self.jsonContainer(Array(text.utf8)) { return json }
            if expected.isJSON {
                do { return try SourceLoader.parse(text, format: .json) } catch {
                    return fail("encoding", "is not valid JSON (its content type is \(expected.essence)): \(error.message)")
                }
            }
            return ValueConverter.candidates(text, types)[0]
        case .part(let part):
            var actual: MediaType?
            switch part.contentType(allowedBy: encoding, at: prefix + pointer, label: label, source: encoding?.source ?? source, &report) {
            case .absent: break
            case .mediaType(let type): actual = type
            case .malformed(let message): return fail("encoding", message)
            }
            try part.checkHeaders(of: encoding, at: prefix + pointer, label: label, checkPartHeader, &report)
            if actual == nil, ambiguous, let json = Self.jsonContainer(Array(part.body)) { return json }
            let readAs = actual ?? expected
            if readAs.isJSON {
                switch part.jsonContent() {
                case .success(let json): return json
                case .failure(let failure): return fail("encoding", failure.message)
                }
            }
            if readAs.isText {
                guard let text = String(validating: part.body, as: UTF8.self) else { return fail("encoding", "is not valid UTF-8 text") }
                return ValueConverter.candidates(text, types)[0]
            }
            report.unchecked(
                .uncheckedContent, prefix + pointer, "encoding",
                "\(label) is binary (\(readAs.essence), \(part.body.count) bytes): its content is not checked", encoding?.source ?? source)
            opaque.append(pointer)
            return .string("")
        }
    }
}

extension FormReader {
    /// `bytes` parsed as JSON when they are an object or an array; `nil` otherwise.
    static func jsonContainer(_ bytes: [UInt8]) -> JSONValue? {
        guard let first = bytes.first(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }), first == 0x7B || first == 0x5B,
            let value = try? SourceLoader.parse(bytes, format: .json)
        else { return nil }
        return value
    }

    /// The pairs of an `application/x-www-form-urlencoded` text (WHATWG URL §5.1): `&`-separated,
    /// empty pieces skipped, split at the first `=`, names decoded with `+` as a space. A name
    /// that does not decode is reported and left out.
    static func urlencodedFields(_ pairs: [QueryPair], prefix: String, source: SourceLocation, _ report: inout ExchangeReport)
        -> [FormField]
    {
        var fields: [FormField] = []
        for pair in pairs {
            guard let name = pair.name else {
                report.error(
                    .malformedEncoding, prefix + "/" + JSONPointer.escape(String(pair.rawName)), "encoding",
                    "the form field name has malformed percent-encoding", source)
                continue
            }
            fields.append(FormField(name: name, value: .encoded(pair.rawValue ?? "")))
        }
        return fields
    }

    /// The named parts of a `multipart/form-data` body (RFC 7578 §4.2: each part has
    /// `Content-Disposition: form-data` with a `name`); parts without one are reported.
    static func multipartFields(_ parts: [MultipartPart], prefix: String, source: SourceLocation, _ report: inout ExchangeReport)
        -> [FormField]
    {
        var fields: [FormField] = []
        for part in parts {
            guard let disposition = part.disposition, disposition.type == "form-data",
                let name = disposition.parameters.first(where: { $0.name == "name" })?.value
            else {
                report.error(
                    .unreadableContent, prefix, "encoding",
                    "part \(part.index) has no \"Content-Disposition: form-data\" header with a name (RFC 7578 §4.2)", source)
                continue
            }
            fields.append(FormField(name: name, value: .part(part)))
        }
        return fields
    }
}

extension OpenAPIDocument {
    /// An `application/x-www-form-urlencoded` or `multipart/form-data` body: decoded into an
    /// object by the media type's Encoding Objects, then validated; errors inside a binary or
    /// undecodable value are not reported (its presence still counts).
    func checkFormBody(
        _ body: [UInt8], contentType: String, mediaType: MediaType, _ content: OpenAPIOperation.Content, direction: ValidationDirection,
        bodyLocation: String, typeLocation: String, source: SourceLocation, _ report: inout ExchangeReport
    ) throws(ContractError) {
        let fields: [FormField]
        if mediaType.isMultipart {
            guard let boundary = HeaderParameters.value(of: "boundary", in: contentType), !boundary.isEmpty else {
                report.error(
                    .invalidContentType, typeLocation, "content", "Content-Type \(mediaType.essence) has no boundary parameter", source)
                return
            }
            do {
                fields = FormReader.multipartFields(
                    try MultipartParser.parse(body, boundary: boundary), prefix: bodyLocation, source: source, &report)
            } catch {
                report.error(
                    .unreadableContent, bodyLocation, "content", "the body is not valid multipart content: \(error.message)", source)
                return
            }
        } else {
            guard let text = String(validating: body, as: UTF8.self) else {
                report.error(.unreadableContent, bodyLocation, "content", "the body is not valid UTF-8 text", source)
                return
            }
            fields = FormReader.urlencodedFields(QueryPair.split(Substring(text)), prefix: bodyLocation, source: source, &report)
        }
        guard let schema = try compiledSchema(content) else { return }
        try checkForm(
            fields, schema: schema, encoding: content.encoding, multipart: mediaType.isMultipart,
            direction: direction, prefix: bodyLocation, source: source, &report)
    }

    /// Reads `fields` into an object and validates it, reporting under `prefix`.
    func checkForm(
        _ fields: [FormField], schema: Schema, encoding: [String: Encoding], multipart: Bool, direction: ValidationDirection,
        prefix: String, source: SourceLocation, _ report: inout ExchangeReport
    ) throws(ContractError) {
        let reader = FormReader(schema: schema, encoding: encoding, multipart: multipart, prefix: prefix, source: source) {
            header, values, pointer, label, report throws(ContractError) in
            try self.checkHeader(header, values, pointer: pointer, label: label, direction, &report)
        }
        let decoded = try reader.read(fields, &report)
        let directed = schema.directed(direction)
        var result = directed.validate(decoded.value)
        if !result.isValid {
            // Text where the schema also admits an object or an array (`anyOf: [string, object]`)
            // was read as a string, by the default content type for strings; the default for
            // objects is JSON (OpenAPI 3.1.1 §4.8.15.1). As for parameters, each reading is tried:
            // the JSON reading is kept when it fails at fewer places and at no new one (so a field
            // it fixes is not reported beside another that fails either way).
            var json = reader
            json.readsAmbiguousAsJSON = true
            var unused = ExchangeReport()
            let second = try json.read(fields, &unused)
            if second.value != decoded.value {
                let other = directed.validate(second.value)
                let before = Set(result.errors.map(\.instanceLocation))
                let after = Set(other.errors.map(\.instanceLocation))
                if after.isStrictSubset(of: before) { result = other }
            }
        }
        report.add(Self.presenceOnly(result, opaque: decoded.opaque), under: prefix)
    }

    /// `result` without the errors about values that were not read (binary, undecodable: each a
    /// placeholder at a pointer of `opaque`, relative to the validated value): only findings
    /// about such a value's presence stand.
    static func presenceOnly(_ result: ValidationResult, opaque pointers: [String]) -> ValidationResult {
        guard !pointers.isEmpty else { return result }
        let presence: Set<String> = [
            "false", "additionalProperties", "unevaluatedProperties", "items", "additionalItems", "unevaluatedItems", "readOnly",
            "writeOnly",
        ]
        let opaque = Set(pointers)
        let kept = result.errors.filter { error in
            let location = error.instanceLocation
            if opaque.contains(location) { return presence.contains(error.keyword) }
            // Below an opaque value: look the location's ancestors up (as many as its depth).
            var end = location.endIndex
            while let slash = location.utf8[..<end].lastIndex(of: UInt8(ascii: "/")), slash > location.startIndex {
                if opaque.contains(String(location[..<slash])) { return false }
                end = slash
            }
            return true
        }
        return ValidationResult(errors: kept)
    }
}
