import SchemaValidation
import SpecSource

/// Request parameters and response headers: found in the message, their style undone, converted
/// to the schema's types and validated.
extension OpenAPIDocument {
    /// Header parameters OpenAPI says to ignore (3.1.1 §4.8.12.2, `name`): these are described by
    /// the request body's media types and the security schemes.
    static let ignoredHeaderParameters: Set<String> = ["accept", "content-type", "authorization"]

    func checkParameters(
        _ op: OpenAPIOperation, _ request: RequestParts, _ variables: [(name: String, raw: Substring)], _ report: inout ExchangeReport
    ) throws(ContractError) {
        let pairs = request.queryPairs
        let names = pairs.map(\.name)
        var claimed = [Bool](repeating: false, count: pairs.count)
        for (i, pair) in pairs.enumerated() where names[i] == nil {
            claimed[i] = true
            report.error(
                .malformedEncoding, "/request/query/" + JSONPointer.escape(String(pair.rawName)), "parameters",
                "the query parameter name has malformed percent-encoding", op.parametersLocation)
        }
        // The pairs a path key with a query string names (`/responses?beta=true`) are what routed
        // the request here: documented by the key.
        let fixed = op.pathKeyQuery
        if !fixed.isEmpty {
            let decoded = Router.decodedPairs(request.query)
            for i in pairs.indices where fixed.contains(where: { $0.claims(decoded[i]) }) { claimed[i] = true }
        }
        var explodedObjects: [(Parameter, Schema)] = []
        for p in op.parameters {
            let mark = report.errors.count
            defer {
                // A parameter that is also an API key, or is named like a credential: keep the
                // finding, never the value.
                if report.errors.count > mark,
                    credentialParameters.contains(p.location.rawValue + ":" + (p.location == .header ? p.name.lowercased() : p.name))
                        || CredentialLikeName.matches(p.name)
                {
                    for i in mark..<report.errors.count {
                        report.errors[i].message =
                            "\(p.location.rawValue) parameter \(JSONWriter.quoted(p.name)) fails \(JSONWriter.quoted(report.errors[i].keyword)) (the value is not shown: it is a credential)"
                    }
                }
            }
            let pointer =
                "/request/\(p.location == .querystring ? "query" : p.location.rawValue)"
                + (p.location == .querystring ? "" : "/" + JSONPointer.escape(p.location == .header ? p.name.lowercased() : p.name))
            let label = "\(p.location.rawValue) parameter \(JSONWriter.quoted(p.name))"
            switch p.location {
            case .path:
                guard let raw = variables.first(where: { sameName($0.name, p.name) })?.raw else { continue }
                if let content = p.content {
                    guard let text = StyleDecoder.uriDecode(raw) else {
                        report.error(.malformedEncoding, pointer, "style", "\(label) has malformed percent-encoding", p.source)
                        continue
                    }
                    try checkContent(text, content, pointer: pointer, label: label, p.source, .request, &report)
                } else if let schema = try compiledSchema(of: p) {
                    try checkStyled(schema, pointer: pointer, label: label, p.source, .request, &report) { shape throws(DecodingFailure) in
                        try StyleDecoder.path(raw, style: p.style, explode: p.explode, name: p.name, shape: shape)
                    }
                }
            case .query:
                try checkQuery(p, pairs, names, &claimed, &explodedObjects, pointer: pointer, label: label, &report)
            case .querystring:
                for i in claimed.indices { claimed[i] = true }
                try checkQueryString(p, request, &report)
            case .header:
                let key = p.name.lowercased()
                guard !Self.ignoredHeaderParameters.contains(key) else { continue }
                try checkHeader(p, request.values(key), pointer: pointer, label: label, .request, &report)
            case .cookie:
                try checkCookie(
                    p, request.cookies.filter { sameName($0.name, p.name) }, request.cookies, pointer: pointer, label: label, &report)
            }
        }
        // Exploded form objects take the remaining pairs their schema describes.
        for (p, schema) in explodedObjects {
            let (properties, others) = schema.declaredProperties()
            let declared = Set(properties.map(MemberName.init))
            var members: [(String, RawValue)] = []
            for i in pairs.indices where !claimed[i] {
                guard let name = names[i], others || declared.contains(MemberName(name)) else { continue }
                claimed[i] = true
                guard let value = formDecode(pairs[i].rawValue ?? "", plusIsSpace: !p.allowReserved) else {
                    report.error(
                        .malformedEncoding, "/request/query/\(JSONPointer.escape(p.name))/\(JSONPointer.escape(name))", "style",
                        "query parameter \(JSONWriter.quoted(name)) has malformed percent-encoding", p.source)
                    continue
                }
                members.append((name, .text(value)))
            }
            let pointer = "/request/query/" + JSONPointer.escape(p.name)
            if members.isEmpty {
                if p.required {
                    report.error(
                        .parameterRequired, pointer, "required",
                        "query parameter \(JSONWriter.quoted(p.name)) is required (its properties are sent as separate query parameters)",
                        p.source)
                }
                continue
            }
            report.add(schema.directed(.request).validate(ValueConverter.convert(.members(members), schema)), under: pointer)
        }
        // Query parameters no parameter (nor an API key) accounts for.
        guard claimed.contains(false) else { return }
        let apiKeys = Set(
            securitySchemes.values.compactMap { scheme -> MemberName? in
                if case .apiKey(let name, .query)? = scheme.kind { return MemberName(name) } else { return nil }
            })
        for i in pairs.indices where !claimed[i] {
            guard let name = names[i], !apiKeys.contains(MemberName(name)) else { continue }
            report.warning(
                .undocumentedParameter, "/request/query/" + JSONPointer.escape(name), "parameters",
                "query parameter \(JSONWriter.quoted(name)) is not documented for \(op.displayName)", op.parametersLocation)
        }
    }

