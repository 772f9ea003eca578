import Foundation
import SpecSource

/// An HTTP Archive (HAR 1.2) file read into ``RecordedExchange``s, one per entry of `log.entries`.
///
/// ```swift
/// let archive = try HARArchive(contentsOf: "traffic.har")          // a located SourceError if not a HAR
/// for entry in archive.entries {
///     switch entry.exchange {
///     case .success(let exchange): print(entry.index, try exchange.check(against: contract).isValid)
///     case .failure(let error): print(entry.index, "cannot be read:", error)   // file:line:col
///     }
/// }
/// ```
///
/// How an entry becomes an exchange (HAR 1.2, with the choices where the format says two things
/// or tools differ):
/// - **URL and query.** `request.url` is the absolute URL that was requested. When it has a query,
///   that query is what was sent and `request.queryString` — HAR's list of the parameters "parsed
///   from a query string", the same ones decoded — is ignored, so no parameter counts twice. Only a
///   URL without `?` takes its query from `queryString` (names and values percent-encoded, in order).
/// - **Headers.** `request.headers` and `response.headers` in order, names in any case (they are
///   compared without case); HTTP/2 pseudo-header fields (`:method`, `:path`, …) are not header
///   fields and are skipped.
/// - **Cookies.** A `Cookie` header field is what was sent; `request.cookies` (the same cookies,
///   parsed) is used only when the headers hold no `Cookie` field. Response cookies come from
///   `Set-Cookie` fields like any header.
/// - **Request body.** `postData.text` (base64-decoded when `postData.encoding` is `base64`, as
///   the HAR 1.3 proposal and some tools write it). With only `postData.params`, the body is
///   rebuilt: `name=value&…` for `application/x-www-form-urlencoded`, parts for
///   `multipart/form-data` (with the boundary of the `Content-Type` field). Without a
///   `Content-Type` field, `postData.mimeType` stands in for it.
/// - **Response.** None when `response` is absent or its `status` is 0 (a request blocked or
///   failed before an answer, as browsers record it) or negative (never answered).
///   `content.text` is the body, base64-decoded when `content.encoding` is `base64`; without a
///   `Content-Type` field, `content.mimeType` stands in for it. A body that was sent but not
///   recorded (`bodySize` or `content.size` above 0, no text) is listed as unchecked.
public struct HARArchive: Sendable {
    /// One entry of `log.entries`.
    public struct Entry: Sendable {
        /// Its index in `log.entries`, from 0.
        public var index: Int
        /// The exchange, or why the entry cannot be read (located in the file).
        public var exchange: Result<RecordedExchange, SourceError>
        /// `request.method` and `request.url` when the entry has them (also when it cannot be read
        /// for another reason), for reports.
        public var method: String?
        /// See ``method``.
        public var url: String?
        /// Where the entry's object starts in the HAR file.
        public var location: SourceLocation = .unknown
    }

    /// The file, as given.
    public var path: String
    /// The entries in file order.
    public var entries: [Entry]

    /// Reads a HAR file (JSON, UTF-8).
    /// - Throws: ``SpecSource/SourceError`` when the file cannot be read, is not JSON, or has no
    ///   `log.entries` array (code `har.invalid`), with its file, line and column. An entry that
    ///   cannot be read does not throw: it is an ``Entry`` holding its error.
    public init(contentsOf path: String) throws(SourceError) {
        self.path = path
        let root = try SourceLoader.load(contentsOf: path, format: .json)
        guard let log = root["log"] else { throw HARReader.bad("a HAR file needs a \"log\" object", root.location) }
        guard log.objectValue != nil else { throw HARReader.bad("\"log\" must be an object", log.location) }
        guard let list = log["entries"] else { throw HARReader.bad("\"log\" needs an \"entries\" array", log.location) }
        guard let items = list.arrayValue else { throw HARReader.bad("\"entries\" must be an array", list.location) }
        entries = items.enumerated().map { index, item in
            let request = item["request"]
            return Entry(
                index: index, exchange: Result { () throws(SourceError) in try HARReader.exchange(item) },
                method: request?["method"]?.stringValue, url: request?["url"]?.stringValue, location: item.location)
        }
    }
}

/// Reads HAR objects; every error names the value at fault.
enum HARReader {
    static func bad(_ message: String, _ at: SourceLocation) -> SourceError {
        SourceError(code: "har.invalid", message: message, location: at)
    }

    static func object(_ value: JSONValue?, _ what: String, in parent: JSONValue) throws(SourceError) -> JSONValue {
        guard let value else { throw bad("\(what) is missing", parent.location) }
        guard value.objectValue != nil else { throw bad("\(what) must be an object", value.location) }
        return value
    }

