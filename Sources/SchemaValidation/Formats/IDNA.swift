// Internationalized domain name rules used by `hostname` (A-labels) and `idn-hostname` (U-labels):
//
// * Punycode (RFC 3492) decoding and encoding, with a canonical round-trip check for A-labels.
// * IDNA2008 code point classification (RFC 5892 §2–3), derived from the Unicode properties the Swift
//   standard library exposes, plus the RFC 5892 exception table.
// * Contextual rules CONTEXTJ / CONTEXTO (RFC 5892 Appendix A).
// * The Bidi rule (RFC 5893 §2).
//
// Known approximations: Unicode NFC is not required (the JSON-Schema-Test-Suite treats non-NFC labels
// as valid), Joining_Type=T is derived from General_Category (Mn, Me, Cf), and the Bidi_Class tables
// come from Unicode 14 data (see IDNATables.swift).

enum IDNA {
    // MARK: - Label validation

    /// Validates the Unicode form of one label (a U-label, or the decoding of an A-label) per
    /// RFC 5891 §4.2.3 and RFC 5892. ASCII letters of either case are accepted. The Bidi rule is
    /// checked separately per domain name (``satisfiesBidiRule(_:)``).
    static func isValidULabel(_ label: [Unicode.Scalar]) -> Bool {
        guard let first = label.first, let last = label.last else { return false }
        if first == "-" || last == "-" { return false }
        if label.count >= 4, label[2] == "-", label[3] == "-" { return false }
        switch first.properties.generalCategory {
        case .spacingMark, .nonspacingMark, .enclosingMark:
            return false
        default:
            break
        }
        for index in label.indices {
            switch status(label[index]) {
            case .pvalid:
                continue
            case .contextJ:
                if !contextJ(label, index) { return false }
            case .contextO:
                if !contextO(label, index) { return false }
            case .disallowed:
                return false
            }
        }
        return true
    }

    /// Decodes and validates the part of an A-label after `xn--` (case-insensitive). Returns the
    /// U-label if it is a valid, canonically encoded, non-ASCII label.
    static func decodeALabel(_ body: some Collection<UInt8>) -> [Unicode.Scalar]? {
        guard !body.isEmpty, let decoded = punycodeDecode(body) else { return nil }
        guard decoded.contains(where: { !$0.isASCII }) else { return nil }
        guard let reencoded = punycodeEncode(decoded), reencoded.count == body.count,
            zip(reencoded, body).allSatisfy({ lowercase($0) == lowercase($1) })
        else { return nil }
        return isValidULabel(decoded) ? decoded : nil
    }

    // MARK: - Code point classification (RFC 5892)

    enum Status { case pvalid, contextJ, contextO, disallowed }

