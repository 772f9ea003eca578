import SpecSource

/// One way in which an instance breaks a schema.
///
/// The locations follow the JSON Schema output format (2020-12 core, §12.3):
/// - ``instanceLocation``: an RFC 6901 JSON pointer into the instance (`""` for the root; `required`
///   errors point at the object that lacks the member);
/// - ``keywordLocation``: the keyword path as evaluated, through every `$ref`, ending with the
///   keyword (`/properties/frame_images/items/$ref/allOf/1/required`);
/// - ``absoluteKeywordLocation``: where that keyword is written (`#/components/schemas/FrameImage/allOf/1/required`,
///   prefixed by the document when it is not the root document);
/// - ``source``: the file, line and column of that keyword.
public struct ValidationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// JSON pointer to the offending part of the instance.
    public var instanceLocation: String
    /// Keyword path as evaluated, ending with the keyword.
    public var keywordLocation: String
    /// Canonical location of the keyword in its document.
    public var absoluteKeywordLocation: String
    /// Where the keyword is written.
    public var source: SourceLocation
    /// The keyword that failed (`required`, `enum`, `discriminator`, ...).
    public var keyword: String
    /// A sentence naming what was expected and what was found.
    public var message: String

    /// Creates an error.
    public init(instanceLocation: String, keywordLocation: String, absoluteKeywordLocation: String, source: SourceLocation, keyword: String, message: String) {
        self.instanceLocation = instanceLocation
        self.keywordLocation = keywordLocation
        self.absoluteKeywordLocation = absoluteKeywordLocation
        self.source = source
        self.keyword = keyword
        self.message = message
    }

    /// `/instance/path: message (file:line:column)`.
    public var description: String {
        "\(instanceLocation.isEmpty ? "(root)" : instanceLocation): \(message) (\(source))"
    }
}

/// The outcome of validating one instance.
public struct ValidationResult: Sendable, CustomStringConvertible {
    /// Every error found, in evaluation order, none twice. Empty when the instance is valid.
    public var errors: [ValidationError]

    /// Creates a result.
    public init(errors: [ValidationError]) { self.errors = errors }

    /// Whether the instance is valid.
    public var isValid: Bool { errors.isEmpty }

    /// The distinct instance locations that have errors, sorted.
    public var failingInstanceLocations: [String] { Array(Set(errors.map(\.instanceLocation))).sorted() }

    /// `valid`, or one error per line.
    public var description: String {
        isValid ? "valid" : errors.map(\.description).joined(separator: "\n")
    }
}
