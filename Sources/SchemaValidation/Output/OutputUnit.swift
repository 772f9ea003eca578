import SpecSource

/// The output formats of JSON Schema 2020-12 core §12.4 that spec-check produces.
///
/// `verbose` (§12.4.4) is not offered: it needs the result of every keyword, including the
/// assertions that passed, which neither validation nor the annotation walk keeps.
public enum JSONSchemaOutputFormat: String, Sendable, CaseIterable {
    /// §12.4.1: only `{"valid": true|false}`.
    case flag
    /// §12.4.2: a root output unit with a flat list of the failing keywords' output units (or, for
    /// a valid instance whose annotations were collected, of the annotating keywords' units).
    case basic
    /// §12.4.3: output units nested by the schema structure (each subschema application an output
    /// unit at its own `keywordLocation` and `instanceLocation`), every unit with a single child
    /// replaced by that child.
    case detailed
}

/// One output unit of the JSON Schema output formats (2020-12 core §12.3).
///
/// A failing keyword's unit has ``error`` (the message), an annotating keyword's unit (`valid:
/// true`) has ``annotation`` (§12.3.4); a unit that groups others has ``errors`` when it failed,
/// ``annotations`` when it validated (§12.3.5). ``keywordLocation`` is the keyword path as
/// evaluated (through every `$ref`), ``absoluteKeywordLocation`` the keyword's absolute URI
/// (§12.3.2, omitted when unknown), and ``instanceLocation`` a JSON pointer into the instance
/// (`""` for the root). Annotations are present only when collected
/// (``Schema/validate(_:collectingAnnotations:)``).
public struct OutputUnit: Sendable, Hashable {
    /// Whether the instance is valid against the schema at ``keywordLocation``.
    public var valid: Bool
    /// The keyword path as evaluated, a JSON pointer (`/items/$ref/required`).
    public var keywordLocation: String
    /// The keyword's (or schema's) absolute URI with a JSON pointer fragment; `nil` when unknown.
    public var absoluteKeywordLocation: String?
    /// A JSON pointer into the instance.
    public var instanceLocation: String
    /// The failure's message (on the unit of a failing keyword).
    public var error: String?
    /// The units this one groups (the failing keywords of `basic`, the nested units of `detailed`).
    public var errors: [OutputUnit]
    /// The annotation result of an annotating keyword (§12.3.4; its shape per keyword is described
    /// at ``SchemaAnnotation``).
    public var annotation: JSONValue?
    /// The units this valid one groups (the annotating keywords of `basic`, the nested units of
    /// `detailed`; §12.3.5).
    public var annotations: [OutputUnit]

    /// Creates an output unit.
    public init(
        valid: Bool, keywordLocation: String, absoluteKeywordLocation: String? = nil, instanceLocation: String,
        error: String? = nil, errors: [OutputUnit] = [], annotation: JSONValue? = nil, annotations: [OutputUnit] = []
    ) {
        self.valid = valid
        self.keywordLocation = keywordLocation
        self.absoluteKeywordLocation = absoluteKeywordLocation
        self.instanceLocation = instanceLocation
        self.error = error
        self.errors = errors
        self.annotation = annotation
        self.annotations = annotations
    }

    /// The unit as JSON, members in the order of §12.3 (`valid`, `keywordLocation`,
    /// `absoluteKeywordLocation`, `instanceLocation`, `error`, `annotation`, `errors`,
    /// `annotations`); absent members are left out.
    public var jsonValue: JSONValue {
        var members: [JSONObject.Member] = [
            .init(key: "valid", value: .bool(valid)),
            .init(key: "keywordLocation", value: .string(keywordLocation)),
        ]
        if let absoluteKeywordLocation { members.append(.init(key: "absoluteKeywordLocation", value: .string(absoluteKeywordLocation))) }
        members.append(.init(key: "instanceLocation", value: .string(instanceLocation)))
        if let error { members.append(.init(key: "error", value: .string(error))) }
        if let annotation { members.append(.init(key: "annotation", value: annotation)) }
        if !errors.isEmpty { members.append(.init(key: "errors", value: .array(errors.map(\.jsonValue)))) }
        if !annotations.isEmpty { members.append(.init(key: "annotations", value: .array(annotations.map(\.jsonValue)))) }
        return JSONValue(.object(JSONObject(members)))
    }

