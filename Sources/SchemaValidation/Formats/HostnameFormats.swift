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
        return string.withUTF8 { bytes in
            guard !bytes.isEmpty, bytes.count <= 253 else { return false }
            var decodedLabels: [[Unicode.Scalar]] = []
            var hasRTL = false
            var needsBidi = false
            var labelStart = 0
            for index in 0...bytes.count {
                guard index == bytes.count || bytes[index] == UInt8(ascii: ".") else { continue }
                let label = bytes[labelStart..<index]
                labelStart = index + 1
                guard let unicode = checkASCIILabel(label) else { return false }
                if let unicode {
                    needsBidi = true
                    hasRTL = hasRTL || IDNA.isRTLLabel(unicode)
                    decodedLabels.append(unicode)
                } else {
                    decodedLabels.append([])  // placeholder; filled lazily below if needed
                }
            }
            guard needsBidi, hasRTL else { return true }
            // Bidi domain name: every label must satisfy the Bidi rule.
            var index = 0
            labelStart = 0
            for end in 0...bytes.count where end == bytes.count || bytes[end] == UInt8(ascii: ".") {
                let label =
                    decodedLabels[index].isEmpty
                    ? bytes[labelStart..<end].map { Unicode.Scalar($0) } : decodedLabels[index]
                if !IDNA.satisfiesBidiRule(label) { return false }
                index += 1
                labelStart = end + 1
            }
            return true
        }
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
