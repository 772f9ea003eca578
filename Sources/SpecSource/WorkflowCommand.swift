/// Text for CI systems: GitHub Actions workflow commands and file URIs for SARIF, shared by every
/// report that emits them (`spec-check lint`, `validate`, `corpus`, `har`).
public enum WorkflowCommand {
    /// One workflow command line without its line break:
    /// `::error file=F,line=L,col=C,title=T::message` (GitHub Actions, "Workflow commands").
    /// Property values escape `%`, CR, LF, `:` and `,`; the message escapes `%`, CR and LF, as the
    /// runner expects; other control characters are escaped as JSON does, so it stays one line.
    /// - Parameters:
    ///   - command: `error`, `warning` or `notice`.
    ///   - properties: Names and values, in order (`file`, `line`, `col`, `title`, …).
    public static func line(_ command: String, properties: [(String, String)], message: String) -> String {
        let list = properties.map { $0.0 + "=" + escapeProperty($0.1) }.joined(separator: ",")
        return "::" + command + (list.isEmpty ? "" : " " + list) + "::" + escapeData(message)
    }

    /// A message escaped for a workflow command: `%` → `%25`, CR → `%0D`, LF → `%0A`.
    public static func escapeData(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "%": out += "%25"
            case "\r": out += "%0D"
            case "\n": out += "%0A"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return JSONWriter.singleLine(out)
    }

    /// A property value escaped for a workflow command: as ``escapeData(_:)``, and `:` → `%3A`,
    /// `,` → `%2C`.
    public static func escapeProperty(_ s: String) -> String {
        var out = ""
        for scalar in escapeData(s).unicodeScalars {
            switch scalar {
            case ":": out += "%3A"
            case ",": out += "%2C"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A file path as a URI reference for SARIF's `artifactLocation.uri` (SARIF 2.1.0 §3.4.3): a
    /// relative path as a relative reference (`specs/my%20api.yaml`), an absolute one as a
    /// `file://` URI; bytes outside RFC 3986 `pchar` and `/` are percent-encoded.
    public static func uri(forPath path: String) -> String {
        var out = path.hasPrefix("/") ? "file://" : ""
        let hex = Array("0123456789ABCDEF")
        for byte in path.utf8 {
            let allowed =
                (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || "-._~!$&'()*+,;=:@/".utf8.contains(byte)
            if allowed {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                out += "%" + String(hex[Int(byte >> 4)]) + String(hex[Int(byte & 15)])
            }
        }
        // A relative path whose first segment holds `:` would read as a scheme.
        if !path.hasPrefix("/"), let colon = out.firstIndex(of: ":"), !out[..<colon].contains("/") { out = "./" + out }
        return out
    }
}
