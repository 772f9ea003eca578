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
    /// - Returns: The file, line and column of the value (1-based), or `nil` when the pointer is
    ///   malformed or the tree was not read from a file (built in code, or parsed from bytes
    ///   without a ``SourceFileID``, such as an HTTP body).
    public static func location(of instanceLocation: String, in root: JSONValue) -> SourceLocation? {
        guard let pointer = try? JSONPointer(parsing: instanceLocation) else { return nil }
        var current = root
        for token in pointer.tokens {
            switch current.kind {
            case .object(let object):
                guard let next = object[token] else { return known(current.location) }
                current = next
            case .array(let items):
                guard let i = JSONPointer.arrayIndex(token), i < items.count else { return known(current.location) }
                current = items[i]
            default:
                return known(current.location)
            }
        }
        return known(current.location)
    }

    private static func known(_ location: SourceLocation) -> SourceLocation? {
        location.isKnown && location.file != .none ? location : nil
    }
}
