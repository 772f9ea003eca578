import SpecSource

/// One way in which an instance breaks a schema (or, from OpenAPIContract, an HTTP exchange breaks
/// its contract).
///
/// The locations follow the JSON Schema output format (2020-12 core §12.3):
/// - ``instanceLocation``: an RFC 6901 JSON pointer into the instance (`""` for the root; `required`
///   errors point at the object that lacks the member);
/// - ``keywordLocation``: the keyword path as evaluated, through every `$ref`, ending with the
///   keyword (`/properties/frame_images/items/$ref/allOf/1/required`);
/// - ``absoluteKeywordLocation``: where that keyword is written, as an absolute URI — the canonical
///   URI of its schema resource (the nearest `$id`, else the document's retrieval URI) with a JSON
///   pointer fragment: `file:///api/openapi.yaml#/components/schemas/FrameImage/allOf/1/required`
///   (§12.3.2). Empty for findings that no schema keyword makes (an undocumented status);
/// - ``source``: the file, line and column of that keyword (or of the contract object a finding
///   is about);
/// - ``instancePosition``: the file, line and column of the offending value in the instance's own
///   file, when the instance was read from one (``SpecSource/InstancePosition``).
///
/// ``code`` says what kind of problem it is, from the ``SpecSource/ErrorCatalogue`` (`spec-check
/// explain CODE` explains it).
public struct SchemaViolation: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of problem, a stable identifier from the ``SpecSource/ErrorCatalogue``: the failing
    /// keyword's name (`required`, `minLength`), a keyword's name with the way it failed
    /// (`pattern.gave-up`, `discriminator.unmapped`, `readOnly.present`), or a contract finding
    /// (`status.undocumented`, `parameter.required`).
    public var code: String
    /// JSON pointer to the offending part of the instance.
    public var instanceLocation: String
    /// Keyword path as evaluated, ending with the keyword.
    public var keywordLocation: String
    /// The keyword's absolute URI (schema resource URI + JSON pointer fragment); empty when no
    /// schema keyword made the finding.
    public var absoluteKeywordLocation: String
    /// Where the keyword is written.
    public var source: SourceLocation
    /// The keyword that failed (`required`, `enum`, `discriminator`, ...).
    public var keyword: String
    /// A sentence naming what was expected and what was found.
    public var message: String
    /// Where the value at ``instanceLocation`` (or, for a missing member, the object that lacks it)
    /// is written in the instance's file; `nil` when the instance was not read from a file (built
    /// in code, an HTTP body) and no caller located it. ``Schema/validate(_:)`` fills it from the
    /// instance's located tree.
    public var instancePosition: SourceLocation?
    /// Whether the instance at ``instanceLocation`` is the member's name, not its value (an error
    /// of a `propertyNames` subschema): ``instancePosition`` is then where the name is written.
    var instanceIsMemberName = false

    /// Creates an error.
    public init(
        code: String, instanceLocation: String, keywordLocation: String, absoluteKeywordLocation: String, source: SourceLocation,
        keyword: String, message: String
    ) {
        self.code = code
        self.instanceLocation = instanceLocation
        self.keywordLocation = keywordLocation
        self.absoluteKeywordLocation = absoluteKeywordLocation
        self.source = source
        self.keyword = keyword
        self.message = message
    }

    /// Creates an error whose ``code`` is the keyword's name (right for a keyword that fails in
    /// one way only; use ``init(code:instanceLocation:keywordLocation:absoluteKeywordLocation:source:keyword:message:)``
    /// otherwise).
    public init(
        instanceLocation: String, keywordLocation: String, absoluteKeywordLocation: String, source: SourceLocation, keyword: String,
        message: String
    ) {
        self.init(
            code: keyword, instanceLocation: instanceLocation, keywordLocation: keywordLocation,
            absoluteKeywordLocation: absoluteKeywordLocation, source: source, keyword: keyword, message: message)
    }

    /// Equal when they report the same finding: ``instancePosition`` (where the value happens to
    /// be written) is not compared, so an instance checked from text and from a built value gives
    /// equal errors.
    public static func == (lhs: SchemaViolation, rhs: SchemaViolation) -> Bool {
        lhs.code == rhs.code && lhs.instanceLocation == rhs.instanceLocation && lhs.keywordLocation == rhs.keywordLocation
            && lhs.absoluteKeywordLocation == rhs.absoluteKeywordLocation && lhs.source == rhs.source && lhs.keyword == rhs.keyword
            && lhs.message == rhs.message
    }

    /// Hashes the parts that equality compares.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(code)
        hasher.combine(instanceLocation)
        hasher.combine(keywordLocation)
        hasher.combine(source)
        hasher.combine(message)
    }

    /// `/instance/path: message (file:line:column)`.
    public var description: String {
        "\(instanceLocation.isEmpty ? "(root)" : instanceLocation): \(message) (\(source))"
    }
}

/// The outcome of validating one instance.
public struct ValidationResult: Sendable, CustomStringConvertible {
    /// Every error found, in evaluation order, none twice. Empty when the instance is valid.
    public var errors: [SchemaViolation]
    /// The annotations of a valid instance (JSON Schema 2020-12 core §7.7), when they were asked
    /// for (``Schema/validate(_:collectingAnnotations:)``); empty otherwise, and always empty when
    /// the instance is invalid (§7.7.1.2: a schema that fails keeps no annotations, nor do its
    /// subschemas).
    public var annotations: [SchemaAnnotation] {
        get { annotationStorage?.annotations ?? [] }
        set { annotationStorage = AnnotationStorage(annotations: newValue, isIncomplete: annotationsAreIncomplete) }
    }
    /// Whether ``annotations`` leave some out: a subschema whose verdict could not be decided (a
    /// regular expression that gave up where the instance's own verdict did not need it), or a
    /// walk past ``Schema/maxAnnotatedApplications`` schema applications.
    public var annotationsAreIncomplete: Bool {
        get { annotationStorage?.isIncomplete ?? false }
        set { annotationStorage = AnnotationStorage(annotations: annotations, isIncomplete: newValue) }
    }
    /// The annotations, boxed: a result without them (every `validate`) holds one null reference,
    /// which costs its caller nothing to destroy beyond a null check.
    private var annotationStorage: AnnotationStorage?

    private final class AnnotationStorage: Sendable {
        let annotations: [SchemaAnnotation]
        let isIncomplete: Bool

        init(annotations: [SchemaAnnotation], isIncomplete: Bool) {
            self.annotations = annotations
            self.isIncomplete = isIncomplete
        }
    }

    /// Creates a result.
    public init(errors: [SchemaViolation]) { self.errors = errors }

    /// Creates a result with annotations (see ``annotations``).
    public init(errors: [SchemaViolation], annotations: [SchemaAnnotation]) {
        self.errors = errors
        if !annotations.isEmpty { annotationStorage = AnnotationStorage(annotations: annotations, isIncomplete: false) }
    }

    /// Whether the instance is valid.
    public var isValid: Bool { errors.isEmpty }

    /// The distinct instance locations that have errors, sorted.
    public var failingInstanceLocations: [String] { Array(Set(errors.map(\.instanceLocation))).sorted() }

    /// `valid`, or one error per line.
    public var description: String {
        isValid ? "valid" : errors.map(\.description).joined(separator: "\n")
    }
}
