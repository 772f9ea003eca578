import SpecSource

/// A document that schemas live in: an OpenAPI document, a standalone JSON Schema, or a document
/// reached through a `$ref` into another file.
final class SchemaDocument: @unchecked Sendable {
    /// Retrieval URI (no fragment).
    let uri: URIReference
    /// The parsed document.
    let root: JSONValue
    /// The dialect of schemas that don't say otherwise.
    let dialect: Dialect
    /// Prefix for absolute keyword locations: empty for the primary document, else its URI or path.
    let displayPrefix: String
    /// Whether ``dialect`` was chosen by the caller and overrides the root's own `$schema`.
    var dialectIsExplicit = false
    /// Pointers (as tokens) of the subtrees indexed as schemas: everything reachable from one of them
    /// through schema keywords has had its identifiers and references recorded.
    var indexedSchemaRoots: Set<[String]> = []
    /// Whether the whole document was indexed as an OpenAPI document (schemas under `schema`,
    /// `itemSchema` and `components/schemas`; see ``SchemaRegistry/isCoveredInOpenAPI(_:)``).
    var isOpenAPIIndexed = false
    /// ``uri`` as a string (the registry's key for the document).
    let uriString: String
    /// The base URI of the document's references: OpenAPI 3.2's `$self` ("the self-assigned URI
    /// of this document, which also serves as its base URI", resolved against the retrieval URI
    /// when relative), else the retrieval URI.
    let baseURI: URIReference

    /// The dialect a `$schema` at `pointer` switches to, if any.
    func declaredDialect(_ object: JSONObject, at pointer: [String]) -> Dialect? {
        declaredDialect(object, atRoot: pointer.isEmpty)
    }

    /// The dialect a `$schema` in `object` (the document's root when `atRoot`) switches to, if any.
    func declaredDialect(_ object: JSONObject, atRoot: Bool) -> Dialect? {
        if dialectIsExplicit && atRoot { return nil }
        guard let declared = object["$schema"]?.stringValue, let d = Dialect(metaSchemaURI: declared) else { return nil }
        return dialect.isOpenAPI && d == .draft2020_12 ? dialect : d
    }

    init(uri: URIReference, root: JSONValue, dialect: Dialect, displayPrefix: String) {
        self.uri = uri
        uriString = uri.description
        if root["openapi"] != nil, let selfURI = root["$self"]?.stringValue {
            baseURI = uri.resolving(selfURI).withoutFragment
        } else {
            baseURI = uri
        }
        self.root = root
        self.dialect = dialect
        self.displayPrefix = displayPrefix
    }
}

/// A location in a schema document.
struct SchemaLocation {
    let document: SchemaDocument
    let pointer: JSONPointer

    /// Identity of the location, for memoising compiled nodes.
    var key: Key { Key(document: ObjectIdentifier(document), tokens: pointer.tokens) }

    /// Hashes its tokens once, when made: the memo tables are looked up with a key about a dozen
    /// times per node and grow by rehashing every key, which hashed every token each time.
    ///
    /// The hash folds the tokens one at a time (the document's hash, then each token hashed with
    /// the hash so far), so the key of a subschema is its parent's hash and the few tokens that
    /// lead to it (``init(extending:by:tokens:)``) rather than every token of its pointer again.
    struct Key: Hashable {
        let document: ObjectIdentifier
        let tokens: [String]
        private let hash: Int

        init(document: ObjectIdentifier, tokens: [String]) {
            var hash = document.hashValue
            for token in tokens { hash = Self.fold(hash, token) }
            self.document = document
            self.tokens = tokens
            self.hash = hash
        }

        /// The key of the location `suffix` leads to from `parent`'s: `tokens` must be
        /// `parent.tokens + suffix` (they are kept, not rebuilt).
        init(extending parent: Key, by suffix: [String], tokens: [String]) {
            var hash = parent.hash
            for token in suffix { hash = Self.fold(hash, token) }
            document = parent.document
            self.tokens = tokens
            self.hash = hash
        }

