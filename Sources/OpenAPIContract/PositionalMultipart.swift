import SchemaValidation
import SpecSource

/// Reads a `multipart` body by position (OpenAPI 3.2.0 §4.8.14.4, "Encoding By Position"):
/// "modeled as an array, with one item per part, in order". Part `i` is read by
/// `prefixEncoding[i]`, later parts by `itemEncoding`, a part without an Encoding Object by the
/// defaults: its content type is the encoding's `contentType`, else the part's own
/// `Content-Type`, else the default for the type the schema declares at its position
/// (`object`/`array` → JSON, primitives → text converted to the declared type, no `type` →
/// binary, present but not checked). A part whose content is itself `multipart` ("Nested
/// Encoding") is read the same way into an array, with the nested `prefixEncoding`/`itemEncoding`.
struct PositionalMultipartReader {
    /// The types the schema declares for the value at a path below the body (`.item` steps).
    let declaredTypes: ([Schema.InstanceStep]) -> JSONTypeSet
    /// `/request/body` or `/response/body`.
    let bodyLocation: String
    /// Where the media type is documented, for findings.
    let source: SourceLocation
    /// Which top-level parts are `format: binary` (their default content type is
    /// `application/octet-stream`), if any.
    var binaryParts: PositionalBinaryParts?
    /// Part headers are checked against the encoding's Header Objects through this.
    let checkPartHeader: PartHeaderCheck

    /// Nested `multipart` parts deeper than this are not read (present, not checked).
    static let maxNesting = 8

    /// The parts as array items. Values that could not be read as the schema sees them are
    /// placeholders, their pointers (relative to the body) added to `opaque`.
    func read(
        _ parts: [MultipartPart], _ encoding: PositionalEncoding, path: [Schema.InstanceStep], opaque: inout [String],
        _ report: inout ExchangeReport
    ) throws(ContractError) -> [JSONValue] {
        var items: [JSONValue] = []
        items.reserveCapacity(parts.count)
        for part in parts {
            items.append(
                try value(part, encoding.encoding(forPart: part.index), path: path + [.item(part.index)], opaque: &opaque, &report))
        }
        return items
    }

    /// One part's value.
    private func value(
        _ part: MultipartPart, _ encoding: Encoding?, path: [Schema.InstanceStep], opaque: inout [String],
        _ report: inout ExchangeReport
    ) throws(ContractError) -> JSONValue {
        let pointer = path.map { step in
            switch step {
            case .item(let i): "/\(i)"
            case .property(let name): "/" + JSONPointer.escape(name)
            }
        }.joined()
        let label = "part " + path.map { step in if case .item(let i) = step { "\(i)" } else { "?" } }.joined(separator: ".")
        let documented = encoding?.source ?? source
        func placeholder() -> JSONValue {
            opaque.append(pointer)
            return .string("")
        }
        func fail(_ message: String) -> JSONValue {
            report.error(.unreadableContent, bodyLocation + pointer, "encoding", "\(label) \(message)", documented)
            return placeholder()
        }
        let types = declaredTypes(path)
        var actual: MediaType?
        switch part.contentType(allowedBy: encoding, at: bodyLocation + pointer, label: label, source: documented, &report) {
        case .absent: break
        case .mediaType(let type): actual = type
        case .malformed(let message): return fail(message)
        }
        try part.checkHeaders(of: encoding, at: bodyLocation + pointer, label: label, checkPartHeader, &report)
        // A top-level part whose schema is `format: binary` defaults to binary, as a form's file
        // property does (see `DocumentWalker.binaryProperties(of:)`).
        let formatDefault = path.count == 1 && binaryParts?.isBinary(part.index) == true ? Encoding.octetStream : nil
        let readAs = actual ?? encoding?.contentTypes?.first ?? formatDefault ?? Encoding.defaultContentType(for: types)
        if readAs.isJSON {
            switch part.jsonContent() {
            case .success(let json): return json
            case .failure(let failure): return fail(failure.message)
            }
        }
        if readAs.isMultipart, !readAs.isForm || encoding?.positional.isWritten == true {
            guard path.count <= Self.maxNesting else {
                report.unchecked(
                    .uncheckedContent, bodyLocation + pointer, "encoding",
                    "\(label) is multipart content nested more than \(Self.maxNesting) levels deep: its content is not checked", documented)
                return placeholder()
            }
            guard let boundary = HeaderParameters.value(of: "boundary", in: part.header("content-type") ?? ""), !boundary.isEmpty else {
                return fail("is \(readAs.essence) content without a boundary parameter in its Content-Type")
            }
            let nested: [MultipartPart]
            do { nested = try MultipartParser.parse(Array(part.body), boundary: boundary) } catch {
                return fail("is not valid multipart content: \(error.message)")
            }
            return .array(try read(nested, encoding?.positional ?? PositionalEncoding(), path: path, opaque: &opaque, &report))
        }
        if readAs.isText {
            guard let text = String(validating: part.body, as: UTF8.self) else { return fail("is not valid UTF-8 text") }
            return ValueConverter.candidates(text, types)[0]
        }
        // A nested `multipart/form-data` part (by name, not position) is not read either.
        let what = readAs.isMultipart ? "nested \(readAs.essence) content" : "binary (\(readAs.essence), \(part.body.count) bytes)"
        report.unchecked(
            .uncheckedContent, bodyLocation + pointer, "encoding", "\(label) is \(what): its content is not checked", documented)
        return placeholder()
    }
}