    /// The unit of one failing keyword.
    init(_ error: SchemaViolation) {
        self.init(
            valid: false, keywordLocation: error.keywordLocation,
            absoluteKeywordLocation: error.absoluteKeywordLocation.isEmpty ? nil : error.absoluteKeywordLocation,
            instanceLocation: error.instanceLocation, error: error.message)
    }

    /// The unit of one annotating keyword.
    init(_ annotation: SchemaAnnotation) {
        self.init(
            valid: true, keywordLocation: annotation.keywordLocation,
            absoluteKeywordLocation: annotation.absoluteKeywordLocation.isEmpty ? nil : annotation.absoluteKeywordLocation,
            instanceLocation: annotation.instanceLocation, annotation: annotation.value)
    }
}

extension ValidationResult {
    /// The result in a JSON Schema output format (2020-12 core §12.4), as JSON: `{"valid": …}` for
    /// ``JSONSchemaOutputFormat/flag``, else ``basicOutput`` or ``detailedOutput``'s ``OutputUnit/jsonValue``.
    ///
    /// Built from ``errors`` and ``annotations`` alone (their `keywordLocation`,
    /// `absoluteKeywordLocation`, `instanceLocation` and message or value), so it costs nothing on
    /// top of ``SchemaValidation/Schema/validate(_:)`` (or, with annotations,
    /// ``SchemaValidation/Schema/validate(_:collectingAnnotations:)``); for `flag`,
    /// ``SchemaValidation/Schema/isValid(_:)`` gives the same verdict faster.
    public func output(_ format: JSONSchemaOutputFormat) -> JSONValue {
        switch format {
        case .flag: return JSONValue(.object(JSONObject([.init(key: "valid", value: .bool(isValid))])))
        case .basic: return basicOutput.jsonValue
        case .detailed: return detailedOutput.jsonValue
        }
    }

    /// The `basic` output format (2020-12 core §12.4.2): a root unit (`keywordLocation` and
    /// `instanceLocation` `""`) whose ``OutputUnit/errors`` list one unit per error, in order.
    /// A valid result is the root unit, `valid: true`, whose ``OutputUnit/annotations`` list one
    /// unit per collected annotation, in evaluation order (none unless collected).
    public var basicOutput: OutputUnit {
        OutputUnit(
            valid: isValid, keywordLocation: "", instanceLocation: "", errors: errors.map(OutputUnit.init),
            annotations: isValid ? annotations.map(OutputUnit.init) : [])
    }

    /// The `detailed` output format (2020-12 core §12.4.3): the errors nested by the schema
    /// applications that led to them. Each subschema applied (`/properties/a`, `/items/$ref`,
    /// `/allOf/1`) is a unit at the instance location it was applied to, holding the units of the
    /// failures below it; a unit with a single child is replaced by that child, so the root itself
    /// is the only error's unit when there is one. A valid result nests its collected annotations
    /// the same way, in ``OutputUnit/annotations`` of units `valid: true`; without annotations it
    /// is the root unit alone, `valid: true`.
    ///
    /// The nesting is read from each error's (or annotation's) `keywordLocation` and
    /// `instanceLocation` (the applicators of each dialect and the instance tokens they consume); a
    /// grouping unit's `absoluteKeywordLocation` comes from a unit below it reached without a
    /// `$ref`, and is left out when there is none.
    public var detailedOutput: OutputUnit {
        if isValid { return DetailedOutputBuilder(valid: true, leaves: annotations.map(DetailedOutputBuilder.Leaf.init)).build() }
        return DetailedOutputBuilder(valid: false, leaves: errors.map(DetailedOutputBuilder.Leaf.init)).build()
    }
}