    /// `in:name` of every API key (header names lower-cased), whose values messages never show.
    private var credentialParameters: Set<String> {
        Set(
            securitySchemes.values.compactMap { scheme -> String? in
                guard case .apiKey(let name, let location)? = scheme.kind else { return nil }
                return location.rawValue + ":" + (location == .header ? name.lowercased() : name)
            })
    }

    private func checkQuery(
        _ p: Parameter, _ pairs: [QueryPair], _ names: [String?], _ claimed: inout [Bool], _ explodedObjects: inout [(Parameter, Schema)],
        pointer: String, label: String, _ report: inout ExchangeReport
    ) throws(ContractError) {
        let decode: (Substring) -> String? = { formDecode($0, plusIsSpace: !p.allowReserved) }
        if p.content == nil, p.style == .deepObject {
            let prefix = p.name + "["
            var members: [(name: String, rawValue: Substring)] = []
            for i in pairs.indices where names[i].map({ Substring($0).hasBytePrefix(prefix) }) == true {
                claimed[i] = true
                members.append((names[i]!, pairs[i].rawValue ?? ""))
            }
            guard !members.isEmpty else {
                if p.required { report.error(.parameterRequired, pointer, "required", "\(label) is required", p.source) }
                return
            }
            guard let schema = try compiledSchema(of: p) else { return }
            try checkStyled(schema, pointer: pointer, label: label, p.source, .request, &report, shapes: [.object]) {
                _ throws(DecodingFailure) in
                try StyleDecoder.deepObject(members, name: p.name, decode: decode)
            }
            return
        }
        var values: [Substring] = []
        for i in pairs.indices where names[i].map({ sameName($0, p.name) }) == true {
            claimed[i] = true
            values.append(pairs[i].rawValue ?? "")
        }
        if values.isEmpty, p.content == nil, p.style == .form, p.explode, let schema = try compiledSchema(of: p) {
            if ValueConverter.shapes(schema.declaredTypes()).first == .object {
                explodedObjects.append((p, schema))
                return
            }
        }
        guard !values.isEmpty else {
            if p.required { report.error(.parameterRequired, pointer, "required", "\(label) is required", p.source) }
            return
        }
        // OpenAPI 3.1.1 §4.8.12.2 allowEmptyValue: an empty value means the parameter is unused.
        if p.allowEmptyValue, values.allSatisfy(\.isEmpty) { return }
        if let content = p.content {
            guard values.count == 1 else {
                report.error(.repeatedParameter, pointer, "parameters", "\(label) is given \(values.count) times", p.source)
                return
            }
            guard let text = decode(values[0]) else {
                report.error(.malformedEncoding, pointer, "style", "\(label) has malformed percent-encoding", p.source)
                return
            }
            try checkContent(text, content, pointer: pointer, label: label, p.source, .request, &report)
            return
        }
        guard let schema = try compiledSchema(of: p) else { return }
        try checkStyled(schema, pointer: pointer, label: label, p.source, .request, &report) { shape throws(DecodingFailure) in
            switch shape {
            // Only an exploded array repeats its name (`color=blue&color=black`: the style table of
            // OpenAPI 3.1.1 §4.8.12.4); `explode: false` writes one pair (`color=blue,black`).
            case .array where p.explode && (values.count > 1 || p.style == .form):
                // One empty pair is an undefined (empty) list, as RFC 6570 writes it: `color=`.
                if values.count == 1, values[0].isEmpty { return .list([]) }
                return .list(try values.map { v throws(DecodingFailure) in try StyleDecoder.decoded(v, decode) })
            default:
                guard values.count == 1 else {
                    throw DecodingFailure.repeated(values.count)
                }
                return try StyleDecoder.delimited(values[0], style: p.style, shape: shape, decode: decode)
            }
        }
    }

