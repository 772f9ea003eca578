import Foundation
import SpecSource

/// How the byte-stream walk (``Schema/isValid(json:file:limits:)``) treats a keyword on an array
/// or object it reads without building it. Each keyword class says (``Keyword/streamRole``); the
/// default, ``unsupported``, makes the walk build that container and validate it whole.
enum StreamRole {
    /// Applies to arrays or objects in a way the walk does not follow.
    case unsupported
    /// Passes every array and object (it constrains scalars only).
    case scalarOnly
    /// ``TypeKeyword``, ``PropertiesKeyword``, ``RequiredKeyword``, ``PropertiesAndRequired``,
    /// ``AdditionalPropertiesKeyword``, ``ItemsKeyword``, ``SizeKeyword``, ``ReferenceKeyword``,
    /// ``AllOfKeyword``: followed by the walk.
    case type, properties, required, propertiesAndRequired, additionalProperties, items, size, reference, allOf
}

extension PropertiesKeyword {
    /// The schema of entry `index` (read in place: no retain).
    @inline(__always)
    func schemaRef(at index: Int) -> NodeRef { entries.withUnsafeBufferPointer { $0[index].schemaRef } }
}

extension PropertiesAndRequired {
    /// The `required` bit of `properties` entry `index` (0 if it is not required).
    @inline(__always)
    func requiredBit(at index: Int) -> UInt64 { requiredBits.withUnsafeBufferPointer { $0[index] } }
}

extension RequiredKeyword {
    /// A bit per position of ``names`` that is `key` (compared by bytes, as `validate` compares).
    @inline(__always)
    func bits(naming key: String) -> UInt64 {
        names.withUnsafeBufferPointer { names in
            var bits: UInt64 = 0
            for i in names.indices where MemberName.same(names[i], key) { bits |= 1 << i }
            return bits
        }
    }
}

/// What `additionalProperties` says about one member, for the bytes walk.
enum AdditionalMember {
    /// The member is not additional (`properties` or `patternProperties` names it).
    case notAdditional
    /// The member is additional and its value must be valid against this schema.
    case checked(NodeRef)
    /// The member fails here: `additionalProperties: false`, or a `patternProperties` pattern
    /// that gave up on the name, which the tree walk reports undecided (`isValid` is false).
    case fails
}

extension AdditionalPropertiesKeyword {
    /// What this keyword says about a member named `key`.
    @inline(__always)
    func streamChild(for key: String) -> AdditionalMember {
        switch isAdditional(key) {
        case .success(false): return .notAdditional
        case .success(true): return schemaRef.unmanaged._withUnsafeGuaranteedRef { $0.constant == false } ? .fails : .checked(schemaRef)
        case .failure: return .fails
        }
    }
}

extension Schema {
    /// Whether the JSON text `json` is valid, read straight from its bytes.
    ///
    /// The same verdict, and the same errors thrown, as
    /// `isValid(SourceLoader.parse(json, format: .json, file: file, limits: limits))`, without
    /// building the arrays and objects whose schemas need only `type`, `properties`, `required`,
    /// `additionalProperties`, `items`, the size keywords, `$ref` and `allOf` (other containers,
    /// and every scalar, are built and checked by the tree walk). For a server that holds a
    /// request body as bytes and wants a yes/no answer; ``validate(_:)`` on the parsed tree gives
    /// the errors.
    /// - Parameters:
    ///   - json: UTF-8 JSON text (RFC 8259), optionally starting with a byte order mark.
    ///   - file: The file the text came from, for the locations of syntax errors.
    ///   - limits: Resource limits (``SpecSource/LoadLimits/maxDepth`` applies).
    /// - Throws: ``SpecSource/SourceError`` when the text is not one JSON document (code
    ///   `json.syntax`, `json.duplicate-key`, `json.invalid-utf8`, `json.lone-surrogate`,
    ///   `json.too-deep`, `json.empty`), even when an earlier part already fails the schema.
    public func isValid(json: [UInt8], file: SourceFileID = .none, limits: LoadLimits = LoadLimits()) throws(SourceError) -> Bool {
        let verdict = streamingVerdict { walk throws(SourceError) in
            try SourceLoader.stream(json: json, file: file, limits: limits, to: walk)
        }
        // Without one, the tree path decides, and throws the error reading threw.
        if let verdict { return verdict }
        return isValid(try SourceLoader.parse(json, format: .json, file: file, limits: limits))
    }

    /// The streaming walk's verdict on a JSON text that `stream` reads into the visitor it is
    /// given (one line of a JSON Lines file, ``SpecSource/JSONLinesText``): the verdict of
    /// ``isValid(json:file:limits:)`` on that text. `nil` when reading threw (the text is not
    /// one JSON document: parsing it gives the error), or when the schema uses the dynamic scope,
    /// which only the tree walk follows.
    package func streamedVerdict(_ stream: (any JSONStreamVisitor) throws(SourceError) -> Void) -> Bool? {
        streamingVerdict { walk throws(SourceError) in try stream(walk) }
    }

    /// The streaming walk's verdict on what `stream` reads into it; `nil` when reading threw or
    /// the schema uses the dynamic scope. The walk's own type, so that ``isValid(json:file:limits:)``
    /// reads into it directly rather than through the protocol.
    private func streamingVerdict(_ stream: (StreamingWalk) throws(SourceError) -> Void) -> Bool? {
        guard round.dynamicAnchors == nil else { return nil }
        return KeptContext.streaming(root, graph: graph, direction: direction) { walk in
            do throws(SourceError) {
                try stream(walk)
            } catch {
                return nil
            }
            return walk.verdict
        }
    }

    /// ``isValid(json:file:limits:)`` for a body held as `Data` (copied into an array once).
    /// - Throws: ``SpecSource/SourceError`` when the text is not one JSON document.
    public func isValid(json: Data, file: SourceFileID = .none, limits: LoadLimits = LoadLimits()) throws(SourceError) -> Bool {
        try isValid(json: [UInt8](json), file: file, limits: limits)
    }

    /// ``isValid(json:file:limits:)`` for JSON text held as a `String` (its UTF-8 copied once).
    /// - Throws: ``SpecSource/SourceError`` when the text is not one JSON document.
    public func isValid(json: String, file: SourceFileID = .none, limits: LoadLimits = LoadLimits()) throws(SourceError) -> Bool {
        try isValid(json: Array(json.utf8), file: file, limits: limits)
    }
}
