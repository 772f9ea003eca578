/// Where an error's instance location is written in the instance's own file.
///
/// Validation errors carry an RFC 6901 ``JSONPointer`` into the instance (`/frames/0/url`); a
/// located tree (read by ``SourceLoader``, JSON or YAML, or one line of a JSON Lines file, whose
/// lines are counted in the file) knows the line and column of every value. This is the one place
/// that joins the two, for text output, `--format json`'s `instancePosition` and SARIF locations.
public enum InstancePosition {
    /// The position of the value `instanceLocation` designates in `root`.
    ///
    /// A pointer that goes beyond the tree (a missing member named by `required`, a location
    /// built by a contract check) resolves to the deepest value that exists on its way, so the
    /// answer is never further from the problem than the nearest enclosing value.
    /// - Parameters:
    ///   - instanceLocation: An RFC 6901 JSON pointer (`""` for the root), as in
    ///     `SchemaViolation.instanceLocation`.
    ///   - root: The instance as it was validated, with its source locations.
    ///   - memberName: Whether the pointer's last token names an object member whose *name* is
    ///     meant (a `propertyNames` error): the name's position is returned, not its value's.
    /// - Returns: The file, line and column of the value (1-based), or `nil` when the pointer is
    ///   malformed or the tree was not read from a file (built in code, or parsed from bytes
    ///   without a ``SourceFileID``, such as an HTTP body).
    public static func location(of instanceLocation: String, in root: JSONValue, memberName: Bool = false) -> SourceLocation? {
        // Walked over the pointer's bytes in place, token by token, without building a
        // ``JSONPointer``: every error of a `validate` call is located here.
        var text = instanceLocation
        return text.withUTF8 { bytes -> SourceLocation? in
            if bytes.isEmpty { return known(root.location) }
            guard bytes[0] == UInt8(ascii: "/"), escapesAreValid(bytes) else { return nil }
            var current = root
            var start = 1
            while true {
                var end = start
                while end < bytes.count && bytes[end] != UInt8(ascii: "/") { end += 1 }
                let token = Self.token(UnsafeBufferPointer(rebasing: bytes[start..<end]))
                switch current.kind {
                case .object(let object):
                    if memberName, end == bytes.count, let member = object.member(token) { return known(member.keyLocation) }
                    guard let next = object[token] else { return known(current.location) }
                    current = next
                case .array(let items):
                    guard let i = JSONPointer.arrayIndex(token), i < items.count else { return known(current.location) }
                    current = items[i]
                default:
                    return known(current.location)
                }
                if end == bytes.count { return known(current.location) }
                start = end + 1
            }
        }
    }

    /// Whether every `~` is followed by `0` or `1` (RFC 6901 §3).
    private static func escapesAreValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "~") {
                guard i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "0") || bytes[i + 1] == UInt8(ascii: "1") else { return false }
                i += 1
            }
            i += 1
        }
        return true
    }

    /// One reference token, unescaped (`~1` is `/`, `~0` is `~`; escapes are valid), byte by
    /// byte (a combining mark after `~1` is one `Character` with the `1`).
    private static func token(_ raw: UnsafeBufferPointer<UInt8>) -> String {
        guard raw.contains(UInt8(ascii: "~")) else { return String(decoding: raw, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var i = 0
        while i < raw.count {
            if raw[i] == UInt8(ascii: "~"), i + 1 < raw.count {
                out.append(raw[i + 1] == UInt8(ascii: "1") ? UInt8(ascii: "/") : UInt8(ascii: "~"))
                i += 2
            } else {
                out.append(raw[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func known(_ location: SourceLocation) -> SourceLocation? {
        location.isKnown && location.file != .none ? location : nil
    }
}
