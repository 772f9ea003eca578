// URI and IRI formats: `uri`, `uri-reference` (RFC 3986 §3, §4.1) and `iri`, `iri-reference`
// (RFC 3987 §2.2). A single hand-written parser validates every component's characters and
// percent-encodings; the IRI variants additionally accept `ucschar` everywhere and `iprivate` in queries.
//
//     URI-reference = scheme ":" hier-part [ "?" query ] [ "#" fragment ]     ; absolute
//                   / relative-part [ "?" query ] [ "#" fragment ]            ; relative
//     hier-part     = "//" authority path-abempty / path-absolute / path-rootless / path-empty
//     authority     = [ userinfo "@" ] host [ ":" port ]
//     host          = "[" ( IPv6address / IPvFuture ) "]" / IPv4address / reg-name

enum URIFormats {
    /// `uri`: an absolute URI (scheme required), ASCII only.
    static func isURI(_ string: String) -> Bool { check(string, iri: false, requireScheme: true) }

    /// `uri-reference`: a URI or a relative reference, ASCII only.
    static func isURIReference(_ string: String) -> Bool { check(string, iri: false, requireScheme: false) }

    /// `iri`: an absolute IRI (scheme required).
    static func isIRI(_ string: String) -> Bool { check(string, iri: true, requireScheme: true) }

    /// `iri-reference`: an IRI or a relative IRI reference.
    static func isIRIReference(_ string: String) -> Bool { check(string, iri: true, requireScheme: false) }

    private static func check(_ string: String, iri: Bool, requireScheme: Bool) -> Bool {
        var string = string
        return string.withUTF8 { bytes in
            URIFormats.classes.withUnsafeBufferPointer { classes in
                var parser = Parser(bytes: bytes, iri: iri, classes: classes)
                return parser.parseReference(requireScheme: requireScheme)
            }
        }
    }

    // MARK: - Character sets

    /// A set of ASCII bytes as a 128-bit mask.
    struct ASCIISet: Sendable {
        let low: UInt64
        let high: UInt64

        init(_ characters: String) {
            var low: UInt64 = 0
            var high: UInt64 = 0
            for byte in characters.utf8 {
                if byte < 64 { low |= 1 << UInt64(byte) } else { high |= 1 << UInt64(byte - 64) }
            }
            self.low = low
            self.high = high
        }

        init(low: UInt64, high: UInt64) {
            self.low = low
            self.high = high
        }

        func union(_ other: ASCIISet) -> ASCIISet { ASCIISet(low: low | other.low, high: high | other.high) }

        @inline(__always)
        func contains(_ byte: UInt8) -> Bool {
            if byte < 64 { return low & (1 << UInt64(byte)) != 0 }
            if byte < 128 { return high & (1 << UInt64(byte - 64)) != 0 }
            return false
        }
    }