    /// The IDNA2008 derived property value of a code point.
    static func status(_ scalar: Unicode.Scalar) -> Status {
        let value = scalar.value
        if value < 0x80 {
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", "-": return .pvalid
            default: return .disallowed
            }
        }
        // Exceptions (F).
        switch value {
        case 0xDF, 0x3C2, 0x6FD, 0x6FE, 0xF0B, 0x3007:
            return .pvalid
        case 0xB7, 0x375, 0x5F3, 0x5F4, 0x30FB, 0x660...0x669, 0x6F0...0x6F9:
            return .contextO
        case 0x640, 0x7FA, 0x302E, 0x302F, 0x3031...0x3035, 0x303B:
            return .disallowed
        default:
            break
        }
        let properties = scalar.properties
        if properties.generalCategory == .unassigned { return .disallowed }  // (J)
        if value == 0x200C || value == 0x200D { return .contextJ }  // JoinControl (H)
        if properties.changesWhenNFKCCaseFolded { return .disallowed }  // Unstable (B)
        if properties.isDefaultIgnorableCodePoint || properties.isWhitespace
            || properties.isNoncharacterCodePoint
        {
            return .disallowed  // IgnorableProperties (C)
        }
        switch value {
        case 0x20D0...0x20FF, 0x1D100...0x1D24F:  // IgnorableBlocks (D)
            return .disallowed
        case 0x1100...0x11FF, 0xA960...0xA97F, 0xD7B0...0xD7FF:  // OldHangulJamo (I)
            return .disallowed
        default:
            break
        }
        switch properties.generalCategory {  // LetterDigits (A)
        case .lowercaseLetter, .uppercaseLetter, .otherLetter, .decimalNumber, .modifierLetter,
            .nonspacingMark, .spacingMark:
            return .pvalid
        default:
            return .disallowed
        }
    }

    // MARK: - Contextual rules (RFC 5892 Appendix A)

    private static func contextJ(_ label: [Unicode.Scalar], _ index: Int) -> Bool {
        // Both ZWNJ and ZWJ are fine after a virama.
        if index > 0, label[index - 1].properties.canonicalCombiningClass.rawValue == 9 { return true }
        guard label[index].value == 0x200C else { return false }
        // ZWNJ: (Joining_Type:{L,D})(Joining_Type:T)* ZWNJ (Joining_Type:T)*(Joining_Type:{R,D})
        var before = index - 1
        while before >= 0, joiningType(label[before]) == .transparent { before -= 1 }
        guard before >= 0 else { return false }
        let left = joiningType(label[before])
        guard left == .left || left == .dual else { return false }
        var after = index + 1
        while after < label.count, joiningType(label[after]) == .transparent { after += 1 }
        guard after < label.count else { return false }
        let right = joiningType(label[after])
        return right == .right || right == .dual
    }

    private static func contextO(_ label: [Unicode.Scalar], _ index: Int) -> Bool {
        let value = label[index].value
        switch value {
        case 0xB7:  // MIDDLE DOT: between two 'l'
            return index > 0 && index + 1 < label.count && label[index - 1] == "l" && label[index + 1] == "l"
        case 0x375:  // GREEK LOWER NUMERAL SIGN (KERAIA): followed by Greek
            return index + 1 < label.count && IDNATables.contains(IDNATables.scriptGreek, label[index + 1].value)
        case 0x5F3, 0x5F4:  // HEBREW PUNCTUATION GERESH / GERSHAYIM: preceded by Hebrew
            return index > 0 && IDNATables.contains(IDNATables.scriptHebrew, label[index - 1].value)
        case 0x30FB:  // KATAKANA MIDDLE DOT: label has Hiragana, Katakana or Han
            return label.contains { scalar in
                scalar.value != 0x30FB
                    && (IDNATables.contains(IDNATables.scriptHiragana, scalar.value)
                        || IDNATables.contains(IDNATables.scriptKatakana, scalar.value)
                        || IDNATables.contains(IDNATables.scriptHan, scalar.value))
            }
        case 0x660...0x669:  // ARABIC-INDIC DIGITS: no EXTENDED ARABIC-INDIC DIGITS in the label
            return !label.contains { (0x6F0...0x6F9).contains($0.value) }
        case 0x6F0...0x6F9:
            return !label.contains { (0x660...0x669).contains($0.value) }
        default:
            return false
        }
    }

    private enum JoiningType { case dual, right, left, joinCausing, transparent, nonJoining }

    private static func joiningType(_ scalar: Unicode.Scalar) -> JoiningType {
        let value = scalar.value
        if value < 0x300 { return value == 0xAD ? .transparent : .nonJoining }
        if IDNATables.contains(IDNATables.joiningD, value) { return .dual }
        if IDNATables.contains(IDNATables.joiningR, value) { return .right }
        if IDNATables.contains(IDNATables.joiningL, value) { return .left }
        if value == 0x200D || value == 0x640 || value == 0x7FA || value == 0x180A || value == 0x883
            || value == 0x884 || value == 0x885
        {
            return .joinCausing
        }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return .transparent
        default: return .nonJoining
        }
    }

    // MARK: - Bidi rule (RFC 5893)

    enum BidiClass { case l, r, al, an, en, es, nsm, bn, other }

    static func bidiClass(_ scalar: Unicode.Scalar) -> BidiClass {
        let value = scalar.value
        if value < 0x80 {
            switch scalar {
            case "0"..."9": return .en
            case "-": return .es
            case "a"..."z", "A"..."Z": return .l
            default: return .other
            }
        }
        if IDNATables.contains(IDNATables.bidiR, value) { return .r }
        if IDNATables.contains(IDNATables.bidiAL, value) { return .al }
        if IDNATables.contains(IDNATables.bidiAN, value) { return .an }
        if IDNATables.contains(IDNATables.bidiEN, value) { return .en }
        if value == 0x200C || value == 0x200D { return .bn }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark: return .nsm
        default: return .l
        }
    }

    /// Whether a label contains right-to-left characters (R, AL or AN), making its domain a
    /// "Bidi domain name" (RFC 5893 §1.4).
    static func isRTLLabel(_ label: [Unicode.Scalar]) -> Bool {
        label.contains { scalar in
            scalar.value >= 0x590
                && {
                    let bidi = bidiClass(scalar)
                    return bidi == .r || bidi == .al || bidi == .an
                }()
        }
    }

    /// RFC 5893 §2 rules 1–6 for one label of a Bidi domain name.
    static func satisfiesBidiRule(_ label: [Unicode.Scalar]) -> Bool {
        guard let first = label.first else { return false }
        let classes = label.map(bidiClass)
        // Last class that is not NSM.
        let lastStrong = classes.last { $0 != .nsm } ?? .nsm
        switch bidiClass(first) {
        case .r, .al:
            // Rules 2–4.
            var hasEN = false
            var hasAN = false
            for bidi in classes {
                switch bidi {
                case .r, .al, .es, .bn, .nsm, .other: break
                case .en: hasEN = true
                case .an: hasAN = true
                case .l: return false
                }
            }
            if hasEN && hasAN { return false }
            return [.r, .al, .en, .an].contains(lastStrong)
        case .l:
            // Rules 5–6.
            for bidi in classes {
                switch bidi {
                case .l, .en, .es, .bn, .nsm, .other: break
                case .r, .al, .an: return false
                }
            }
            return lastStrong == .l || lastStrong == .en
        default:
            return false  // Rule 1.
        }
    }

    // MARK: - Punycode (RFC 3492)

    private static let base = 36, tMin = 1, tMax = 26, skew = 38, damp = 700
    private static let initialBias = 72, initialN = 128

    private static func adapt(_ delta: Int, _ numPoints: Int, _ firstTime: Bool) -> Int {
        var delta = firstTime ? delta / damp : delta / 2
        delta += delta / numPoints
        var k = 0
        while delta > ((base - tMin) * tMax) / 2 {
            delta /= base - tMin
            k += base
        }
        return k + (base - tMin + 1) * delta / (delta + skew)
    }

    @inline(__always)
    private static func threshold(_ k: Int, _ bias: Int) -> Int {
        k <= bias ? tMin : (k >= bias + tMax ? tMax : k - bias)
    }

    @inline(__always)
    static func lowercase(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
    }

    /// Decodes Punycode (without the `xn--` prefix). Returns nil for malformed input.
    static func punycodeDecode(_ input: some Collection<UInt8>) -> [Unicode.Scalar]? {
        let bytes = Array(input)
        let limit = Int(Int32.max)
        var output: [Unicode.Scalar] = []
        var position = 0
        if let delimiter = bytes.lastIndex(of: UInt8(ascii: "-")) {
            for byte in bytes[..<delimiter] {
                guard byte < 0x80 else { return nil }
                output.append(Unicode.Scalar(byte))
            }
            position = delimiter + 1
        }
        var n = initialN
        var i = 0
        var bias = initialBias
        while position < bytes.count {
            let oldI = i
            var w = 1
            var k = base
            while true {
                guard position < bytes.count else { return nil }
                let byte = bytes[position]
                position += 1
                let digit: Int
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"): digit = Int(byte - UInt8(ascii: "a"))
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): digit = Int(byte - UInt8(ascii: "A"))
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = Int(byte - UInt8(ascii: "0")) + 26
                default: return nil
                }
                guard digit <= (limit - i) / w else { return nil }
                i += digit * w
                let t = threshold(k, bias)
                if digit < t { break }
                guard w <= limit / (base - t) else { return nil }
                w *= base - t
                k += base
            }
            let count = output.count + 1
            bias = adapt(i - oldI, count, oldI == 0)
            guard i / count <= limit - n else { return nil }
            n += i / count
            i %= count
            guard let scalar = Unicode.Scalar(UInt32(n)), n >= 0x80 else { return nil }
            output.insert(scalar, at: i)
            i += 1
        }
        return output
    }

    /// Encodes code points as Punycode (without the `xn--` prefix). Returns nil on overflow.
    static func punycodeEncode(_ input: [Unicode.Scalar]) -> [UInt8]? {
        let limit = Int(Int32.max)
        var output: [UInt8] = input.lazy.filter(\.isASCII).map { UInt8($0.value) }
        let basicCount = output.count
        var handled = basicCount
        if basicCount > 0 { output.append(UInt8(ascii: "-")) }
        var n = initialN
        var delta = 0
        var bias = initialBias
        while handled < input.count {
            var m = Int.max
            for scalar in input where Int(scalar.value) >= n && Int(scalar.value) < m { m = Int(scalar.value) }
            guard (m - n) <= (limit - delta) / (handled + 1) else { return nil }
            delta += (m - n) * (handled + 1)
            n = m
            for scalar in input {
                let value = Int(scalar.value)
                if value < n {
                    delta += 1
                    guard delta < limit else { return nil }
                }
                if value == n {
                    var q = delta
                    var k = base
                    while true {
                        let t = threshold(k, bias)
                        if q < t { break }
                        output.append(digitByte(t + (q - t) % (base - t)))
                        q = (q - t) / (base - t)
                        k += base
                    }
                    output.append(digitByte(q))
                    bias = adapt(delta, handled + 1, handled == basicCount)
                    delta = 0
                    handled += 1
                }
            }
            delta += 1
            n += 1
        }
        return output
    }

    @inline(__always)
    private static func digitByte(_ digit: Int) -> UInt8 {
        digit < 26 ? UInt8(ascii: "a") + UInt8(digit) : UInt8(ascii: "0") + UInt8(digit - 26)
    }
}