    /// OpenAPI 3.2's `in: querystring`: the whole query string, read by its one media type.
    private func checkQueryString(_ p: Parameter, _ request: RequestParts, _ report: inout ExchangeReport) throws(ContractError) {
        guard let query = request.query, !query.isEmpty else {
            if p.required {
                report.error(
                    .parameterRequired, "/request/query", "required",
                    "the query string (parameter \(JSONWriter.quoted(p.name))) is required", p.source)
            }
            return
        }
        guard let content = p.content, let mediaType = MediaType(content.mediaType) else { return }
        if mediaType.essence == "application/x-www-form-urlencoded" {
            // Read as a form body is, with the media type's Encoding Objects.
            let fields = FormReader.urlencodedFields(request.queryPairs, prefix: "/request/query", source: p.source, &report)
            guard let schema = try compiledSchema(content) else { return }
            try checkForm(
                fields, schema: schema, encoding: content.encoding, multipart: false, direction: .request,
                prefix: "/request/query", source: p.source, &report)
            return
        }
        guard let text = StyleDecoder.uriDecode(query) else {
            report.error(.malformedEncoding, "/request/query", "style", "the query string has malformed percent-encoding", p.source)
            return
        }
        try checkContent(text, content, pointer: "/request/query", label: "the query string", p.source, .request, &report)
    }

    private func checkCookie(
        _ p: Parameter, _ cookies: [(name: Substring, value: Substring)], _ all: [(name: Substring, value: Substring)],
        pointer: String, label: String, _ report: inout ExchangeReport
    ) throws(ContractError) {
        // style: form percent-decodes; style: cookie passes values through (OpenAPI 3.2.0 Appendix D).
        let passThrough = p.style == .cookie
        let decode: (Substring) -> String? = { passThrough ? String($0) : StyleDecoder.uriDecode($0) }
        if let content = p.content {
            guard let cookie = cookies.first else {
                if p.required { report.error(.parameterRequired, pointer, "required", "\(label) is required", p.source) }
                return
            }
            try checkContent(String(cookie.value), content, pointer: pointer, label: label, p.source, .request, &report)
            return
        }
        guard let schema = try compiledSchema(of: p) else { return }
        let shapes = ValueConverter.shapes(schema.declaredTypes())
        if cookies.isEmpty, p.explode, shapes.first == .object {
            let declared = Set(schema.declaredProperties().names.map(MemberName.init))
            let members = all.filter { declared.contains(MemberName(String($0.name))) }
            guard !members.isEmpty else {
                if p.required {
                    report.error(
                        .parameterRequired, pointer, "required", "\(label) is required (its properties are sent as separate cookies)",
                        p.source)
                }
                return
            }
            try checkStyled(schema, pointer: pointer, label: label, p.source, .request, &report, shapes: [.object]) {
                _ throws(DecodingFailure) in
                .members(
                    try members.map { m throws(DecodingFailure) in (String(m.name), .text(try StyleDecoder.decoded(m.value, decode))) })
            }
            return
        }
        guard !cookies.isEmpty else {
            if p.required { report.error(.parameterRequired, pointer, "required", "\(label) is required", p.source) }
            return
        }
        try checkStyled(schema, pointer: pointer, label: label, p.source, .request, &report, shapes: shapes) {
            shape throws(DecodingFailure) in
            if shape == .array, p.explode {
                return .list(try cookies.map { c throws(DecodingFailure) in try StyleDecoder.decoded(c.value, decode) })
            }
            guard cookies.count == 1 else {
                throw DecodingFailure.repeated(cookies.count)
            }
            return try StyleDecoder.delimited(cookies[0].value, style: .form, shape: shape, decode: decode)
        }
    }