        private static func fold(_ hash: Int, _ token: String) -> Int {
            var hasher = Hasher()
            hasher.combine(hash)
            hasher.combine(token)
            return hasher.finalize()
        }

        static func == (lhs: Key, rhs: Key) -> Bool {
            lhs.hash == rhs.hash && lhs.document == rhs.document && lhs.tokens == rhs.tokens
        }

        func hash(into hasher: inout Hasher) { hasher.combine(hash) }
    }
}

/// Documents and the identifiers declared in them (`$id`, `$anchor`, `$dynamicAnchor`), and the
/// rules for finding documents that are referenced but not yet loaded.
///
/// Nothing is fetched from the network: a reference resolves to a document that was registered,
/// a `file:` URI (read from disk), or a URL under a mapped prefix (read from the mapped folder).
final class SchemaRegistry {
    private(set) var documents: [String: SchemaDocument] = [:]
    /// Absolute URI (no fragment) of every schema resource → its location.
    private var resources: [String: SchemaLocation] = [:]
    /// `uri#anchor` → location, for `$anchor` and `$dynamicAnchor` (and draft 6/7 `$id: "#x"`).
    private var anchors: [String: SchemaLocation] = [:]
    /// `uri#anchor` → location, only for `$dynamicAnchor`.
    var dynamicAnchors: [String: SchemaLocation] {
        indexDeferred()
        return declaredDynamicAnchors
    }
    private var declaredDynamicAnchors: [String: SchemaLocation] = [:]
    /// Why each document that could not be retrieved failed, by URI (no fragment). A broken file
    /// is read once, not once per reference to it: DigitalOcean's 659 references to one shared
    /// response file read it 659 times when it did not parse.
    private(set) var unretrievable: [String: LookupFailure] = [:]
    let resolver: ReferenceResolver
    let primaryDirectory: String?
    /// Every `$ref`/`$dynamicRef`/`$recursiveRef` met while indexing, for checking them all without
    /// compiling (documents compiled on demand still report every broken reference at load).
    var references: [(reference: String, base: URIReference, location: SourceLocation, dialect: Dialect)] {
        indexDeferred()
        return recordedReferences
    }
    private var recordedReferences: [(reference: String, base: URIReference, location: SourceLocation, dialect: Dialect)] = []
    /// Documents registered with ``Indexing/deferred`` and not indexed yet, and the schema subtrees
    /// asked to be indexed in them meanwhile (replayed, in order, after the documents).
    private var deferredDocuments: [SchemaDocument] = []
    private var deferredSchemaRoots: [(SchemaDocument, JSONPointer)] = []

    init(resolver: ReferenceResolver, primaryDirectory: String?) {
        self.resolver = resolver
        self.primaryDirectory = primaryDirectory
    }

    /// How a newly registered document is indexed.
    enum Indexing {
        /// As an OpenAPI document when it has `openapi` and `paths`/`components`, else as a schema.
        case automatic
        /// Not at all, unless it is a whole OpenAPI document: a document reached through a
        /// non-schema reference (a path item, response, parameter… in another file). Its schema
        /// subtrees are indexed when they are located as schemas (``ensureSchemaIndexed(_:at:)``).
        case none
        /// As ``automatic``, but only when something first needs an identifier or the list of
        /// references (a lookup of a URI no document is registered under, an anchor, a resource
        /// root, the dynamic anchors): until then, JSON-pointer references into registered
        /// documents resolve without walking the document. The registry answers every lookup as
        /// it would have with ``automatic``.
        case deferred
    }

