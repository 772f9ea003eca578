import BigInt

/// Resolution of YAML scalars to JSON values under the YAML 1.2 core schema.
///
/// Works on the scalar's UTF-8 bytes as libyaml delivers them, so that the common case (a plain
/// word) costs one byte test before the string is made.
enum YAMLScalar {
    /// The tags the reader understands; everything else resolves as if untagged.
    enum Tag: Equatable {
        case none, nonSpecific, str, int, float, bool, null, map, seq, other

        /// The short spelling used in messages (`!!int`).
        var name: String {
            switch self {
            case .str: return "!!str"
            case .int: return "!!int"
            case .float: return "!!float"
            case .bool: return "!!bool"
            case .null: return "!!null"
            case .map: return "!!map"
            case .seq: return "!!seq"
            case .nonSpecific: return "!"
            case .none, .other: return "tag"
            }
        }

        /// Classifies a resolved libyaml tag (`tag:yaml.org,2002:int`, `!`, `!custom`, or `nil`).
        init(_ tag: UnsafePointer<UInt8>?) {
            guard let tag else {
                self = .none
                return
            }
            var n = 0
            while tag[n] != 0 { n += 1 }
            let bytes = UnsafeBufferPointer(start: tag, count: n)
            if n == 1 && bytes[0] == UInt8(ascii: "!") {
                self = .nonSpecific
                return
            }
            let prefix = "tag:yaml.org,2002:".utf8
            guard n > prefix.count, bytes.prefix(prefix.count).elementsEqual(prefix) else {
                self = .other
                return
            }
            switch String(decoding: bytes.dropFirst(prefix.count), as: UTF8.self) {
            case "str": self = .str
            case "int": self = .int
            case "float": self = .float
            case "bool": self = .bool
            case "null": self = .null
            case "map": self = .map
            case "seq": self = .seq
            default: self = .other
            }
        }
    }

    /// What the number scanner recognised.
    enum NumberForm {
        case none, decimalInteger, decimalFloat, hex, octal, infinity, nan
    }

    // MARK: Resolution

    /// Resolves a scalar: plain untagged scalars by the core schema, tagged ones by their tag, all
    /// other scalars as strings.
    /// - Throws: `yaml.non-json-number`, `yaml.bad-tag-value`.
    @inline(__always)
    static func resolve(_ text: UnsafeBufferPointer<UInt8>, plain: Bool, tag: Tag, at location: SourceLocation) throws(SourceError)
        -> JSONValue.Kind
    {
        switch tag {
        case .none, .other:
            return plain ? try resolvePlain(text, at: location) : .string(string(text))
        case .nonSpecific, .str:
            return .string(string(text))
        case .null:
            if isNull(text) { return .null }
        case .bool:
            if let b = bool(text) { return .bool(b) }
        case .int:
            let form = numberForm(text)
            if form == .decimalInteger || form == .hex || form == .octal {
                return .number(try number(text, form: form, at: location))
            }
        case .float:
            let form = numberForm(text)
            if form == .decimalInteger || form == .decimalFloat || form == .infinity || form == .nan {
                return .number(try number(text, form: form, at: location))
            }
        case .map, .seq:
            break
        }
        throw SourceError(
            code: "yaml.bad-tag-value",
            message: "`\(string(text))` is not a valid \(tag.name) value",
            location: location)
    }

    /// Resolves a plain, untagged scalar by the YAML 1.2 core schema.
    @inline(__always)
    static func resolvePlain(_ text: UnsafeBufferPointer<UInt8>, at location: SourceLocation) throws(SourceError) -> JSONValue.Kind {
        guard let first = text.first else { return .null }
        switch first {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."):
            let form = numberForm(text)
            if form != .none { return .number(try number(text, form: form, at: location)) }
        case UInt8(ascii: "n"), UInt8(ascii: "N"), UInt8(ascii: "~"):
            if isNull(text) { return .null }
        case UInt8(ascii: "t"), UInt8(ascii: "T"), UInt8(ascii: "f"), UInt8(ascii: "F"):
            if let b = bool(text) { return .bool(b) }
        default:
            break
        }
        return .string(string(text))
    }

    /// The scalar's text as a string.
    @inline(__always)
    static func string(_ text: UnsafeBufferPointer<UInt8>) -> String {
        guard let start = text.baseAddress else { return "" }
        return String(copyingUTF8: start, count: text.count)
    }

    /// `null`, `Null`, `NULL`, `~` or empty.
    static func isNull(_ t: UnsafeBufferPointer<UInt8>) -> Bool {
        switch t.count {
        case 0: return true
        case 1: return t[0] == UInt8(ascii: "~")
        case 4: return equals(t, "null") || equals(t, "Null") || equals(t, "NULL")
        default: return false
        }
    }

