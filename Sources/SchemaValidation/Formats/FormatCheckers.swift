// The registry of built-in `format` assertions, plus the small formats that need no file of their own:
// `uuid` (RFC 4122), `json-pointer` (RFC 6901), `relative-json-pointer`
// (draft-handrews-relative-json-pointer-01), `regex` (ECMA-262), and OpenAPI's `byte`, `binary`, `password`.

/// String `format` checkers for JSON Schema 2020-12 / draft 4 and OpenAPI 3.0 / 3.1.
///
/// Each checker receives a string instance and returns whether it conforms. Non-string instances are
/// always valid for these formats; the caller is responsible for not invoking the checker on them.
enum FormatCheckers {
    /// The built-in string-format checks, by format name.
    static let builtin: [String: @Sendable (String) -> Bool] = [
        "date-time": DateTimeFormats.isDateTime,
        "date": DateTimeFormats.isDate,
        "time": DateTimeFormats.isTime,
        "duration": DateTimeFormats.isDuration,
        "email": EmailFormat.isEmail,
        "idn-email": EmailFormat.isIDNEmail,
        "hostname": HostnameFormats.isHostname,
        "idn-hostname": HostnameFormats.isIDNHostname,
        "ipv4": IPFormats.isIPv4,
        "ipv6": IPFormats.isIPv6,
        "uri": URIFormats.isURI,
        "uri-reference": URIFormats.isURIReference,
        "iri": URIFormats.isIRI,
        "iri-reference": URIFormats.isIRIReference,
        "uri-template": URITemplateFormat.isURITemplate,
        "uuid": isUUID,
        "json-pointer": isJSONPointer,
        "relative-json-pointer": isRelativeJSONPointer,
        "regex": isRegex,
        // OpenAPI 3.x
        "byte": isBase64,
        "binary": { _ in true },
        "password": { _ in true },
    ]

    /// `uuid`: `8-4-4-4-12` hexadecimal digits (either case), any version or variant.
    static func isUUID(_ string: String) -> Bool {
        var string = string
        return string.withUTF8 { bytes in
            guard bytes.count == 36 else { return false }
            for (index, byte) in bytes.enumerated() {
                switch index {
                case 8, 13, 18, 23:
                    if byte != UInt8(ascii: "-") { return false }
                default:
                    if !IPFormats.isHexDigit(byte) { return false }
                }
            }
            return true
        }
    }

    /// `json-pointer`: empty, or a sequence of `/`-prefixed reference tokens in which `~` is always
    /// followed by `0` or `1`.
    static func isJSONPointer(_ string: String) -> Bool {
        var string = string
        return string.withUTF8 { isJSONPointer($0[...]) }
    }

    private static func isJSONPointer(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        guard let first = bytes.first else { return true }
        guard first == UInt8(ascii: "/") else { return false }
        var index = bytes.startIndex
        while index < bytes.endIndex {
            if bytes[index] == UInt8(ascii: "~") {
                guard index + 1 < bytes.endIndex,
                    bytes[index + 1] == UInt8(ascii: "0") || bytes[index + 1] == UInt8(ascii: "1")
                else { return false }
                index += 2
            } else {
                index += 1
            }
        }
        return true
    }

    /// `relative-json-pointer`: a non-negative integer without leading zeros, followed by either `#`
    /// or a JSON pointer.
    static func isRelativeJSONPointer(_ string: String) -> Bool {
        var string = string
        return string.withUTF8 { bytes in
            var index = 0
            while index < bytes.count, DateTimeFormats.isDigit(bytes[index]) { index += 1 }
            guard index > 0, !(index > 1 && bytes[0] == UInt8(ascii: "0")) else { return false }
            if index == bytes.count { return true }
            if bytes[index] == UInt8(ascii: "#") { return index + 1 == bytes.count }
            return bytes[index] == UInt8(ascii: "/") && isJSONPointer(bytes[index...])
        }
    }

    /// `regex`: a syntactically valid ECMA-262 regular expression (Unicode mode).
    static func isRegex(_ string: String) -> Bool {
        ECMARegex.isValidSyntax(string)
    }

    /// OpenAPI `byte`: base64 (RFC 4648 §4) with the standard alphabet and mandatory `=` padding.
    static func isBase64(_ string: String) -> Bool {
        var string = string
        return string.withUTF8 { bytes in
            guard bytes.count % 4 == 0 else { return false }
            var padding = 0
            for (index, byte) in bytes.enumerated() {
                switch byte {
                case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                    UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "/"):
                    if padding > 0 { return false }
                case UInt8(ascii: "="):
                    padding += 1
                    // Padding only in the last two positions.
                    if index < bytes.count - 2 || padding > 2 { return false }
                default:
                    return false
                }
            }
            return true
        }
    }
}
