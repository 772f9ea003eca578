import SchemaValidation
import SpecSource

/// What a fixture (a body, an exchange, a HAR entry) must produce.
///
/// Locations are compared as sets: order and repeats do not matter, and no location may be
/// missing or extra. See <doc:ManifestFormat> for how a manifest and an exchange fixture write it.
public struct CorpusExpectation: Sendable, Hashable, CustomStringConvertible {
    /// Whether the fixture must be valid (no errors).
    public var valid: Bool
    /// The exact set of distinct `instanceLocation`s of the errors (`""` is the root); `nil`
    /// accepts any errors as long as there is one. Always `nil` when ``valid`` is true.
    public var errorLocations: Set<String>?
    /// The exact set of distinct `instanceLocation`s of the warnings (exchanges only); `nil`
    /// leaves warnings unchecked.
    public var warningLocations: Set<String>?
    /// Whether the fixture must fail to parse (``unparseable``): it passes only when reading it
    /// fails with a syntax error, and fails when it parses, whatever its errors.
    public var unparseable = false

    /// Creates an expectation.
    public init(valid: Bool, errorLocations: Set<String>? = nil, warningLocations: Set<String>? = nil) {
        self.valid = valid
        self.errorLocations = valid ? nil : errorLocations
        self.warningLocations = warningLocations
    }

    /// The fixture must be valid.
    public static let valid = CorpusExpectation(valid: true)

    /// The fixture must not parse: a deliberately broken body, exchange or HAR entry.
    public static let unparseable: CorpusExpectation = {
        var expectation = CorpusExpectation(valid: false)
        expectation.unparseable = true
        return expectation
    }()

    /// `nil` when a fixture that could not be read because of `error` meets the expectation, else
    /// what went wrong. Only an ``unparseable`` expectation accepts it, and only for an error of
    /// the text (a syntax, encoding or shape error), not of the file (`file.*`: missing,
    /// unreadable, too large).
    public func check(unreadable error: SourceError) -> String? {
        unparseable && !error.code.hasPrefix("file.") ? nil : "cannot be parsed: \(error)"
    }

    /// The fixture must fail at exactly `locations`; an empty set accepts any failure.
    public static func invalid(at locations: Set<String>) -> CorpusExpectation {
        CorpusExpectation(valid: false, errorLocations: locations.isEmpty ? nil : locations)
    }

    /// `valid`, `invalid`, `unparseable`, or `invalid at /a, /b` (the root shown as `(root)`).
    public var description: String {
        if unparseable { return "unparseable" }
        var text = valid ? "valid" : errorLocations.map { "invalid at " + Self.list($0) } ?? "invalid"
        if let warningLocations {
            text += warningLocations.isEmpty ? ", no warnings" : ", warnings at " + Self.list(warningLocations)
        }
        return text
    }

    /// `nil` when `errors` and `warnings` meet the expectation, else what went wrong.
    /// - Parameters:
    ///   - errors: The errors found.
    ///   - warnings: The warnings found; `nil` when the check has none (bodies).
    public func check(errors: [SchemaViolation], warnings: [SchemaViolation]? = nil) -> String? {
        if unparseable { return "expected unparseable, but it parses" }
        if valid {
            if !errors.isEmpty { return "expected valid, got \(errors.count) error\(errors.count == 1 ? "" : "s")" }
        } else {
            if errors.isEmpty { return "expected invalid, but it is valid" }
            let actual = Set(errors.map(\.instanceLocation))
            if let errorLocations, actual != errorLocations {
                return "expected failures at [\(Self.list(errorLocations))], got [\(Self.list(actual))]"
            }
        }
        if let warningLocations {
            let actual = Set((warnings ?? []).map(\.instanceLocation))
            if actual != warningLocations {
                return "expected warnings at [\(Self.list(warningLocations))], got [\(Self.list(actual))]"
            }
        }
        return nil
    }

    /// Sorted locations, the root shown as `(root)`, joined by `, `.
    static func list(_ locations: Set<String>) -> String {
        locations.sorted().map { $0.isEmpty ? "(root)" : $0 }.joined(separator: ", ")
    }
}