    static func string(_ value: JSONValue?, _ what: String, in parent: JSONValue) throws(SourceError) -> String {
        guard let value else { throw bad("\(what) is missing", parent.location) }
        guard let s = value.stringValue else { throw bad("\(what) must be a string", value.location) }
        return s
    }

    /// A `[{name, value}]` list (headers, queryString, cookies, params); `[]` when absent.
    static func pairs(_ value: JSONValue?, _ what: String) throws(SourceError) -> [(name: String, value: String)] {
        guard let value else { return [] }
        guard let items = value.arrayValue else { throw bad("\(what) must be an array", value.location) }
        var result: [(name: String, value: String)] = []
        for item in items {
            guard item.objectValue != nil else { throw bad("an item of \(what) must be an object", item.location) }
            let name = try string(item["name"], "\"name\"", in: item)
            // `value` is optional for postData params (a file may be posted without content).
            let text = item["value"] == nil && what == "\"params\"" ? "" : try string(item["value"], "\"value\"", in: item)
            result.append((name, text))
        }
        return result
    }

    /// `text`, base64-decoded when `encoding` says so.
    static func bytes(text: JSONValue, encoding: JSONValue?) throws(SourceError) -> [UInt8] {
        guard let s = text.stringValue else { throw bad("\"text\" must be a string", text.location) }
        guard let encoding else { return Array(s.utf8) }
        guard let name = encoding.stringValue else { throw bad("\"encoding\" must be a string", encoding.location) }
        if name.isEmpty { return Array(s.utf8) }
        guard name.lowercased() == "base64" else {
            throw bad("\"encoding\" \(JSONWriter.quoted(name)) is not supported (only base64)", encoding.location)
        }
        // Line breaks and spaces may wrap long base64 text; anything else must be base64.
        let compact = String(s.unicodeScalars.filter { !" \t\r\n".unicodeScalars.contains($0) })
        guard let data = Data(base64Encoded: compact) else { throw bad("\"text\" is not valid base64", text.location) }
        return Array(data)
    }

    static func exchange(_ entry: JSONValue) throws(SourceError) -> RecordedExchange {
        guard entry.objectValue != nil else { throw bad("an entry must be an object", entry.location) }
        let request = try object(entry["request"], "\"request\"", in: entry)
        let method = try string(request["method"], "\"method\"", in: request)
        var url = try string(request["url"], "\"url\"", in: request)
        guard !method.isEmpty else { throw bad("\"method\" is empty", request["method"]!.location) }
        var headers = try pairs(request["headers"], "\"headers\"").filter { !$0.name.hasPrefix(":") }
        let query = try pairs(request["queryString"], "\"queryString\"")
        let urlWithoutFragment = url.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
        if !urlWithoutFragment.contains("?"), !query.isEmpty {
            url = String(urlWithoutFragment) + "?" + PercentEncoding.form(query)
        }
        let cookies = try pairs(request["cookies"], "\"cookies\"")
        if !cookies.isEmpty, !headers.contains(where: { $0.name.lowercased() == "cookie" }) {
            headers.append(("Cookie", cookies.map { "\($0.name)=\($0.value)" }.joined(separator: "; ")))
        }
        var body: [UInt8]?
        if let postData = request["postData"] {
            guard postData.objectValue != nil else { throw bad("\"postData\" must be an object", postData.location) }
            let mimeType = postData["mimeType"]?.stringValue ?? ""
            if let text = postData["text"] {
                body = try bytes(text: text, encoding: postData["encoding"])
            } else if postData["params"] != nil {
                body = try rebuild(
                    try pairs(postData["params"], "\"params\""), mimeType: mimeType, headers: &headers, params: postData["params"]!)
            }
            if let b = body, !b.isEmpty, !mimeType.isEmpty, !headers.contains(where: { $0.name.lowercased() == "content-type" }) {
                headers.append(("Content-Type", mimeType))
            }
        }
        let requestNotRecorded = body == nil && (request["bodySize"]?.numberValue.flatMap { Int("\($0)") } ?? 0) > 0
        let sent = RecordedExchange.Request(method: method, url: url, headers: headers, body: body, bodyNotRecorded: requestNotRecorded)
        var exchange = RecordedExchange(request: sent, response: try response(entry["response"]), location: entry.location)
        exchange.partLocations = partLocations(entry)
        return exchange
    }