extension OpenAPIDocument {
    /// A `multipart` body read by position (any `multipart` type but `multipart/form-data`, and
    /// `multipart/form-data` with `prefixEncoding`/`itemEncoding`: "can be used with any
    /// `multipart` content to require a fixed part order"): its parts as an array validated
    /// against `schema`, and each part against `itemSchema` (errors at `…/body/{index}/…`).
    /// Errors inside a binary or undecodable part are not reported (its presence still counts).
    func checkPositionalMultipart(
        _ body: [UInt8], contentType: String, mediaType: MediaType, _ content: OpenAPIOperation.Content,
        direction: ValidationDirection, bodyLocation: String, typeLocation: String, source: SourceLocation, _ report: inout ExchangeReport
    ) throws(ContractError) {
        guard let boundary = HeaderParameters.value(of: "boundary", in: contentType), !boundary.isEmpty else {
            report.error(
                .invalidContentType, typeLocation, "content", "Content-Type \(mediaType.essence) has no boundary parameter", source)
            return
        }
        let parts: [MultipartPart]
        do { parts = try MultipartParser.parse(body, boundary: boundary) } catch {
            report.error(.unreadableContent, bodyLocation, "content", "the body is not valid multipart content: \(error.message)", source)
            return
        }
        let schema = try compiledSchema(content)
        let itemSchema = try compiledItemSchema(content)
        let declaredTypes = { (path: [Schema.InstanceStep]) -> JSONTypeSet in
            if let schema { return schema.declaredTypes(at: path) }
            return itemSchema?.declaredTypes(at: Array(path.dropFirst())) ?? .all
        }
        let reader = PositionalMultipartReader(
            declaredTypes: declaredTypes, bodyLocation: bodyLocation, source: source, binaryParts: content.binaryParts
        ) {
            header, values, pointer, label, report throws(ContractError) in
            try self.checkHeader(header, values, pointer: pointer, label: label, direction, &report)
        }
        var opaque: [String] = []
        let items = try reader.read(parts, content.positionalEncoding ?? PositionalEncoding(), path: [], opaque: &opaque, &report)
        if let itemSchema {
            let directed = itemSchema.directed(direction)
            for (index, item) in items.enumerated() {
                let prefix = "/\(index)"
                let inItem = opaque.compactMap { $0 == prefix || $0.hasPrefix(prefix + "/") ? String($0.dropFirst(prefix.count)) : nil }
                report.add(Self.presenceOnly(directed.validate(item), opaque: inItem), under: bodyLocation + prefix)
            }
        }
        if let schema {
            report.add(Self.presenceOnly(schema.directed(direction).validate(.array(items)), opaque: opaque), under: bodyLocation)
        }
    }
}