    /// Registers a document and indexes its identifiers.
    @discardableResult
    func add(
        root: JSONValue, uri: URIReference, dialect: Dialect, displayPrefix: String, dialectIsExplicit: Bool = false,
        indexing: Indexing = .automatic
    ) -> SchemaDocument {
        let doc = SchemaDocument(uri: uri.withoutFragment, root: root, dialect: dialect, displayPrefix: displayPrefix)
        doc.dialectIsExplicit = dialectIsExplicit
        documents[doc.uri.description] = doc
        resources[doc.uri.description] = SchemaLocation(document: doc, pointer: .root)
        // References that name the document by its `$self` find it too.
        if doc.baseURI != doc.uri, resources[doc.baseURI.description] == nil {
            resources[doc.baseURI.description] = SchemaLocation(document: doc, pointer: .root)
        }
        if indexing == .deferred {
            deferredDocuments.append(doc)
            return doc
        }
        // A whole OpenAPI document reached through a non-schema reference (a shared components
        // document) is indexed all the same: its `$id`s are reference targets too (OpenAPI 3.2.0
        // Appendix F).
        guard indexing == .automatic || Self.isOpenAPIDocument(root) else { return doc }
        indexAutomatically(doc)
        return doc
    }

    private static func isOpenAPIDocument(_ root: JSONValue) -> Bool {
        root["openapi"] != nil && root["paths"] != nil || root["openapi"] != nil && root["components"] != nil
    }

    /// Indexes the documents registered with ``Indexing/deferred``, then the schema subtrees asked
    /// for in them meanwhile, as registering them with ``Indexing/automatic`` would have. Cheap
    /// when there are none.
    @inline(__always)
    func indexDeferred() {
        if !deferredDocuments.isEmpty { indexDeferredDocuments() }
    }

    private func indexDeferredDocuments() {
        let documents = deferredDocuments
        let roots = deferredSchemaRoots
        deferredDocuments = []
        deferredSchemaRoots = []
        for doc in documents { indexAutomatically(doc) }
        for (doc, pointer) in roots { ensureSchemaIndexed(doc, at: pointer) }
    }

    /// Indexes `doc` as an OpenAPI document when it has `openapi` and `paths`/`components`, else
    /// as a schema.
    private func indexAutomatically(_ doc: SchemaDocument) {
        let isOpenAPIDocument = Self.isOpenAPIDocument(doc.root)
        if isOpenAPIDocument { doc.isOpenAPIIndexed = true } else { doc.indexedSchemaRoots.insert([]) }
        index(doc.root, in: doc, tokens: [], base: doc.baseURI, dialect: doc.dialect, isSchema: !isOpenAPIDocument)
    }

    /// Indexes the schema at `pointer` in `doc` unless a schema subtree already indexed reaches it
    /// through schema keywords.
    func ensureSchemaIndexed(_ doc: SchemaDocument, at pointer: JSONPointer) {
        if !deferredDocuments.isEmpty && deferredDocuments.contains(where: { $0 === doc }) {
            deferredSchemaRoots.append((doc, pointer))
            return
        }
        let tokens = pointer.tokens
        if doc.isOpenAPIIndexed && Self.isCoveredInOpenAPI(tokens) { return }
        for k in stride(from: tokens.count, through: 0, by: -1) where doc.indexedSchemaRoots.contains(Array(tokens[0..<k])) {
            if Self.isSchemaPath(tokens[k...]) { return }
        }
        guard let value = pointer.resolve(in: doc.root) else { return }
        doc.indexedSchemaRoots.insert(tokens)
        let scope = scope(at: SchemaLocation(document: doc, pointer: pointer))
        index(value, in: doc, tokens: tokens, base: scope.base, dialect: scope.dialect, isSchema: true)
    }

