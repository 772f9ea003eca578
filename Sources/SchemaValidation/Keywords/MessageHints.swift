import SpecSource

// Hints that make a message name the fix: the nearest declared name for a misspelled property,
// the nearest allowed value, why a format fails. Built only when an error is reported; what they
// need from the schema is gathered once, at compile time.

/// `; did you mean "x"?` when `name` is near one of `candidates` (see ``SpecSource/NameSuggestion``),
/// else empty; the normalization note when a candidate looks the same but has other code points.
func didYouMean(_ name: String, among candidates: [String]) -> String {
    if let twin = normalizationTwin(of: name, among: candidates) { return normalizationNote(name, declared: twin) }
    guard let near = NameSuggestion.nearest(to: name, among: candidates) else { return "" }
    return "; did you mean \(ValuePreview.quoted(near))?"
}

/// The candidate that Swift's `==` (canonical equivalence) finds equal to `name` but whose Unicode
/// scalars differ: `café` written precomposed (U+00E9) against `e` + U+0301. JSON compares member
/// names code point by code point (JSON Schema Core 2020-12 §4.2.2), so they are two names that
/// look the same in every editor.
func normalizationTwin<S: Sequence<String>>(of name: String, among candidates: S) -> String? {
    candidates.first { $0 == name && !$0.unicodeScalars.elementsEqual(name.unicodeScalars) }
}

/// `; it looks like "café" but is written with other code points …` for an instance name and the
/// schema's name it is canonically equivalent to.
func normalizationNote(_ name: String, declared: String) -> String {
    "; it looks like \(ValuePreview.quoted(declared)) but " + codePointsDiffer(instance: name, schema: declared)
}

/// `is written with other code points ("cafe\u0301" in the instance, "caf\u00E9" in the schema):
/// names are compared code point by code point (a different Unicode normalization form)`.
func codePointsDiffer(instance: String, schema: String) -> String {
    "is written with other code points (\(scalarSpelling(instance)) in the instance, \(scalarSpelling(schema)) in the schema):"
        + " names are compared code point by code point (a different Unicode normalization form)"
}

/// `name` with every non-ASCII scalar written as `\uXXXX`, quoted.
private func scalarSpelling(_ name: String) -> String {
    var out = "\""
    for scalar in name.unicodeScalars.prefix(64) {
        if scalar.isASCII {
            out.unicodeScalars.append(scalar)
        } else {
            let hex = String(scalar.value, radix: 16, uppercase: true)
            out += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        }
    }
    return out + "\""
}

extension KeywordCompilationContext {
    /// The property names declared by `properties` in the subschemas the keywords `through` apply at
    /// the same instance location (`allOf`, `anyOf`, `oneOf`, `then`, `else`, `$ref` and
    /// `dependentSchemas`, read as written and followed through `$ref`s, at most 256 schemas), in
    /// declaration order without repeats. For messages only: it reads the raw documents and never
    /// compiles or diagnoses anything.
    func inPlaceDeclaredNames(through keywords: [String]) -> [String] {
        var names: [String] = []
        var seen = Set<String>()
        var visited = 0
        var pending: [(value: JSONValue, base: URIReference)] = []
        func enqueue(_ object: JSONObject, _ base: URIReference, _ keywords: [String]) {
            for keyword in keywords {
                guard let value = object[keyword] else { continue }
                switch value.kind {
                case .array(let items): pending += items.map { ($0, base) }
                case .object(let map) where keyword == "dependentSchemas": pending += map.members.map { ($0.value, base) }
                case .object: pending.append((value, base))
                case .string(let reference) where keyword == "$ref":
                    let uri = base.resolving(reference)
                    guard let target = try? compiler.registry.locate(uri, defaultDialect: dialect, purpose: .object),
                        let resolved = target.pointer.resolve(in: target.document.root)
                    else { continue }
                    pending.append((resolved, URIReference(target.document.uriString)))
                default: continue
                }
            }
        }
        let applicators = ["allOf", "anyOf", "oneOf", "then", "else", "$ref", "dependentSchemas"]
        enqueue(object, base, keywords)
        while let next = pending.popLast(), visited < 256 {
            visited += 1
            guard let schema = next.value.objectValue else { continue }
            for name in schema["properties"]?.objectValue?.keys ?? [] where seen.insert(name).inserted { names.append(name) }
            enqueue(schema, next.base, applicators)
        }
        return names
    }
}