    /// Where an entry's parts are written, by the instance-location prefix of their findings.
    static func partLocations(_ entry: JSONValue) -> [String: SourceLocation] {
        var parts: [String: SourceLocation] = [:]
        func note(_ prefix: String, _ value: JSONValue?) { if let value { parts[prefix] = value.location } }
        let request = entry["request"]
        let response = entry["response"]
        note("/request", request)
        note("/request/body", request?["postData"]?["text"] ?? request?["postData"]?["params"] ?? request?["postData"])
        // Each named part at its own value: the first header, query or cookie item of that name.
        func noteItems(_ prefix: String, _ list: JSONValue?, lowercased: Bool) {
            for item in list?.arrayValue ?? [] {
                guard let name = item["name"]?.stringValue, let value = item["value"] else { continue }
                let key = prefix + "/" + JSONPointer.escape(lowercased ? name.lowercased() : name)
                if parts[key] == nil { parts[key] = value.location }
            }
        }
        note("/request/header", request?["headers"])
        noteItems("/request/header", request?["headers"], lowercased: true)
        // The query is read from the URL when it has one (queryString only otherwise), so its
        // findings point at the URL then.
        let url = request?["url"]
        if url?.stringValue?.contains("?") == true {
            note("/request/query", url)
        } else {
            note("/request/query", request?["queryString"] ?? url)
            noteItems("/request/query", request?["queryString"], lowercased: false)
        }
        note("/request/path", url)
        // A `Cookie` header wins over the cookies list.
        let cookieHeader = request?["headers"]?.arrayValue?.first { $0["name"]?.stringValue?.lowercased() == "cookie" }
        if let cookieHeader {
            note("/request/cookie", cookieHeader["value"] ?? cookieHeader)
        } else {
            note("/request/cookie", request?["cookies"] ?? request?["headers"])
            noteItems("/request/cookie", request?["cookies"], lowercased: false)
        }
        note("/response", response)
        note("/response/status", response?["status"])
        note("/response/header", response?["headers"])
        noteItems("/response/header", response?["headers"], lowercased: true)
        note("/response/body", response?["content"]?["text"] ?? response?["content"])
        return parts
    }

    static func response(_ value: JSONValue?) throws(SourceError) -> RecordedExchange.Response? {
        guard let value else { return nil }
        guard value.objectValue != nil else { throw bad("\"response\" must be an object", value.location) }
        guard let statusValue = value["status"] else { throw bad("\"status\" is missing", value.location) }
        guard let number = statusValue.numberValue, let status = Int("\(number)") else {
            throw bad("\"status\" must be an integer", statusValue.location)
        }
        if status <= 0 { return nil }
        guard status <= 999 else { throw bad("\"status\" \(status) is not an HTTP status code", statusValue.location) }
        var headers = try pairs(value["headers"], "\"headers\"").filter { !$0.name.hasPrefix(":") }
        var body: [UInt8]?
        var notRecorded = false
        if let content = value["content"] {
            guard content.objectValue != nil else { throw bad("\"content\" must be an object", content.location) }
            if let text = content["text"] {
                body = try bytes(text: text, encoding: content["encoding"])
            } else {
                notRecorded = (content["size"]?.numberValue.flatMap { Int("\($0)") } ?? 0) > 0
            }
            let mimeType = content["mimeType"]?.stringValue ?? ""
            if let b = body, !b.isEmpty, !mimeType.isEmpty, !headers.contains(where: { $0.name.lowercased() == "content-type" }) {
                headers.append(("Content-Type", mimeType))
            }
        }
        return RecordedExchange.Response(status: status, headers: headers, body: body, bodyNotRecorded: notRecorded)
    }

    /// A body from `postData.params`: a form body, or multipart parts with the boundary of the
    /// `Content-Type` field (one is added when the field is missing).
    static func rebuild(
        _ params: [(name: String, value: String)], mimeType: String, headers: inout [(name: String, value: String)],
        params location: JSONValue
    ) throws(SourceError) -> [UInt8] {
        let declared = headers.first(where: { $0.name.lowercased() == "content-type" })?.value ?? mimeType
        let essence = declared.split(separator: ";", maxSplits: 1).first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        switch essence {
        case "application/x-www-form-urlencoded":
            return Array(PercentEncoding.form(params).utf8)
        case "multipart/form-data":
            var boundary = "spec-check-har-boundary"
            if let found = declared.range(of: "boundary=", options: .caseInsensitive) {
                boundary = String(declared[found.upperBound...].prefix(while: { $0 != ";" })).trimmingCharacters(
                    in: CharacterSet(charactersIn: "\" "))
            } else {
                headers.removeAll { $0.name.lowercased() == "content-type" }
                headers.append(("Content-Type", "multipart/form-data; boundary=\(boundary)"))
            }
            var text = ""
            for (p, item) in zip(params, location.arrayValue ?? []) {
                text += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(p.name)\""
                if let file = item["fileName"]?.stringValue { text += "; filename=\"\(file)\"" }
                if let type = item["contentType"]?.stringValue { text += "\r\nContent-Type: \(type)" }
                text += "\r\n\r\n\(p.value)\r\n"
            }
            return Array((text + "--\(boundary)--\r\n").utf8)
        default:
            throw bad(
                "\"params\" can only be read for form and multipart bodies (mimeType \(JSONWriter.quoted(declared)))", location.location)
        }
    }
}
