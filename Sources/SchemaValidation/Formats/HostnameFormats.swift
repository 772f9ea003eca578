// Host name formats: `hostname` (RFC 1123 §2.1 with RFC 5890 A-label checks) and `idn-hostname`
// (RFC 5890–5893).
//
// Both reject an empty name, empty labels (including a trailing root dot), labels over 63 octets and
// names over 253 octets in their ASCII (A-label) form. Labels starting with `xn--` must be valid,
// canonical Punycode that decodes to a valid U-label. If any label is right-to-left, every label must
// satisfy the Bidi rule (RFC 5893).

enum HostnameFormats {
    /// `hostname`: ASCII letters, digits and hyphens; labels 1–63 octets that neither start nor end
    /// with a hyphen; at most 253 octets in total.
    static func isHostname(_ string: String) -> Bool {
        var string = string
        return string.withUTF8 { isHostname($0[...]) }
    }

    /// `hostname` on UTF-8 bytes.
    static func isHostname(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        guard !bytes.isEmpty, bytes.count <= 253 else { return false }
        var hasALabel = false
        var labelStart = bytes.startIndex
        for index in bytes.startIndex...bytes.endIndex where index == bytes.endIndex || bytes[index] == UInt8(ascii: ".") {
            guard let decoded = checkASCIILabel(bytes[labelStart..<index]) else { return false }
            hasALabel = hasALabel || decoded != nil
            labelStart = index + 1
        }
        // Only A-labels can make this a Bidi domain name (LDH labels are left-to-right).
        guard hasALabel else { return true }
        var labels: [[Unicode.Scalar]] = []
        labelStart = bytes.startIndex
        for index in bytes.startIndex...bytes.endIndex where index == bytes.endIndex || bytes[index] == UInt8(ascii: ".") {
            let label = bytes[labelStart..<index]
            labels.append(checkASCIILabel(label).flatMap { $0 } ?? label.map { Unicode.Scalar($0) })
            labelStart = index + 1
        }
        guard labels.contains(where: IDNA.isRTLLabel) else { return true }
        return labels.allSatisfy(IDNA.satisfiesBidiRule)
    }

    /// `idn-hostname`: labels separated by U+002E, U+3002, U+FF0E or U+FF61; each an NR-LDH label,
    /// a valid A-label, or a valid U-label whose A-label form fits in 63 octets.
    static func isIDNHostname(_ string: String) -> Bool {
        if string.utf8.allSatisfy({ $0 < 0x80 }) { return isHostname(string) }
        var labels: [[Unicode.Scalar]] = [[]]
        for scalar in string.unicodeScalars {
            switch scalar.value {
            case 0x2E, 0x3002, 0xFF0E, 0xFF61: labels.append([])
            default: labels[labels.count - 1].append(scalar)
            }
        }
        var asciiLength = labels.count - 1  // the dots
        var unicodeLabels: [[Unicode.Scalar]] = []
        unicodeLabels.reserveCapacity(labels.count)
        var hasRTL = false
        for label in labels {
            guard !label.isEmpty else { return false }
            if label.allSatisfy(\.isASCII) {
                let bytes = label.map { UInt8($0.value) }
                guard let unicode = bytes.withUnsafeBufferPointer({ checkASCIILabel($0[...]) }) else {
                    return false
                }
                let form = unicode ?? label
                hasRTL = hasRTL || (unicode != nil && IDNA.isRTLLabel(form))
                unicodeLabels.append(form)
                asciiLength += bytes.count
            } else {
                guard IDNA.isValidULabel(label), let encoded = IDNA.punycodeEncode(label),
                    encoded.count + 4 <= 63
                else { return false }
                hasRTL = hasRTL || IDNA.isRTLLabel(label)
                unicodeLabels.append(label)
                asciiLength += encoded.count + 4
            }
        }
        guard asciiLength <= 253 else { return false }
        if hasRTL {
            return unicodeLabels.allSatisfy(IDNA.satisfiesBidiRule)
        }
        return true
    }

    /// Checks one ASCII label. Returns `.some(nil)` for a valid LDH label, `.some(uLabel)` for a valid
    /// A-label (with its decoded form), and `nil` if invalid.
    static func checkASCIILabel(_ label: Slice<UnsafeBufferPointer<UInt8>>) -> [Unicode.Scalar]?? {
        guard !label.isEmpty, label.count <= 63 else { return nil }
        guard label.first != UInt8(ascii: "-"), label.last != UInt8(ascii: "-") else { return nil }
        for byte in label {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"):
                continue
            default:
                return nil
            }
        }
        let start = label.startIndex
        if label.count >= 4, label[start + 2] == UInt8(ascii: "-"), label[start + 3] == UInt8(ascii: "-"),
            IDNA.lowercase(label[start]) == UInt8(ascii: "x"), IDNA.lowercase(label[start + 1]) == UInt8(ascii: "n")
        {
            guard let decoded = IDNA.decodeALabel(label[(start + 4)...]) else { return nil }
            return .some(decoded)
        }
        return .some(nil)
    }
}
