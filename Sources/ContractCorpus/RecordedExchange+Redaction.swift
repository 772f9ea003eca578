import Foundation
import OpenAPIContract

extension RecordedExchange {
    /// Header fields whose values are credentials whatever the contract says.
    static let credentialHeaders: Set<String> = ["authorization", "proxy-authorization", "cookie", "set-cookie"]

    /// `text` (a line of a HAR file, shown under a finding) with every credential it may hold
    /// replaced by as many `*` as it has characters, so a caret under the line stays aligned:
    /// user information in URLs (`https://user:pw@`), query values named like a credential or like
    /// an API key of `document` (`?api_key=…`), and the `value` of a `{"name": …, "value": …}`
    /// pair (headers, cookies, query parameters) whose name is one of those, `Authorization`,
    /// `Proxy-Authorization`, `Cookie` or `Set-Cookie`.
    public static func maskingCredentials(in text: String, for document: OpenAPIDocument?) -> String {
        var keys = Set<String>()
        for scheme in document?.securitySchemes.values.map(\.kind) ?? [] {
            if case .apiKey(let name, _)? = scheme { keys.insert(name.lowercased()) }
        }
        func secret(_ name: String) -> Bool {
            let lowered = name.lowercased()
            return keys.contains(lowered) || credentialHeaders.contains(lowered) || CredentialLikeName.matches(name)
        }
        var s = Array(text.unicodeScalars)
        func mask(_ range: Range<Int>) { for i in range { s[i] = "*" } }
        func stop(_ c: Unicode.Scalar, _ stops: String) -> Bool { stops.unicodeScalars.contains(c) || c.properties.isWhitespace }
        var i = 0
        while i < s.count {
            switch s[i] {
            case ":" where i + 2 < s.count && s[i + 1] == "/" && s[i + 2] == "/":
                // User information: up to the last `@` before the authority ends.
                var j = i + 3
                var at: Int?
                while j < s.count, !stop(s[j], "/?#\"'\\") {
                    if s[j] == "@" { at = j }
                    j += 1
                }
                if let at { mask(i + 3..<at) }
                i += 3
            case "?", "&":
                var j = i + 1
                while j < s.count, s[j] != "=", !stop(s[j], "&#\"'\\?/") { j += 1 }
                guard j < s.count, s[j] == "=", j > i + 1 else {
                    i += 1
                    continue
                }
                var name = String.UnicodeScalarView()
                name.append(contentsOf: s[(i + 1)..<j])
                let decoded = String(name).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(name)
                var end = j + 1
                while end < s.count, !stop(s[end], "&#\"'\\") { end += 1 }
                if secret(decoded) { mask(j + 1..<end) }
                i = end
            case "\"":
                // `"name": "X"` … `"value": "V"` within one object on this line.
                guard let (key, afterKey) = Self.jsonString(s, i), key == "name",
                    let (name, afterName) = Self.member(s, afterKey), secret(name)
                else {
                    i += 1
                    continue
                }
                var j = afterName
                while j < s.count, s[j] != "}" {
                    if s[j] == "\"", let (k, afterK) = Self.jsonString(s, j) {
                        if k == "value", let start = Self.valueStart(s, afterK), let (_, afterValue) = Self.jsonString(s, start) {
                            mask(start + 1..<afterValue - 1)
                            j = afterValue
                            break
                        }
                        j = afterK
                    } else {
                        j += 1
                    }
                }
                i = max(afterName, j)
            default:
                i += 1
            }
        }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: s)
        return String(view)
    }

    /// The JSON string starting at `s[start]` (a `"`), decoded only as far as `\"` and `\\`, and
    /// the index after its closing quote.
    private static func jsonString(_ s: [Unicode.Scalar], _ start: Int) -> (String, Int)? {
        guard start < s.count, s[start] == "\"" else { return nil }
        var text = String.UnicodeScalarView()
        var j = start + 1
        while j < s.count {
            if s[j] == "\\", j + 1 < s.count {
                text.append(s[j + 1])
                j += 2
                continue
            }
            if s[j] == "\"" { return (String(text), j + 1) }
            text.append(s[j])
            j += 1
        }
        return nil
    }

    /// Where the value after a member name's `:` starts (spaces skipped).
    private static func valueStart(_ s: [Unicode.Scalar], _ afterKey: Int) -> Int? {
        var j = afterKey
        while j < s.count, s[j].properties.isWhitespace { j += 1 }
        guard j < s.count, s[j] == ":" else { return nil }
        j += 1
        while j < s.count, s[j].properties.isWhitespace { j += 1 }
        return j < s.count ? j : nil
    }

    /// The string value of the member whose name ends at `afterKey`, and the index after it.
    private static func member(_ s: [Unicode.Scalar], _ afterKey: Int) -> (String, Int)? {
        guard let start = valueStart(s, afterKey) else { return nil }
        return jsonString(s, start)
    }
}