/// Why a string fails a built-in format, in a few words, or `nil` when no short reason applies.
/// Runs only after the format's checker said no, so the checkers (and `isValid`) stay allocation
/// free; each reason is a cheap look at the first bytes of the string.
enum FormatReason {
    static func reason(format: String, value: JSONValue) -> String? {
        switch value.kind {
        case .number(let n): return numberReason(format: format, n)
        case .string(let s): return stringReason(format: format, Array(s.utf8.prefix(512)), isCut: s.utf8.count > 512)
        default: return nil
        }
    }

    private static func numberReason(format: String, _ n: JSONNumber) -> String? {
        switch format {
        case "int32": return n.isInteger ? "outside the int32 range -2147483648…2147483647" : "not an integer"
        case "int64": return n.isInteger ? "outside the int64 range -9223372036854775808…9223372036854775807" : "not an integer"
        case "float": return "outside the range of a 32-bit float"
        case "double": return "outside the range of a 64-bit double"
        default: return nil
        }
    }

    private static func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }

    private static func stringReason(format: String, _ b: [UInt8], isCut: Bool) -> String? {
        switch format {
        case "date-time": return dateTimeReason(b)
        case "date": return dateReason(b, whole: true)
        case "time": return timeReason(b[...])
        case "uri", "iri":
            if let colon = b.firstIndex(of: UInt8(ascii: ":")), colon > 0, isScheme(b[..<colon]) {
                return characterReason(b) ?? nil
            }
            return b.first == UInt8(ascii: "/") || b.first == UInt8(ascii: ".") || b.first == UInt8(ascii: "#")
                ? "a relative reference: \(format) needs an absolute URI with a scheme (https://…); uri-reference allows relative ones"
                : "no scheme: \(format) needs an absolute URI (https://…)"
        case "uri-reference", "iri-reference": return characterReason(b)
        case "email", "idn-email":
            let ats = b.filter { $0 == UInt8(ascii: "@") }.count
            if ats == 0 { return "no @" }
            if b.first == UInt8(ascii: "@") { return "nothing before the @" }
            if b.last == UInt8(ascii: "@") { return "no domain after the @" }
            if b.contains(UInt8(ascii: " ")) { return "contains a space" }
            return nil
        case "uuid":
            if b.count != 36 { return "\(b.count) characters; a UUID has 36 (8-4-4-4-12 hexadecimal digits)" }
            return "a UUID is 8-4-4-4-12 hexadecimal digits separated by hyphens"
        case "ipv4":
            let parts = b.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
            if parts.count != 4 { return "\(parts.count) parts; an IPv4 address has 4, separated by dots" }
            for part in parts {
                if part.isEmpty || !part.allSatisfy(isDigit) { return "each part is a decimal number 0–255" }
                if part.count > 1 && part.first == UInt8(ascii: "0") { return "a part has a leading zero" }
                if part.count > 3 || Int(String(decoding: part, as: UTF8.self))! > 255 { return "a part is above 255" }
            }
            return nil
        case "hostname", "idn-hostname":
            if b.count > 253 || isCut { return "longer than 253 characters" }
            for label in b.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false) {
                if label.isEmpty { return "an empty label (two dots, or a leading or trailing dot)" }
                if label.count > 63 { return "a label is longer than 63 characters" }
                if label.first == UInt8(ascii: "-") || label.last == UInt8(ascii: "-") { return "a label starts or ends with a hyphen" }
            }
            if format == "hostname",
                b.contains(where: { !($0 < 128 && (isAlphanumeric($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "."))) })
            {
                return "only letters, digits, hyphens and dots are allowed"
            }
            return nil
        case "byte":
            if isCut { return nil }
            if b.count % 4 != 0 { return "base64 text is a multiple of 4 characters long (padded with =)" }
            return "base64 uses A–Z, a–z, 0–9, + and /, with = only as padding at the end"
        case "duration":
            return b.first == UInt8(ascii: "P")
                ? "a duration is P[nY][nM][nD][T[nH][nM][nS]] or PnW" : "a duration starts with P (P1D, PT30M)"
        case "json-pointer":
            return b.first != UInt8(ascii: "/") ? "a JSON pointer is empty or starts with /" : "~ must be followed by 0 or 1"
        default: return nil
        }
    }

    private static func isAlphanumeric(_ c: UInt8) -> Bool { isDigit(c) || (c | 0x20 >= 97 && c | 0x20 <= 122) }

    private static func isScheme(_ s: ArraySlice<UInt8>) -> Bool {
        guard let first = s.first, first | 0x20 >= 97, first | 0x20 <= 122 else { return false }
        return s.allSatisfy { isAlphanumeric($0) || $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") }
    }

    private static func characterReason(_ b: [UInt8]) -> String? {
        if b.contains(UInt8(ascii: " ")) { return "contains a space (write it as %20)" }
        if let bad = b.first(where: {
            $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">")
                || $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "^") || $0 == UInt8(ascii: "`") || $0 == UInt8(ascii: "{")
                || $0 == UInt8(ascii: "|") || $0 == UInt8(ascii: "}")
        }) {
            return "contains \(bad < 0x20 ? "a control character" : "\"\(Character(Unicode.Scalar(bad)))\""), which must be percent-encoded"
        }
        return nil
    }

    private static func dateReason(_ b: [UInt8], whole: Bool) -> String? {
        guard b.count >= 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
            [0, 1, 2, 3, 5, 6, 8, 9].allSatisfy({ isDigit(b[$0]) })
        else {
            return "a date is YYYY-MM-DD (RFC 3339 full-date)"
        }
        let number = { (i: Int) in Int(b[i] - 48) * 10 + Int(b[i + 1] - 48) }
        let year = number(0) * 100 + number(2)
        let month = number(5)
        let day = number(8)
        if month < 1 || month > 12 { return "month \(month) does not exist" }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        if day < 1 || day > days { return "day \(day) does not exist in month \(month) of \(year)" }
        if whole && b.count > 10 { return "a date has nothing after YYYY-MM-DD (date-time takes a time)" }
        return nil
    }

    private static func dateTimeReason(_ b: [UInt8]) -> String? {
        if b.count == 10, dateReason(b, whole: true) == nil {
            return "a date without a time: date-time needs YYYY-MM-DDThh:mm:ss and an offset (Z or +hh:mm)"
        }
        if let reason = dateReason(b, whole: false) { return reason }
        guard b.count > 10, b[10] | 0x20 == UInt8(ascii: "t") else {
            return "the date and the time are separated by T (YYYY-MM-DDThh:mm:ssZ)"
        }
        return timeReason(b[11...])
    }

    private static func timeReason(_ t: ArraySlice<UInt8>) -> String? {
        let t = Array(t)
        guard t.count >= 8, t[2] == UInt8(ascii: ":"), t[5] == UInt8(ascii: ":"), [0, 1, 3, 4, 6, 7].allSatisfy({ isDigit(t[$0]) }) else {
            return "a time is hh:mm:ss with an offset (Z or +hh:mm)"
        }
        let hour = Int(t[0] - 48) * 10 + Int(t[1] - 48)
        let minute = Int(t[3] - 48) * 10 + Int(t[4] - 48)
        let second = Int(t[6] - 48) * 10 + Int(t[7] - 48)
        if hour > 23 { return "hour \(hour) does not exist" }
        if minute > 59 { return "minute \(minute) does not exist" }
        if second > 60 { return "second \(second) does not exist" }
        var i = 8
        if i < t.count, t[i] == UInt8(ascii: ".") {
            i += 1
            let start = i
            while i < t.count, isDigit(t[i]) { i += 1 }
            if i == start { return "a fraction of a second needs digits after the dot" }
        }
        if i == t.count { return "no time-zone offset: add Z or ±hh:mm (RFC 3339 requires one)" }
        if t[i] | 0x20 == UInt8(ascii: "z") { return i + 1 == t.count ? nil : "text after the offset" }
        if t[i] == UInt8(ascii: "+") || t[i] == UInt8(ascii: "-") {
            let offset = t[(i + 1)...]
            if offset.count != 5 || offset[offset.startIndex + 2] != UInt8(ascii: ":") { return "the offset is ±hh:mm (with a colon)" }
            return nil
        }
        return "no time-zone offset: add Z or ±hh:mm (RFC 3339 requires one)"
    }
}
