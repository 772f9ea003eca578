// `uri-template` (RFC 6570 §2):
//
//     URI-Template  = *( literals / expression )
//     expression    = "{" [ operator ] variable-list "}"
//     operator      = "+" / "#" / "." / "/" / ";" / "?" / "&"      ; op-reserve chars are rejected
//     variable-list = varspec *( "," varspec )
//     varspec       = varname [ ":" max-length / "*" ]
//     varname       = varchar *( ["."] varchar )                     ; varchar = ALPHA / DIGIT / "_" / pct-encoded
//     max-length    = %x31-39 0*3DIGIT                               ; 1–9999
//
// Literals are any character except CTL, SP, `"`, `%` (unless pct-encoded), `<`, `>`, `\`, `^`, `` ` ``,
// `{`, `|`, `}`; non-ASCII must be `ucschar` or `iprivate`. The apostrophe is accepted (RFC 6570 errata).

enum URITemplateFormat {
    static func isURITemplate(_ string: String) -> Bool {
        var string = string
        return string.withUTF8 { bytes in
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                switch byte {
                case UInt8(ascii: "{"):
                    guard let end = expressionEnd(bytes, from: index + 1) else { return false }
                    index = end
                case UInt8(ascii: "%"):
                    guard isPercentEncoded(bytes, index) else { return false }
                    index += 3
                case 0..<0x80:
                    guard isLiteral(byte) else { return false }
                    index += 1
                default:
                    let (value, length) = decode(bytes, index)
                    guard URIFormats.isUCSChar(value) || URIFormats.isIPrivate(value) else { return false }
                    index += length
                }
            }
            return true
        }
    }

    private static func isLiteral(_ byte: UInt8) -> Bool {
        guard byte > 0x20, byte < 0x7F else { return false }
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\\"), UInt8(ascii: "^"),
            UInt8(ascii: "`"), UInt8(ascii: "{"), UInt8(ascii: "|"), UInt8(ascii: "}"):
            return false
        default:
            return true
        }
    }

    private static func isPercentEncoded(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int) -> Bool {
        index + 2 < bytes.count && IPFormats.isHexDigit(bytes[index + 1]) && IPFormats.isHexDigit(bytes[index + 2])
    }

    /// Parses an expression body after `{`; returns the index after the closing `}`.
    private static func expressionEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var index = start
        guard index < bytes.count else { return nil }
        if "+#./;?&".utf8.contains(bytes[index]) { index += 1 }
        while true {
            // varname
            var needVarchar = true
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "%") {
                    guard isPercentEncoded(bytes, index) else { return nil }
                    index += 3
                    needVarchar = false
                } else if URIFormats.alpha.contains(byte) || URIFormats.digit.contains(byte) || byte == UInt8(ascii: "_") {
                    index += 1
                    needVarchar = false
                } else if byte == UInt8(ascii: ".") {
                    guard !needVarchar else { return nil }
                    needVarchar = true
                    index += 1
                } else {
                    break
                }
            }
            guard !needVarchar, index < bytes.count else { return nil }
            // modifier
            if bytes[index] == UInt8(ascii: ":") {
                index += 1
                let digitsStart = index
                while index < bytes.count, URIFormats.digit.contains(bytes[index]) { index += 1 }
                let digits = index - digitsStart
                guard (1...4).contains(digits), bytes[digitsStart] != UInt8(ascii: "0") else { return nil }
            } else if bytes[index] == UInt8(ascii: "*") {
                index += 1
            }
            guard index < bytes.count else { return nil }
            if bytes[index] == UInt8(ascii: "}") { return index + 1 }
            guard bytes[index] == UInt8(ascii: ",") else { return nil }
            index += 1
        }
    }

    private static func decode(_ bytes: UnsafeBufferPointer<UInt8>, _ position: Int) -> (UInt32, Int) {
        let lead = UInt32(bytes[position])
        func continuation(_ offset: Int) -> UInt32 { UInt32(bytes[position + offset] & 0x3F) }
        if lead < 0xE0 { return ((lead & 0x1F) << 6 | continuation(1), 2) }
        if lead < 0xF0 { return ((lead & 0x0F) << 12 | continuation(1) << 6 | continuation(2), 3) }
        return ((lead & 0x07) << 18 | continuation(1) << 12 | continuation(2) << 6 | continuation(3), 4)
    }
}