    /// The boolean for `true`/`True`/`TRUE`/`false`/`False`/`FALSE`.
    static func bool(_ t: UnsafeBufferPointer<UInt8>) -> Bool? {
        switch t.count {
        case 4 where equals(t, "true") || equals(t, "True") || equals(t, "TRUE"): return true
        case 5 where equals(t, "false") || equals(t, "False") || equals(t, "FALSE"): return false
        default: return nil
        }
    }

    @inline(__always)
    private static func equals(_ t: UnsafeBufferPointer<UInt8>, _ s: StaticString) -> Bool {
        guard t.count == s.utf8CodeUnitCount else { return false }
        let p = s.utf8Start
        for i in 0..<t.count where t[i] != p[i] { return false }
        return true
    }

    // MARK: Numbers

    @inline(__always)
    private static func isDigit(_ c: UInt8) -> Bool { c &- UInt8(ascii: "0") < 10 }

    @inline(__always)
    private static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    /// Matches the core schema's int and float patterns.
    static func numberForm(_ t: UnsafeBufferPointer<UInt8>) -> NumberForm {
        let n = t.count
        guard n > 0 else { return .none }
        if n > 2 && t[0] == UInt8(ascii: "0") && (t[1] == UInt8(ascii: "x") || t[1] == UInt8(ascii: "o")) {
            let hex = t[1] == UInt8(ascii: "x")
            for i in 2..<n {
                if hex {
                    if hexValue(t[i]) == nil { return .none }
                } else if t[i] < UInt8(ascii: "0") || t[i] > UInt8(ascii: "7") {
                    return .none
                }
            }
            return hex ? .hex : .octal
        }
        var i = 0
        let signed = t[0] == UInt8(ascii: "+") || t[0] == UInt8(ascii: "-")
        if signed { i = 1 }
        if i < n && t[i] == UInt8(ascii: ".") && n - i == 4 {
            let rest = UnsafeBufferPointer(rebasing: t[i...])
            if equals(rest, ".inf") || equals(rest, ".Inf") || equals(rest, ".INF") { return .infinity }
            if !signed && (equals(rest, ".nan") || equals(rest, ".NaN") || equals(rest, ".NAN")) { return .nan }
        }
        let intStart = i
        while i < n && isDigit(t[i]) { i += 1 }
        let intDigits = i - intStart
        var integer = true
        if i < n && t[i] == UInt8(ascii: ".") {
            integer = false
            i += 1
            let fracStart = i
            while i < n && isDigit(t[i]) { i += 1 }
            if intDigits == 0 && i == fracStart { return .none }
        } else if intDigits == 0 {
            return .none
        }
        if i < n && (t[i] == UInt8(ascii: "e") || t[i] == UInt8(ascii: "E")) {
            integer = false
            i += 1
            if i < n && (t[i] == UInt8(ascii: "+") || t[i] == UInt8(ascii: "-")) { i += 1 }
            let expStart = i
            while i < n && isDigit(t[i]) { i += 1 }
            if i == expStart { return .none }
        }
        guard i == n else { return .none }
        return integer ? .decimalInteger : .decimalFloat
    }

    /// The exact value of a scalar whose form `numberForm` recognised.
    /// - Throws: `yaml.non-json-number` for infinities, NaN and exponents out of range.
    static func number(_ t: UnsafeBufferPointer<UInt8>, form: NumberForm, at location: SourceLocation) throws(SourceError) -> JSONNumber {
        switch form {
        case .decimalInteger:
            let negative = t[0] == UInt8(ascii: "-")
            let start = (negative || t[0] == UInt8(ascii: "+")) ? 1 : 0
            if t.count - start <= 18 {
                var v: Int64 = 0
                for i in start..<t.count { v = v &* 10 &+ Int64(t[i] &- UInt8(ascii: "0")) }
                return JSONNumber(negative ? -v : v)
            }
        case .hex, .octal:
            let digits = UnsafeBufferPointer(rebasing: t[2...])
            let radix = form == .hex ? 16 : 8
            if digits.count <= (form == .hex ? 15 : 20) {
                var v: Int64 = 0
                for c in digits { v = v &* Int64(radix) &+ Int64(hexValue(c)!) }
                return JSONNumber(v)
            }
            if let big = BigInt(string(digits), radix: radix) { return JSONNumber(big) }
        case .infinity, .nan:
            throw SourceError(
                code: "yaml.non-json-number",
                message: "`\(string(t))` is not representable in JSON",
                location: location)
        case .decimalFloat, .none:
            break
        }
        if let n = JSONNumber(literal: string(t)) { return n }
        throw SourceError(
            code: "yaml.non-json-number",
            message: "`\(string(t))` is out of the representable range",
            location: location)
    }
}
