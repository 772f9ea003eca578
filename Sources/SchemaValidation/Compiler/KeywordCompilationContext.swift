import SpecSource

/// What a keyword factory sees while compiling one schema object: the object (so keywords that
/// depend on siblings can read them), the schema's scope, and ways to compile subschemas, make
/// error sites and report invalid keyword values.
struct KeywordCompilationContext {
    let compiler: SchemaCompiler
    let node: SchemaNode
    let location: SchemaLocation
    /// `location.key`, from which subschemas' keys are made.
    let key: SchemaLocation.Key
    let object: JSONObject
    let base: URIReference
    let dialect: Dialect

    var options: SchemaOptions { compiler.options }

    /// The site of keyword `name` in this schema.
    func site(_ name: String) -> KeywordSite {
        KeywordSite(name: name, node: node, source: object.member(name)?.keyLocation ?? node.source)
    }

    /// Compiles the subschema at `tokens` below this schema (e.g. `["properties", "name"]`).
    func subschema(_ tokens: [String]) -> SchemaNode {
        // The value is at hand: find it below this object instead of from the document root.
        subschema(tokens, value: JSONPointer(tokens: tokens).resolve(in: JSONValue(.object(object))))
    }

    /// Compiles the subschema `value`, found at `tokens` below this schema by the caller (a
    /// member of a `properties` map, an item of an `allOf` list), without looking it up again.
    func subschema(_ tokens: [String], value: JSONValue?) -> SchemaNode {
        let loc = SchemaLocation(document: location.document, pointer: location.pointer.appending(contentsOf: tokens))
        let key = SchemaLocation.Key(extending: key, by: tokens, tokens: loc.pointer.tokens)
        return compiler.node(at: loc, key: key, value: value, base: base, dialect: dialect)
    }

    /// A map of subschemas (`properties`, `patternProperties`) as written at `keyword`, or — as real
    /// documents write it, following the JSON Reference draft rather than JSON Schema — the map a
    /// lone `{"$ref": "attributes.yml#/ids"}` designates. Each member comes with its compiled node.
    /// `nil` when the value is not an object (or the reference cannot be resolved: diagnosed).
    func schemaMap(_ keyword: String) -> [(member: JSONObject.Member, node: SchemaNode)]? {
        guard let value = object[keyword], let map = value.objectValue else { return nil }
        guard map.count == 1, let ref = map["$ref"], let reference = ref.stringValue else {
            return map.members.map { ($0, subschema([keyword, $0.key], value: $0.value)) }
        }
        let target: SchemaLocation
        do {
            target = try compiler.registry.locate(base.resolving(reference), defaultDialect: dialect, purpose: .object)
        } catch {
            compiler.diagnose(
                SourceError(
                    code: "ref.unresolved",
                    message: "cannot resolve $ref \(JSONWriter.quoted(reference)): \(SchemaRegistry.describe(error))",
                    location: ref.location))
            return nil
        }
        guard let resolved = target.pointer.resolve(in: target.document.root)?.objectValue else {
            invalid(keyword, ref, "an object of schemas (the reference designates no object)")
            return nil
        }
        return resolved.members.map { member in
            let pointer = target.pointer.appending(member.key)
            compiler.registry.ensureSchemaIndexed(target.document, at: pointer)
            return (member, compiler.node(at: SchemaLocation(document: target.document, pointer: pointer), value: member.value))
        }
    }

    /// The names sibling `properties` declares (through a JSON-Reference-style `$ref`, see
    /// ``schemaMap(_:)``, without diagnosing it: `properties` itself does).
    var declaredPropertyNames: [String] {
        guard let map = object["properties"]?.objectValue else { return [] }
        guard map.count == 1, let reference = map["$ref"]?.stringValue else { return map.keys }
        guard let target = try? compiler.registry.locate(base.resolving(reference), defaultDialect: dialect, purpose: .object) else {
            return []
        }
        return target.pointer.resolve(in: target.document.root)?.objectValue?.keys ?? []
    }

    /// The keyword-path fragment for `tokens` (`/properties/a~1b`).
    static func fragment(_ tokens: String...) -> String {
        // Built in one string: every listed property keeps one (mapping each token to a string
        // and joining them made three strings and an array per property).
        var fragment = ""
        var length = 0
        for token in tokens { length += 1 + token.utf8.count }
        if length > 15 { fragment.reserveCapacity(length) }  // up to 15 bytes, a string is held inline
        for token in tokens {
            fragment.append("/")
            fragment.append(JSONPointer.escape(token))
        }
        return fragment
    }

    /// Reports an invalid keyword value at the value's position.
    func invalid(_ keyword: String, _ value: JSONValue, _ expectation: String) {
        compiler.diagnose(
            SourceError(
                code: "schema.invalid-keyword", message: "\(keyword) must be \(expectation), found \(describeValue(value, limit: 60))",
                location: value.location))
    }

    /// The value of sibling keyword `name`.
    func sibling(_ name: String) -> JSONValue? { object[name] }

    /// A non-negative integer keyword value, or a diagnostic.
    func nonNegativeInteger(_ keyword: String, _ value: JSONValue) -> Int? {
        if let n = value.numberValue, n.isInteger, n.signum >= 0 {
            return n.intValue ?? Int.max
        }
        invalid(keyword, value, "a non-negative integer")
        return nil
    }

    /// A list of subschemas (`allOf`, `anyOf`, `oneOf`), or a diagnostic.
    func schemaList(_ keyword: String, _ value: JSONValue) -> [SchemaNode]? {
        guard let items = value.arrayValue, !items.isEmpty else {
            invalid(keyword, value, "a non-empty array of schemas")
            return nil
        }
        return items.indices.map { subschema([keyword, String($0)], value: items[$0]) }
    }
}
