import OpenAPIContract

/// An RFC 9457 problem details document (`application/problem+json`) for a request that breaks
/// the contract: what a server answers instead of running its handler.
///
/// ```json
/// {"type": "about:blank", "title": "Bad Request", "status": 400,
///  "detail": "the request of createVideos violates the contract (1 error)",
///  "errors": [{"pointer": "/request/body/aspect_ratio", "detail": "\"16:10\" is not one of …"}]}
/// ```
///
/// `type` is `about:blank`, so `title` is the status phrase (RFC 9457 §4.2.1). The `errors`
/// extension member lists each violation: `pointer` is its instance location (the part of the
/// exchange: `/request/query/limit`, `/request/body/…`) and `detail` the message. Where in the
/// contract each rule is written is left out: that is the server's file layout, which RFC 9457 §5
/// advises against exposing. Messages never contain a credential's value.
public enum ProblemDetails {
    /// The media type of the document.
    public static let mediaType = "application/problem+json"

    /// The JSON document for `violation` answered with `status`.
    /// - Parameters:
    ///   - violation: The violations to list.
    ///   - status: The status code of the answer (400 for a bad request).
    ///   - title: The status phrase.
    /// - Returns: UTF-8 JSON text.
    public static func json(for violation: ContractViolation, status: Int = 400, title: String = "Bad Request") -> String {
        var text = "{\"type\":\"about:blank\",\"title\":" + JSONWriter.quoted(title) + ",\"status\":\(status),\"detail\":"
        text += JSONWriter.quoted(
            "\(violation.subject) violates the contract (\(violation.errors.count == 1 ? "1 error" : "\(violation.errors.count) errors"))")
        text += ",\"errors\":["
        for (index, error) in violation.errors.enumerated() {
            if index > 0 { text += "," }
            text += "{\"pointer\":" + JSONWriter.quoted(error.instanceLocation) + ",\"detail\":" + JSONWriter.quoted(error.message) + "}"
        }
        return text + "]}"
    }
}
