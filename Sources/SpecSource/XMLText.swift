/// Escaping text for XML 1.0 and HTML documents that spec-check writes (JUnit reports, the
/// coverage page).
public enum XMLText {
    /// `text` safe as element content and as a quoted attribute value (XML 1.0 §2.4, §3.3.3):
    /// `&`, `<`, `>`, `"` and `'` become entity references; tab, line feed and carriage return
    /// become character references (so attribute values keep them); other characters XML 1.0
    /// does not allow (C0 controls, U+FFFE, U+FFFF; lone surrogates cannot occur in a `String`)
    /// become U+FFFD, since not even a character reference may name them.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t": out += "&#9;"
            case "\n": out += "&#10;"
            case "\r": out += "&#13;"
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
