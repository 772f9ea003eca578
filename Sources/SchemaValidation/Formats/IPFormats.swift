// IP address formats: `ipv4` (RFC 2673 §3.2 dotted quad) and `ipv6` (RFC 4291 §2.2).
//
// Both parsers work on UTF-8 bytes, so any non-ASCII character (fullwidth or non-Latin digits)
// is rejected automatically.

enum IPFormats {
    /// `ipv4`: exactly four decimal octets 0–255 separated by dots, no leading zeros, nothing else.
    static func isIPv4(_ string: String) -> Bool {
        var string = string
        return string.withUTF8 { isIPv4($0[...]) }
    }

    /// `ipv6`: eight 16-bit hex groups, optional single `::`, optional trailing embedded IPv4.
    /// No zone identifiers, prefix lengths, or brackets.
    static func isIPv6(_ string: String) -> Bool {
        var string = string
        return string.withUTF8 { isIPv6($0[...]) }
    }

    /// Dotted-quad check on a byte slice.
    static func isIPv4(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        var octets = 0
        var index = bytes.startIndex
        let end = bytes.endIndex
        while true {
            // One octet: 1–3 digits, no leading zero unless the octet is exactly "0".
            var value = 0
            var digits = 0
            let start = index
            while index < end, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
                value = value * 10 + Int(bytes[index] - UInt8(ascii: "0"))
                digits += 1
                index += 1
                if digits > 3 { return false }
            }
            if digits == 0 || value > 255 { return false }
            if digits > 1 && bytes[start] == UInt8(ascii: "0") { return false }
            octets += 1
            if octets == 4 { return index == end }
            guard index < end, bytes[index] == UInt8(ascii: ".") else { return false }
            index += 1
        }
    }

    /// RFC 4291 text form check on a byte slice.
    static func isIPv6(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        let end = bytes.endIndex
        var index = bytes.startIndex
        if index == end { return false }
        var groups = 0  // 16-bit groups seen (an embedded IPv4 counts as 2)
        var sawDoubleColon = false

        // A leading "::" is the only way an address may start with a colon.
        if bytes[index] == UInt8(ascii: ":") {
            guard index + 1 < end, bytes[index + 1] == UInt8(ascii: ":") else { return false }
            sawDoubleColon = true
            index += 2
            if index == end { return true }
        }

        while true {
            // Parse a group (or an embedded IPv4 at the tail).
            let groupStart = index
            var hexDigits = 0
            while index < end, isHexDigit(bytes[index]) {
                hexDigits += 1
                index += 1
            }
            if index < end, bytes[index] == UInt8(ascii: ".") {
                // Embedded IPv4 must be the final 32 bits.
                guard isIPv4(bytes[groupStart..<end]) else { return false }
                groups += 2
                break
            }
            if hexDigits == 0 || hexDigits > 4 { return false }
            groups += 1
            if index == end { break }
            guard bytes[index] == UInt8(ascii: ":") else { return false }
            index += 1
            if index < end, bytes[index] == UInt8(ascii: ":") {
                if sawDoubleColon { return false }
                sawDoubleColon = true
                index += 1
                if index == end { break }
            } else if index == end {
                return false  // trailing single colon
            }
            if groups > 8 { return false }
        }
        return sawDoubleColon ? groups <= 7 : groups == 8
    }

    @inline(__always)
    static func isHexDigit(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"),
            UInt8(ascii: "A")...UInt8(ascii: "F"):
            return true
        default:
            return false
        }
    }
}
