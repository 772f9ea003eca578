// E-mail address formats: `email` (RFC 5321 §4.1.2 Mailbox / RFC 5322 addr-spec) and `idn-email`
// (RFC 6531 §3.3, which extends the local part and quoted strings with any non-ASCII UTF-8 and the
// domain with U-labels).
//
//     Mailbox     = Local-part "@" ( Domain / address-literal )
//     Local-part  = Dot-string / Quoted-string        ; at most 64 octets
//     Dot-string  = Atom *("." Atom)
//     Quoted-string = DQUOTE *(qtextSMTP / quoted-pairSMTP) DQUOTE
//     address-literal = "[" ( IPv4-address-literal / "IPv6:" IPv6-addr ) "]"

enum EmailFormat {
    /// `email`: ASCII mailbox with a host name or an IPv4/IPv6 address literal as the domain.
    static func isEmail(_ string: String) -> Bool {
        check(string, international: false)
    }

    /// `idn-email`: like `email`, but the local part may contain any non-ASCII characters and the
    /// domain may be an internationalized host name.
    static func isIDNEmail(_ string: String) -> Bool {
        check(string, international: true)
    }

    private static func check(_ string: String, international: Bool) -> Bool {
        var string = string
        return string.withUTF8 { bytes in
            guard let at = localPartEnd(bytes, international: international), at <= 64,
                at < bytes.count, bytes[at] == UInt8(ascii: "@")
            else { return false }
            let domain = bytes[(at + 1)...]
            guard !domain.isEmpty else { return false }
            if domain.first == UInt8(ascii: "[") {
                return isAddressLiteral(domain)
            }
            if !international || domain.allSatisfy({ $0 < 0x80 }) {
                return HostnameFormats.isHostname(domain)
            }
            return HostnameFormats.isIDNHostname(String(decoding: domain, as: UTF8.self))
        }
    }

    /// Scans the local part; returns the index just past it, or nil if it is malformed.
    private static func localPartEnd(_ bytes: UnsafeBufferPointer<UInt8>, international: Bool) -> Int? {
        guard !bytes.isEmpty else { return nil }
        var index = 0
        if bytes[0] == UInt8(ascii: "\"") {
            index = 1
            while index < bytes.count {
                let byte = bytes[index]
                switch byte {
                case UInt8(ascii: "\""):
                    return index + 1
                case UInt8(ascii: "\\"):
                    // quoted-pairSMTP = "\" %d32-126
                    guard index + 1 < bytes.count, (32...126).contains(bytes[index + 1]) else { return nil }
                    index += 2
                case 32...126:
                    index += 1  // qtextSMTP: %d32-33 / %d35-91 / %d93-126
                case 0x80...:
                    guard international else { return nil }
                    index += 1
                default:
                    return nil
                }
            }
            return nil
        }
        // Dot-string: atoms separated by single dots, no leading or trailing dot.
        var atomLength = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: ".") {
                guard atomLength > 0 else { return nil }
                atomLength = 0
            } else if isAtext(byte) || (international && byte >= 0x80) {
                atomLength += 1
            } else {
                break
            }
            index += 1
        }
        return atomLength > 0 ? index : nil
    }

    /// RFC 5322 `atext`.
    private static func isAtext(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return "!#$%&'*+-/=?^_`{|}~".utf8.contains(byte)
        }
    }

    /// `[` IPv4 `]` or `[IPv6:` IPv6 `]` (the tag is case-insensitive).
    private static func isAddressLiteral(_ domain: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        guard domain.count >= 3, domain.last == UInt8(ascii: "]") else { return false }
        let inner = domain[(domain.startIndex + 1)..<(domain.endIndex - 1)]
        let tag = "ipv6:".utf8
        if inner.count > tag.count, zip(inner, tag).allSatisfy({ IDNA.lowercase($0) == $1 }) {
            return IPFormats.isIPv6(inner[(inner.startIndex + tag.count)...])
        }
        return IPFormats.isIPv4(inner)
    }
}