    /// Whether `tokens`, read from a schema, lead to a subschema through schema keywords only
    /// (`properties/a/items/allOf/0`).
    static func isSchemaPath(_ tokens: ArraySlice<String>) -> Bool {
        var rest = tokens
        while let keyword = rest.popFirst() {
            if schemaMapKeywords.contains(keyword) {
                guard rest.popFirst() != nil else { return false }
            } else if schemaKeywords.contains(keyword) {
                if let next = rest.first, indexedKeywords.contains(keyword), !next.isEmpty,
                    next.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 })
                {
                    rest.removeFirst()
                }
            } else {
                return false
            }
        }
        return true
    }

    /// Whether the OpenAPI-document walk of ``index(_:in:path:base:dialect:isSchema:)`` reached
    /// the schema at `tokens`: below `components/schemas/NAME` or a `schema`/`itemSchema` member
    /// (outside examples), through schema keywords only.
    static func isCoveredInOpenAPI(_ tokens: [String]) -> Bool {
        if tokens.count >= 3 && tokens[0] == "components" && tokens[1] == "schemas" && isSchemaPath(tokens[3...]) { return true }
        for j in tokens.indices {
            let token = tokens[j]
            if token == "example" || token == "examples" { return false }
            if (token == "schema" || token == "itemSchema") && j > 0 && isSchemaPath(tokens[(j + 1)...]) { return true }
        }
        return false
    }

    /// Schema keywords whose value may be an array of subschemas (from the keyword definitions).
    private static let indexedKeywords = KeywordTable.subschemaArrayKeywords
    /// Keywords whose value is a map of subschemas.
    private static let schemaMapKeywords = KeywordTable.subschemaMapKeywords
    /// Keywords whose value is a subschema or an array of subschemas. Values of other keywords
    /// (`enum`, `const`, `default`, unknown keywords) are data: an `$id` inside them declares nothing.
    private static let schemaKeywords = KeywordTable.subschemaKeywords
    /// ``schemaMapKeywords`` (the first ``subschemaMapKeywordCount`` names), then the other
    /// ``schemaKeywords``: the index walk asks about every member of every schema, and a name
    /// table answers without hashing the name (two `Set` lookups did, with SipHash).
    private static let subschemaKeywordTable = NameTable(
        schemaMapKeywords.sorted() + schemaKeywords.subtracting(schemaMapKeywords).sorted())
    private static let subschemaMapKeywordCount = schemaMapKeywords.count

    private func index(_ root: JSONValue, in doc: SchemaDocument, tokens: [String], base: URIReference, dialect: Dialect, isSchema: Bool) {
        var path = tokens
        index(root, in: doc, path: &path, base: base, dialect: dialect, isSchema: isSchema)
    }

    /// Walks `value` (at `path`, a stack of tokens pushed and popped on the way) recording every
    /// identifier a schema declares.
    private func index(
        _ value: JSONValue, in doc: SchemaDocument, path: inout [String], base: URIReference, dialect: Dialect, isSchema: Bool
    ) {
        guard path.count < 1_000 else { return }
        switch value.kind {
        case .array(let items):
            for i in items.indices {
                path.append(String(i))
                index(items[i], in: doc, path: &path, base: base, dialect: dialect, isSchema: isSchema)
                path.removeLast()
            }
        case .object(let object):
            var base = base
            var dialect = dialect
            if isSchema && Self.declaresIdentifiers(object) {
                if let d = doc.declaredDialect(object, at: path) { dialect = d }
                let scope = Self.scope(of: object, base: base, dialect: dialect, inOpenAPI30: doc.dialect == .openAPI30)
                let location = SchemaLocation(document: doc, pointer: JSONPointer(tokens: path))
                if scope.base != base {
                    base = scope.base
                    resources[base.description] = resources[base.description] ?? location
                }
                if let anchor = scope.anchor { anchors[base.description + "#" + anchor] = location }
                if dialect.base == .draft2020_12 || dialect.base == .draft2019_09 {
                    if let a = object["$anchor"]?.stringValue { anchors[base.description + "#" + a] = location }
                    if let a = object["$dynamicAnchor"]?.stringValue {
                        anchors[base.description + "#" + a] = location
                        declaredDynamicAnchors[base.description + "#" + a] = location
                    }
                    if dialect.base == .draft2019_09, object["$recursiveAnchor"]?.boolValue == true {
                        declaredDynamicAnchors[base.description + "#"] = location
                    }
                }
            }
            // Members are read in place: copying each one (its key and value) was a retain and a
            // release of each, for every member of the document.
            object.members.withUnsafeBufferPointer { members in
                for i in members.indices {
                    let member = members.baseAddress! + i
                    path.append(member.pointee.key)
                    defer { path.removeLast() }
                    if isSchema {
                        if member.pointee.key.utf8.first == UInt8(ascii: "$"), Self.referenceKeywords.contains(member.pointee.key),
                            let text = member.pointee.value.stringValue
                        {
                            recordedReferences.append((text, base, member.pointee.value.location, dialect))
                            continue
                        }
                        guard let role = Self.subschemaKeywordTable.index(of: member.pointee.key) else { continue }
                        if role < Self.subschemaMapKeywordCount {
                            guard case .object(let map) = member.pointee.value.kind else { continue }
                            indexEntries(of: map, in: doc, path: &path, base: base, dialect: dialect)
                        } else {
                            index(member.pointee.value, in: doc, path: &path, base: base, dialect: dialect, isSchema: true)
                        }
                        continue
                    }
                    // Outside schemas (the rest of an OpenAPI document): schemas sit under `schema`
                    // members and in components/schemas; examples are data.
                    if member.pointee.key == "example" || member.pointee.key == "examples" { continue }
                    if path.count == 2 && path[0] == "components" && member.pointee.key == "schemas",
                        case .object(let map) = member.pointee.value.kind
                    {
                        indexEntries(of: map, in: doc, path: &path, base: base, dialect: dialect)
                        continue
                    }
                    let isSchema = member.pointee.key == "schema" || member.pointee.key == "itemSchema"
                    index(member.pointee.value, in: doc, path: &path, base: base, dialect: dialect, isSchema: isSchema)
                }
            }
        default:
            return
        }
    }

    /// Indexes each member value of `map` (a map of subschemas) as a schema, read in place.
    private func indexEntries(of map: JSONObject, in doc: SchemaDocument, path: inout [String], base: URIReference, dialect: Dialect) {
        map.members.withUnsafeBufferPointer { entries in
            for j in entries.indices {
                path.append(entries[j].key)
                index(entries[j].value, in: doc, path: &path, base: base, dialect: dialect, isSchema: true)
                path.removeLast()
            }
        }
    }

    /// Whether an object has any member that can declare an identifier or a dialect (one pass
    /// over the keys, so ordinary schemas cost almost nothing to index).
    private static func declaresIdentifiers(_ object: JSONObject) -> Bool {
        for member in object {
            guard let first = member.key.utf8.first, first == UInt8(ascii: "$") || first == UInt8(ascii: "i") else { continue }
            if identifierKeywords.contains(member.key) { return true }
        }
        return false
    }

    private static let referenceKeywords: Set<String> = ["$ref", "$dynamicRef", "$recursiveRef"]
    private static let identifierKeywords: Set<String> = ["$id", "id", "$schema", "$anchor", "$dynamicAnchor", "$recursiveAnchor"]

    /// The base URI and anchor a schema object declares through its id keyword.
    static func scope(of object: JSONObject, base: URIReference, dialect: Dialect, inOpenAPI30: Bool) -> (
        base: URIReference, anchor: String?
    ) {
        guard !inOpenAPI30, let id = object[dialect.idKeyword]?.stringValue else { return (base, nil) }
        // Before 2019-09, `$ref` hides its siblings, `$id` included.
        if dialect.refOverridesSiblings && object["$ref"] != nil { return (base, nil) }
        // Draft 4-7: an id that is only a fragment declares an anchor.
        if id.hasPrefix("#") {
            return dialect.idDeclaresAnchor ? (base, String(id.dropFirst())) : (base, nil)
        }
        let resolved = base.resolving(id)
        var anchor: String?
        if dialect.idDeclaresAnchor, let fragment = resolved.fragment, !fragment.isEmpty { anchor = fragment }
        return (resolved.withoutFragment, anchor)
    }

    /// Why a reference could not be resolved.
    enum LookupFailure: Error {
        /// No document at the URI; the message says why (a file that does not exist, a remote URL).
        case noDocument(String)
        case loadFailed(SourceError)
        case badPointer(String)
        case missingTarget(String)
    }

    /// The reason, for a message.
    static func describe(_ failure: LookupFailure) -> String {
        switch failure {
        case .noDocument(let message): return message
        case .loadFailed(let e): return "the referenced document cannot be loaded: \(e)"
        case .badPointer(let p): return p
        case .missingTarget(let m): return m
        }
    }

    /// `doc#/a/b/Pett does not exist: #/a/b has no member "Pett"; did you mean "Pet"?`: the
    /// first token of `pointer` that designates nothing in `doc`, and the nearest member name
    /// there (``SpecSource/NameSuggestion``), or why an array or a scalar has no such token.
    static func missingPointerMessage(_ pointer: JSONPointer, in doc: SchemaDocument) -> String {
        let head = "\(doc.displayPrefix)#\(pointer.fragment) does not exist"
        var current = doc.root
        for (i, token) in pointer.tokens.enumerated() {
            let parent = "#" + JSONPointer(tokens: Array(pointer.tokens[..<i])).fragment
            switch current.kind {
            case .object(let object):
                if let next = object[token] {
                    current = next
                    continue
                }
                let near = NameSuggestion.nearest(to: token, among: object.keys).map { "; did you mean \(JSONWriter.quoted($0))?" }
                return "\(head): \(parent) has no member \(JSONWriter.quoted(token))\(near ?? "")"
            case .array(let items):
                if let index = Int(token), index >= 0, index < items.count, String(index) == token {
                    current = items[index]
                    continue
                }
                let count = "\(items.count) item\(items.count == 1 ? "" : "s")"
                return "\(head): \(parent) is an array of \(count), which has no \(JSONWriter.quoted(token))"
            default:
                return "\(head): \(parent) is \(current.typeName), which has no member \(JSONWriter.quoted(token))"
            }
        }
        return head
    }

    /// What a reference designates: a schema (its subtree is indexed for identifiers and
    /// references) or another OpenAPI object (a path item, response, parameter…).
    enum Purpose {
        case schema
        case object
    }

    /// Finds the location an absolute URI (with optional fragment) designates, loading the document
    /// it lives in when needed.
    func locate(_ uri: URIReference, defaultDialect: Dialect, purpose: Purpose = .schema) throws(LookupFailure) -> SchemaLocation {
        let location = try locateUnindexed(uri, defaultDialect: defaultDialect, purpose: purpose)
        if purpose == .schema { ensureSchemaIndexed(location.document, at: location.pointer) }
        return location
    }

    private func locateUnindexed(_ uri: URIReference, defaultDialect: Dialect, purpose: Purpose) throws(LookupFailure) -> SchemaLocation {
        let baseKey = uri.withoutFragment.description
        let fragment = uri.fragment ?? ""
        // A URI no document is registered under may be an `$id`, an anchor needs the identifiers.
        if !fragment.isEmpty && !fragment.hasPrefix("/") { indexDeferred() }
        var resource = resources[baseKey]
        if resource == nil {
            indexDeferred()
            resource = resources[baseKey]
        }
        if resource == nil {
            if let failure = unretrievable[baseKey] { throw failure }
            let loaded: JSONValue?
            do {
                loaded = try resolver.retrieve(uri.withoutFragment, relativeTo: primaryDirectory)
            } catch {
                unretrievable[baseKey] = .loadFailed(error)
                throw .loadFailed(error)
            }
            guard let loaded else {
                let failure = LookupFailure.noDocument(resolver.unavailableMessage(for: uri.withoutFragment))
                unretrievable[baseKey] = failure
                throw failure
            }
            var dialect = defaultDialect
            if let declared = loaded["$schema"]?.stringValue, let d = Dialect(metaSchemaURI: declared) { dialect = d }
            let doc = add(
                root: loaded, uri: uri.withoutFragment, dialect: dialect, displayPrefix: resolver.displayName(for: uri.withoutFragment),
                indexing: purpose == .schema ? .automatic : .none)
            resource = SchemaLocation(document: doc, pointer: .root)
        }
        guard let resource else { throw .noDocument(resolver.unavailableMessage(for: uri.withoutFragment)) }
        if fragment.isEmpty { return resource }
        if fragment.hasPrefix("/") {
            let pointer: JSONPointer
            do { pointer = try JSONPointer(fragment: fragment) } catch { throw .badPointer(error.description) }
            let full = JSONPointer(tokens: resource.pointer.tokens + pointer.tokens)
            guard full.resolve(in: resource.document.root) != nil else {
                throw .missingTarget(Self.missingPointerMessage(full, in: resource.document))
            }
            return SchemaLocation(document: resource.document, pointer: full)
        }
        guard let anchored = anchors[baseKey + "#" + (percentDecodeLossy(fragment))] else {
            throw .missingTarget("no schema declares the anchor \"\(fragment)\" in \(baseKey)")
        }
        return anchored
    }

    /// Where the schema resource with this absolute URI (no fragment) starts, if it is known.
    func resourceLocation(_ uri: String) -> SchemaLocation? {
        if let known = resources[uri] { return known }
        indexDeferred()
        return resources[uri]
    }

    /// The dynamic anchor `name` declared in resource `resourceURI`, if any.
    func dynamicAnchor(_ name: String, inResource resourceURI: String) -> SchemaLocation? {
        dynamicAnchors[resourceURI + "#" + name]
    }

    /// The base URI and dialect in effect where the schema at `location` starts (walking down
    /// through the `$id`s of its ancestors).
    ///
    /// The walk's state after each token of the last location asked for is kept
    /// (``scopeTrail``): the OpenAPI walk asks for thousands of schemas in document order, most
    /// sharing all but their last few tokens with the one before, so only those are walked.
    func scope(at location: SchemaLocation) -> (base: URIReference, dialect: Dialect) {
        let doc = location.document
        let tokens = location.pointer.tokens
        var trail = scopeTrail
        scopeTrail = nil  // not shared while it is extended below
        if trail == nil || trail!.document !== doc {
            trail = ScopeTrail(document: doc, tokens: [], states: [(doc.baseURI, doc.dialect, doc.root)])
        }
        // The longest prefix of `tokens` the trail has walked: its state there is exact.
        var i = 0
        while i < trail!.tokens.count && i < tokens.count && trail!.tokens[i] == tokens[i] { i += 1 }
        trail!.tokens.removeSubrange(i...)
        trail!.states.removeSubrange((i + 1)...)
        var (base, dialect, current) = trail!.states[i]
        // Ancestors only: the schema's own `$schema` and `$id` are applied when it is compiled.
        while i < tokens.count {
            if case .object(let object) = current.kind {
                if let d = doc.declaredDialect(object, atRoot: i == 0) { dialect = d }
                base = Self.scope(of: object, base: base, dialect: dialect, inOpenAPI30: doc.dialect == .openAPI30).base
            }
            guard let next = JSONPointer.child(of: current, tokens[i]) else {
                // The last ancestor's `$id` applies; the trail stops at the value it reached.
                scopeTrail = trail
                return (base, dialect)
            }
            current = next
            trail!.tokens.append(tokens[i])
            trail!.states.append((base, dialect, current))
            i += 1
        }
        scopeTrail = trail
        return (base, dialect)
    }

    /// Where ``scope(at:)`` walked last, in one document: `states[k]` is the base URI and
    /// dialect in effect below the first `k` tokens (their ancestors' `$id`s and `$schema`s
    /// applied), with the value they lead to.
    private struct ScopeTrail {
        let document: SchemaDocument
        var tokens: [String]
        var states: [(base: URIReference, dialect: Dialect, value: JSONValue)]
    }
    private var scopeTrail: ScopeTrail?
}
