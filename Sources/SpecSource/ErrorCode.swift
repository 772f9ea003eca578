/// One kind of problem spec-check reports: a stable identifier with a short explanation.
///
/// Every load error (``SourceError/code``), every validation error (`SchemaViolation.code` in
/// SchemaValidation) and every contract finding carries one of these identifiers, and the
/// catalogue (``ErrorCatalogue``) explains each — `spec-check explain CODE` prints it. Identifiers
/// never change meaning once published: tools may match on them (CI annotations, SARIF rule ids,
/// suppressions).
///
/// Identifiers are dotted lower-case words for load and contract problems (`yaml.duplicate-key`,
/// `ref.unresolved`, `status.undocumented`) and the keyword's name for a schema keyword that fails
/// (`required`, `minLength`), with a suffix when a keyword fails in more than one way
/// (`pattern.gave-up`, `discriminator.unmapped`).
public struct ErrorCode: Sendable, Hashable, CustomStringConvertible {
    /// The stable identifier (`ref.unresolved`, `minLength`).
    public let code: String
    /// What the problem is, in one line.
    public let summary: String
    /// Why it is a problem and what to do about it, with the specification section that says so.
    public let explanation: String

    /// Creates a catalogue entry.
    public init(_ code: String, _ summary: String, _ explanation: String) {
        self.code = code
        self.summary = summary
        self.explanation = explanation
    }

    /// The identifier.
    public var description: String { code }
}

/// The catalogue of ``ErrorCode``s, assembled from the modules that report them.
///
/// ``source`` lists what reading documents reports (this module). SchemaValidation adds its schema
/// codes (compiling, and one or more per keyword, declared with the keyword) and OpenAPIContract
/// its contract codes; `ErrorCatalogue.all` (OpenAPIContract) is every code, each once.
public enum ErrorCatalogue {
    /// Problems reading a file or parsing JSON or YAML.
    public static let source: [ErrorCode] = [
        ErrorCode(
            "file.not-found", "a file or folder does not exist",
            "The path names nothing (or a symbolic link to nothing). Check the path; relative paths are read from the working directory, relative references from the referring file's folder."
        ),
        ErrorCode(
            "file.permission-denied", "a file or folder may not be read",
            "The operating system refused to open the path for reading. Check its permissions and those of the folders above it."),
        ErrorCode(
            "file.not-regular", "the path is not a regular file",
            "Only regular files are read: a folder, device, FIFO or socket is refused, so a read can neither block forever nor run without end. Pass a file (standard input is read with `-` where a command supports it)."
        ),
        ErrorCode(
            "source.encoding", "the text is UTF-16 or UTF-32, not UTF-8",
            "JSON and YAML documents are read as UTF-8 (RFC 8259 §8.1). Convert the file, e.g. `iconv -f UTF-16 -t UTF-8`."),
        ErrorCode(
            "file.unreadable", "a file cannot be read",
            "The file does not exist, is a directory, or cannot be opened or read (the message gives the system's reason). Check the path and its permissions. "
                + "A file or folder whose name is not UTF-8 (shown with \\xNN for the bytes that are not) cannot be named by spec-check: rename it."
        ),
        ErrorCode(
            "file.too-large", "a file is larger than spec-check reads",
            "Documents and instances are read whole into memory, up to a size limit, so a runaway file cannot exhaust memory. Split the input or raise the limit."
        ),
        ErrorCode(
            "json.syntax", "the text is not valid JSON",
            "RFC 8259 grammar: a missing comma or quote, a trailing comma, a comment, an unescaped control character in a string, or text after the value. The position is where parsing stopped."
        ),
        ErrorCode(
            "json.empty", "the document is empty",
            "A JSON text holds exactly one value (RFC 8259 §2); an empty file or a file of whitespace holds none."),
        ErrorCode(
            "json.duplicate-key", "an object has the same member name twice",
            "RFC 8259 §4 says names SHOULD be unique and that duplicates make behaviour unpredictable; spec-check refuses them instead of silently keeping one. The related location is the first occurrence."
        ),
        ErrorCode(
            "json.invalid-utf8", "the bytes are not valid UTF-8",
            "JSON exchanged between systems MUST be UTF-8 (RFC 8259 §8.1). Re-encode the file as UTF-8."),
        ErrorCode(
            "json.lone-surrogate", "a \\u escape is half of a surrogate pair",
            "A \\uD800–\\uDFFF escape must pair a high with a low surrogate to name one character (RFC 8259 §7); alone it names no Unicode scalar value and cannot be represented."
        ),
        ErrorCode(
            "json.too-deep", "arrays and objects nest deeper than the limit",
            "Nesting is bounded (1,000 levels by default) so that hostile input cannot exhaust memory or the stack of later stages."),
        ErrorCode(
            "yaml.syntax", "the text is not valid YAML",
            "The YAML parser (libyaml) stopped at this position: bad indentation, an unclosed quote or bracket, a tab used for indentation, or a key without a value."
        ),
        ErrorCode(
            "yaml.invalid-encoding", "the bytes are not valid UTF-8 (or UTF-16 after a byte order mark)",
            "A YAML stream is Unicode text (YAML 1.2 §5.2); spec-check reads UTF-8, and UTF-16 that starts with a byte order mark (UTF-32 is refused as source.encoding). The position is the first character that does not decode. Re-encode the file as UTF-8."
        ),
        ErrorCode(
            "yaml.duplicate-key", "a mapping has the same key twice",
            "YAML 1.2 §3.2.1.1: mapping keys are unique. Parsers that keep the last or first value silently differ; spec-check refuses the document. The related location is the first occurrence."
        ),
        ErrorCode(
            "yaml.complex-key", "a mapping key is not a scalar",
            "A key that is a sequence or mapping has no JSON equivalent (JSON member names are strings), so the document cannot be read as JSON."
        ),
        ErrorCode(
            "yaml.multiple-documents", "the stream holds more than one YAML document",
            "An OpenAPI description, schema or instance is one document; a stream with several (`---` separators) is ambiguous. Split it into files."
        ),
        ErrorCode(
            "yaml.unknown-alias", "an alias names no anchor",
            "`*name` must refer to an `&name` anchor defined earlier in the document (YAML 1.2 §3.2.2.2)."),
        ErrorCode(
            "yaml.recursive-alias", "an alias refers to a node that contains it",
            "A node that contains an alias to itself would be infinite when expanded into JSON."),
        ErrorCode(
            "yaml.alias-limit", "aliases expand to more nodes than the limit",
            "Aliases are expanded into copies; a budget stops \"billion laughs\" documents that expand exponentially."),
        ErrorCode(
            "yaml.bad-merge", "a merge key (`<<`) is not given a mapping or a list of mappings",
            "The YAML merge key type merges mappings only; any other value is an error."),
        ErrorCode(
            "yaml.bad-tag-value", "a scalar's explicit tag does not fit its value",
            "`!!int abc`, `!!bool maybe`: a value tagged with a core schema type must be written in that type's syntax (YAML 1.2 §10.3)."),
        ErrorCode(
            "yaml.non-json-number", "a number has no JSON value",
            "`.inf`, `.nan` and similar YAML numbers have no JSON representation (RFC 8259 §6 permits finite numbers only)."),
        ErrorCode(
            "yaml.too-deep", "sequences and mappings nest deeper than the limit",
            "Nesting is bounded (1,000 levels by default) so that hostile input cannot exhaust memory or the stack of later stages."),
    ]
}
