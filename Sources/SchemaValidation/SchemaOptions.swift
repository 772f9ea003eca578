/// Options that shape how schemas are compiled.
public struct SchemaOptions: Sendable {
    /// Whether `format` is checked.
    public enum FormatMode: Sendable { case assert, annotate }

    /// `assert` (the default) checks formats; `annotate` ignores them for validation.
    public var formats: FormatMode
    /// Extra or replacement format checkers, by format name.
    public var customFormats: [String: FormatChecker]
    /// Where references to other documents are read from.
    public var resolver: ReferenceResolver
    /// How an OpenAPI `discriminator` is applied (OpenAPI dialects only).
    public var discriminator: DiscriminatorMode

    /// How an OpenAPI `discriminator` takes part in validation.
    ///
    /// OpenAPI 3.1.1 and 3.0.4, Discriminator Object: "Note that `discriminator` MUST NOT change
    /// the validation outcome of the schema." That is ``lenient``, the default. ``strict`` opts in
    /// to the stricter reading of the same section's "If the discriminating value does not match an
    /// implicit or explicit mapping, no schema can be determined and validation SHOULD fail."
    public enum DiscriminatorMode: Sendable {
        /// The `oneOf`/`anyOf` decides validity. The discriminator value only chooses the branch
        /// whose errors are reported (and lets branches that provably fail be skipped); a value that
        /// selects no branch leaves the `oneOf`/`anyOf` to plain JSON Schema evaluation. A
        /// `discriminator` without `oneOf`/`anyOf` is an annotation.
        case lenient
        /// On top of the `oneOf`/`anyOf` outcome: the property must be present with a value that
        /// selects a branch, and a branch it selects must be the one that validates. A parent schema
        /// with a `discriminator` and no `oneOf`/`anyOf` (the `allOf` inheritance form) dispatches
        /// to the child schema the value names (by `mapping`, or by component name among the
        /// components whose `allOf` references the parent).
        case strict
    }

    /// Creates options.
    /// - Parameters:
    ///   - formats: Whether `format` is asserted (default) or only annotates.
    ///   - customFormats: Extra or replacement format checkers, by format name.
    ///   - resolver: Where references to other documents are read from.
    ///   - discriminator: How an OpenAPI `discriminator` is applied (default ``DiscriminatorMode/lenient``).
    public init(
        formats: FormatMode = .assert, customFormats: [String: FormatChecker] = [:], resolver: ReferenceResolver = ReferenceResolver(),
        discriminator: DiscriminatorMode = .lenient
    ) {
        self.formats = formats
        self.customFormats = customFormats
        self.resolver = resolver
        self.discriminator = discriminator
    }
}
