import SchemaValidation
import SpecSource

/// Which documented response a response target names: a status code, a range of codes, or
/// `default` — the three kinds of key of an OpenAPI Responses Object (OpenAPI 3.1.1 §4.8.16).
///
/// ```swift
/// ResponseStatus("201")      // .code(201): the 201 response, else 2XX, else default
/// ResponseStatus("2XX")      // .range(2):  the 2XX response itself
/// ResponseStatus("default")  // .default:   the default response itself
/// ```
public enum ResponseStatus: Sendable, Hashable, CustomStringConvertible {
    /// An HTTP status code, `100`–`599`.
    case code(Int)
    /// A range of codes by its first digit, `1`–`5` (`2` is `2XX`, the codes 200–299).
    case range(Int)
    /// The `default` response: every status not declared for a specific code.
    case `default`

    /// Reads a status as a command line or a corpus manifest writes it: a code (`201`), a range
    /// (`2XX`; the `X`s in either case, as a convenience: a Responses Object writes them upper-case)
    /// or `default`.
    /// - Returns: `nil` for anything else (`600`, `6XX`, `20X`, `Default`).
    public init?(_ text: String) {
        if text == "default" {
            self = .default
            return
        }
        let utf8 = Array(text.utf8)
        guard utf8.count == 3, let first = utf8.first, (UInt8(ascii: "1")...UInt8(ascii: "5")).contains(first) else { return nil }
        if utf8[1...].allSatisfy({ $0 == UInt8(ascii: "X") || $0 == UInt8(ascii: "x") }) {
            self = .range(Int(first - UInt8(ascii: "0")))
        } else if utf8[1...].allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }), let code = Int(text) {
            self = .code(code)
        } else {
            return nil
        }
    }

    /// `201`, `2XX` or `default`: the Responses Object key it names.
    public var description: String {
        switch self {
        case .code(let code): return String(code)
        case .range(let digit): return "\(digit)XX"
        case .default: return "default"
        }
    }
}

extension OpenAPIOperation {
    /// The documented response `status` selects, following the Responses Object's precedence
    /// (OpenAPI 3.1.1 §4.8.16: "the explicit code definition takes precedence over the range
    /// definition for that code", and `default` covers "responses other than the ones declared for
    /// specific HTTP response codes"):
    /// - a code: the exact code, then its range (`2XX`), then `default`;
    /// - a range: the range's own response; else `default` when no code of the range is documented
    ///   (then `default` is what every code of the range gets); else none, as the codes of the
    ///   range are documented one by one and a body "of the range" has no single schema;
    /// - `default`: the `default` response only.
    /// - Returns: The response, or `nil` when `status` selects none.
    public func response(for status: ResponseStatus) -> Response? {
        switch status {
        case .code(let code):
            return OpenAPIDocument.response(for: code, in: self)
        case .range(let digit):
            let key = "\(digit)XX"
            if let r = responses.first(where: { $0.status.uppercased() == key }) { return r }
            if responses.contains(where: { $0.status.count == 3 && $0.status.first == Character(String(digit)) && Int($0.status) != nil }) {
                return nil
            }
            return responses.first { $0.status == "default" }
        case .default:
            return responses.first { $0.status == "default" }
        }
    }

    /// Why ``response(for:)`` selects nothing for `status`, for messages: names the documented keys.
    func undocumentedStatusMessage(_ status: ResponseStatus) -> String {
        let documented = responses.map(\.status).joined(separator: ", ")
        if case .range(let digit) = status {
            let codes = responses.map(\.status).filter { $0.count == 3 && $0.first == Character(String(digit)) && Int($0) != nil }
            if !codes.isEmpty {
                return
                    "response \(status) is not documented for \(displayName): its codes are documented one by one (\(codes.joined(separator: ", "))); name one (documented: \(documented))"
            }
        }
        if case .code(let code) = status {
            return "status \(code) is not documented for \(displayName) (documented: \(documented))"
        }
        return "response \(status) is not documented for \(displayName) (documented: \(documented))"
    }
}

extension OpenAPIDocument {
    /// The compiled schema for a response body chosen by ``ResponseStatus`` (a code, a range or
    /// `default`; see ``OpenAPIOperation/response(for:)`` for the precedence), validating in the response
    /// direction.
    /// - Throws: ``ContractError`` when the operation, the response or the content type is not
    ///   documented (`status.undocumented`, `body.undocumented`, `content-type.undocumented`), or
    ///   the schema does not compile.
    public func responseSchema(for operation: String, status: ResponseStatus, contentType: String = "application/json")
        throws(ContractError) -> Schema
    {
        let op = try self.operation(operation)
        guard let response = op.response(for: status) else {
            throw ContractError(.undocumentedStatus, op.undocumentedStatusMessage(status))
        }
        try checkReferences(of: response)
        return try Self.schema(
            contentType, in: response.content, of: "response \(response.status) of \(op.displayName)", compiled: compiledSchema
        ).directed(.response)
    }

    /// Validates a response body against the response ``ResponseStatus`` selects. An undocumented
    /// response, body or content type is one error (as for a status code).
    /// - Throws: ``ContractError`` when no operation matches `operation`, or the schema does not
    ///   compile.
    public func validateResponse(
        _ body: JSONValue?, status: ResponseStatus, for operation: String, contentType: String = "application/json"
    ) throws(ContractError) -> ValidationResult {
        if case .code(let code) = status { return try validateResponse(body, status: code, for: operation, contentType: contentType) }
        let op = try self.operation(operation)
        guard let response = op.response(for: status) else {
            return contractFailure(.undocumentedStatus, "responses", op.undocumentedStatusMessage(status), op.responsesLocation)
        }
        return try validateBody(body, of: response, in: op, contentType: contentType)
    }
}
