/// Recognises text that is not UTF-8, so that a UTF-16 or UTF-32 file is named as such instead of
/// being reported as invalid UTF-8 at its first byte.
///
/// JSON text exchanged between systems must be UTF-8 (RFC 8259 §8.1). YAML 1.2 (§5.2) also allows
/// UTF-16 and UTF-32; libyaml reads UTF-16 that starts with a byte order mark, so only that is
/// accepted for YAML. The encoding is recognised by its byte order mark, or, without one, by the
/// zero bytes an ASCII first character leaves in UTF-16/UTF-32 (the RFC 4627 §3 heuristic).
enum SourceEncoding {
    /// The name of the encoding `bytes` starts in, when it is UTF-16 or UTF-32 (e.g. `UTF-16LE
    /// (byte order mark FF FE)`); `nil` for UTF-8 or anything that is not recognisably either.
    static func unicodeEncoding(of bytes: [UInt8]) -> (name: String, hasBOM: Bool, isUTF16: Bool)? {
        let b = bytes.prefix(4).map { Int($0) } + [Int](repeating: -1, count: max(0, 4 - bytes.count))
        switch (b[0], b[1], b[2], b[3]) {
        case (0x00, 0x00, 0xFE, 0xFF): return ("UTF-32BE (byte order mark 00 00 FE FF)", true, false)
        case (0xFF, 0xFE, 0x00, 0x00): return ("UTF-32LE (byte order mark FF FE 00 00)", true, false)
        case (0xFE, 0xFF, _, _): return ("UTF-16BE (byte order mark FE FF)", true, true)
        case (0xFF, 0xFE, _, _): return ("UTF-16LE (byte order mark FF FE)", true, true)
        case (0x00, 0x00, 0x00, let x) where x > 0: return ("UTF-32BE (no byte order mark)", false, false)
        case (let x, 0x00, 0x00, 0x00) where x > 0: return ("UTF-32LE (no byte order mark)", false, false)
        case (0x00, let x, _, _) where x > 0: return ("UTF-16BE (no byte order mark)", false, true)
        case (let x, 0x00, _, _) where x > 0: return ("UTF-16LE (no byte order mark)", false, true)
        default: return nil
        }
    }

    /// Throws `source.encoding` at line 1, column 1 when `bytes` is UTF-16 or UTF-32 text that
    /// `format`'s reader does not take.
    static func check(_ bytes: [UInt8], format: SourceFormat, file: SourceFileID) throws(SourceError) {
        guard bytes.count >= 2, bytes[0] == 0 || bytes[1] == 0 || bytes[0] >= 0xFE,
            let encoding = unicodeEncoding(of: bytes)
        else { return }
        if format == .yaml && encoding.isUTF16 && encoding.hasBOM { return }
        let rule =
            format == .json
            ? "JSON must be UTF-8 (RFC 8259 §8.1)"
            : "only UTF-8, and UTF-16 with a byte order mark, are read"
        throw SourceError(
            code: "source.encoding",
            message: "the text is \(encoding.name); \(rule): convert it, e.g. iconv -f \(encoding.name.prefix(8)) -t UTF-8",
            location: SourceLocation(file: file, line: 1, column: 1))
    }
}