    /// A header parameter or response header: present when required, then read in `simple` style
    /// (or by its media type) and validated.
    func checkHeader(
        _ p: Parameter, _ values: [String], pointer: String, label: String, _ direction: ValidationDirection, _ report: inout ExchangeReport
    ) throws(ContractError) {
        guard !values.isEmpty else {
            if p.required { report.error(.parameterRequired, pointer, "required", "\(label) is required", p.source) }
            return
        }
        let value = values.joined(separator: ", ")
        if let content = p.content {
            try checkContent(value, content, pointer: pointer, label: label, p.source, direction, &report)
            return
        }
        guard let schema = try compiledSchema(of: p) else { return }
        try checkStyled(schema, pointer: pointer, label: label, p.source, direction, &report) { shape throws(DecodingFailure) in
            try StyleDecoder.header(value, explode: p.explode, shape: shape)
        }
    }

    func checkResponseHeaders(_ response: OpenAPIOperation.Response, _ message: ResponseParts, _ report: inout ExchangeReport)
        throws(ContractError)
    {
        for header in response.headers {
            let key = header.name.lowercased()
            try checkHeader(
                header, message.values(key), pointer: "/response/header/" + JSONPointer.escape(key),
                label: "response header \(JSONWriter.quoted(header.name))", .response, &report)
        }
    }

    /// Reads a styled value in each shape its schema allows and keeps the first reading the schema
    /// accepts (for a single value, each typed reading: `10` as a number, then as a string); when
    /// none is accepted, reports the schema's errors for the first reading, or why the text could
    /// not be read in any shape.
    private func checkStyled(
        _ schema: Schema, pointer: String, label: String, _ source: SourceLocation, _ direction: ValidationDirection,
        _ report: inout ExchangeReport, shapes: [ValueShape]? = nil,
        _ read: (ValueShape) throws(DecodingFailure) -> RawValue
    ) throws(ContractError) {
        let directed = schema.directed(direction)
        let types = schema.declaredTypes()
        var firstFailure: DecodingFailure?
        var firstReading: JSONValue?
        for shape in shapes ?? ValueConverter.shapes(types) {
            let raw: RawValue
            do { raw = try read(shape) } catch {
                if firstFailure == nil { firstFailure = error }
                continue
            }
            let readings: [JSONValue]
            if case .text(let text) = raw {
                readings = ValueConverter.candidates(text, types)
            } else {
                readings = [ValueConverter.convert(raw, schema)]
            }
            for reading in readings where directed.isValid(reading) { return }
            if firstReading == nil { firstReading = readings[0] }
        }
        if let firstReading {
            report.add(directed.validate(firstReading), under: pointer)
        } else if let firstFailure {
            report.error(firstFailure.kind, pointer, firstFailure.keyword, "\(label): \(firstFailure.message)", source)
        }
    }

    /// A `content`-described value: read by its media type, then validated.
    private func checkContent(
        _ text: String, _ content: OpenAPIOperation.Content, pointer: String, label: String, _ source: SourceLocation,
        _ direction: ValidationDirection, _ report: inout ExchangeReport
    ) throws(ContractError) {
        guard let mediaType = MediaType(content.mediaType) else { return }
        switch ContentDecoder.decode(text: text, as: mediaType) {
        case .invalid(let why):
            report.error(.unreadableContent, pointer, "content", "\(label) is \(why)", source)
        case .unchecked(let why):
            report.unchecked(.uncheckedContent, pointer, "content", why, source)
        case .value(let value):
            guard let schema = try compiledSchema(content) else { return }
            report.add(schema.directed(direction).validate(value), under: pointer)
        }
    }
}