    static let alpha = ASCIISet("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
    static let digit = ASCIISet("0123456789")
    static let unreserved = alpha.union(digit).union(ASCIISet("-._~"))
    static let subDelims = ASCIISet("!$&'()*+,;=")
    static let schemeChars = alpha.union(digit).union(ASCIISet("+-."))
    static let regName = unreserved.union(subDelims)
    static let userinfo = regName.union(ASCIISet(":"))
    static let pchar = regName.union(ASCIISet(":@"))
    static let pathChars = pchar.union(ASCIISet("/"))
    static let queryChars = pchar.union(ASCIISet("/?"))
    static let ipvFutureChars = unreserved.union(subDelims).union(ASCIISet(":"))

    /// The sets a component scan tests each byte against, and the bytes that end components, as
    /// bits of one table entry per byte value (``classes``): a scan tests a byte with one load.
    struct ByteClass: OptionSet, Sendable {
        let rawValue: UInt16
        static let regName = ByteClass(rawValue: 1 << 0)
        static let userinfo = ByteClass(rawValue: 1 << 1)
        static let pathChars = ByteClass(rawValue: 1 << 2)
        static let queryChars = ByteClass(rawValue: 1 << 3)
        static let slash = ByteClass(rawValue: 1 << 4)
        static let question = ByteClass(rawValue: 1 << 5)
        static let hash = ByteClass(rawValue: 1 << 6)
        static let colon = ByteClass(rawValue: 1 << 7)
        static let at = ByteClass(rawValue: 1 << 8)
        /// The bytes that end an authority (`/`, `?`, `#`).
        static let authorityEnd: ByteClass = [.slash, .question, .hash]

        @inline(__always)
        func meets(_ other: ByteClass) -> Bool { rawValue & other.rawValue != 0 }
    }

    /// Per byte value, the ``ByteClass`` bits it has (none for bytes of 0x80 and above).
    static let classes: [ByteClass] = (0..<256).map { value in
        let byte = UInt8(value)
        var classes: ByteClass = []
        let sets: [(ASCIISet, ByteClass)] = [
            (regName, .regName), (userinfo, .userinfo), (pathChars, .pathChars), (queryChars, .queryChars),
            (ASCIISet("/"), .slash), (ASCIISet("?"), .question), (ASCIISet("#"), .hash), (ASCIISet(":"), .colon), (ASCIISet("@"), .at),
        ]
        for (set, bit) in sets where set.contains(byte) { classes.insert(bit) }
        return classes
    }

    /// RFC 3987 `ucschar`.
    static func isUCSChar(_ value: UInt32) -> Bool {
        switch value {
        case 0xA0...0xD7FF, 0xF900...0xFDCF, 0xFDF0...0xFFEF:
            return true
        case 0x10000...0xEFFFD:
            // Planes 1–14 minus each plane's last two code points.
            return value & 0xFFFF < 0xFFFE && (value < 0xE0000 || value >= 0xE1000)
        default:
            return false
        }
    }

    /// RFC 3987 `iprivate` (allowed in queries only).
    static func isIPrivate(_ value: UInt32) -> Bool {
        switch value {
        case 0xE000...0xF8FF, 0xF0000...0xFFFFD, 0x100000...0x10FFFD: return true
        default: return false
        }
    }

    // MARK: - Parser

    struct Parser {
        let bytes: UnsafeBufferPointer<UInt8>
        let iri: Bool
        /// ``URIFormats/classes``, read in place (a static read in the loop checks its
        /// initialisation at every byte).
        let classes: UnsafeBufferPointer<ByteClass>
        var index = 0

        init(bytes: UnsafeBufferPointer<UInt8>, iri: Bool, classes: UnsafeBufferPointer<ByteClass>) {
            self.bytes = bytes
            self.iri = iri
            self.classes = classes
        }

        mutating func parseReference(requireScheme: Bool) -> Bool {
            let hasScheme = parseScheme()
            if hasScheme == nil { return false }  // a ':' in the first segment that is not a scheme
            if requireScheme && hasScheme != true { return false }
            // Authority.
            if index + 1 < bytes.count, bytes[index] == UInt8(ascii: "/"), bytes[index + 1] == UInt8(ascii: "/") {
                index += 2
                guard parseAuthority() else { return false }
            }
            // Path (any form; the scheme check above already excluded ':' in a relative first segment).
            guard scan(.pathChars, privateUse: false, stop: [.question, .hash]) else { return false }
            if index < bytes.count, bytes[index] == UInt8(ascii: "?") {
                index += 1
                guard scan(.queryChars, privateUse: true, stop: .hash) else { return false }
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: "#") {
                index += 1
                guard scan(.queryChars, privateUse: false, stop: []) else { return false }
            }
            return index == bytes.count
        }

        /// Returns true (and consumes `scheme:`) if a valid scheme is present, false if there is no
        /// colon before the first `/`, `?` or `#`, and nil if there is one but the scheme is invalid.
        private mutating func parseScheme() -> Bool? {
            var end = 0
            while end < bytes.count {
                let byte = bytes[end]
                if byte == UInt8(ascii: ":") { break }
                if byte == UInt8(ascii: "/") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "#") { return false }
                end += 1
            }
            guard end < bytes.count else { return false }
            guard end > 0, URIFormats.alpha.contains(bytes[0]) else { return nil }
            for position in 1..<end where !URIFormats.schemeChars.contains(bytes[position]) { return nil }
            index = end + 1
            return true
        }

        private mutating func parseAuthority() -> Bool {
            var end = index
            var at: Int?
            while end < bytes.count {
                let byteClass = classes[Int(bytes[end])]
                if byteClass.meets(.authorityEnd) { break }
                if byteClass.meets(.at) && at == nil { at = end }
                end += 1
            }
            if let at {
                guard scan(.userinfo, privateUse: false, stop: .at), index == at else {
                    return false
                }
                index += 1
            }
            // Host.
            if index < end, bytes[index] == UInt8(ascii: "[") {
                guard let close = (index..<end).first(where: { bytes[$0] == UInt8(ascii: "]") }) else { return false }
                guard isIPLiteral(bytes[(index + 1)..<close]) else { return false }
                index = close + 1
            } else {
                // reg-name (which also covers IPv4address syntactically).
                guard scan(.regName, privateUse: false, stop: [.colon, .slash, .question, .hash]) else { return false }
            }
            // Port.
            if index < end, bytes[index] == UInt8(ascii: ":") {
                index += 1
                while index < end, URIFormats.digit.contains(bytes[index]) { index += 1 }
            }
            return index == end
        }

        private func isIPLiteral(_ inner: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
            guard let first = inner.first else { return false }
            if first == UInt8(ascii: "v") || first == UInt8(ascii: "V") {
                // IPvFuture = "v" 1*HEXDIG "." 1*( unreserved / sub-delims / ":" )
                var position = inner.startIndex + 1
                while position < inner.endIndex, IPFormats.isHexDigit(inner[position]) { position += 1 }
                guard position > inner.startIndex + 1, position < inner.endIndex, inner[position] == UInt8(ascii: ".")
                else { return false }
                position += 1
                guard position < inner.endIndex else { return false }
                return inner[position...].allSatisfy(URIFormats.ipvFutureChars.contains)
            }
            return IPFormats.isIPv6(inner)
        }

        /// Consumes characters from `allowed`, percent-encodings and (for IRIs) `ucschar` (plus
        /// `iprivate` if `privateUse`) until a byte in `stop` or the end. False on any other byte.
        private mutating func scan(_ allowed: ByteClass, privateUse: Bool, stop: ByteClass) -> Bool {
            while index < bytes.count {
                let byte = bytes[index]
                let byteClass = classes[Int(byte)]
                if byteClass.meets(stop) { return true }
                if byteClass.meets(allowed) {
                    index += 1
                } else if byte == UInt8(ascii: "%") {
                    guard index + 2 < bytes.count, IPFormats.isHexDigit(bytes[index + 1]),
                        IPFormats.isHexDigit(bytes[index + 2])
                    else { return false }
                    index += 3
                } else if byte >= 0x80 && iri {
                    let (value, length) = decodeScalar(at: index)
                    guard URIFormats.isUCSChar(value) || (privateUse && URIFormats.isIPrivate(value)) else { return false }
                    index += length
                } else {
                    return false
                }
            }
            return true
        }

        /// Decodes the (valid) UTF-8 sequence at `position`.
        private func decodeScalar(at position: Int) -> (UInt32, Int) {
            let lead = UInt32(bytes[position])
            func continuation(_ offset: Int) -> UInt32 { UInt32(bytes[position + offset] & 0x3F) }
            if lead < 0xE0 { return ((lead & 0x1F) << 6 | continuation(1), 2) }
            if lead < 0xF0 { return ((lead & 0x0F) << 12 | continuation(1) << 6 | continuation(2), 3) }
            return ((lead & 0x07) << 18 | continuation(1) << 12 | continuation(2) << 6 | continuation(3), 4)
        }
    }
}
