import OpenAPIContract
import SchemaValidation
import SpecSource

/// The state of one lint run: the loaded document, what its walk recorded, the configuration,
/// the findings so far, and resolved references (each resolved once).
final class LintContext {
    let document: OpenAPIDocument
    let inventory: DocumentInventory
    let configuration: LintConfiguration
    /// Whether the document is OpenAPI 3.0 (Schema Objects are the 3.0 dialect, draft 4 based).
    let isOpenAPI30: Bool
    private(set) var findings: [LintFinding] = []
    private(set) var notes: [String] = []
    /// Where the references that do not resolve are written (their `$ref` values): those the
    /// load reported, and the `properties: {$ref: …}` maps the schema walk could not read (a
    /// compile error, not a load error). The rules then check what they can reach, and skip what
    /// would rest on the unreachable parts.
    private(set) var unresolvedReferences: Set<SourceLocation>
    /// Whether some references of the description do not resolve.
    var hasUnresolvedReferences: Bool { !unresolvedReferences.isEmpty }
    /// Rules that did not run because some references do not resolve.
    var skippedRules: [LintRule] = []
    /// Rules that ran on part of the document, with how many places they skipped.
    var partialRules: [(LintRule, Int)] = []
    private var resolved: [ReferenceKey: Located?] = [:]

    private struct ReferenceKey: Hashable {
        let documentURI: String
        let reference: String
    }

    init(document: OpenAPIDocument, configuration: LintConfiguration, unresolvedReferences: Set<SourceLocation> = []) {
        self.document = document
        self.configuration = configuration
        self.unresolvedReferences = unresolvedReferences
        isOpenAPI30 = document.version.hasPrefix("3.0")
        inventory = document.makeInventory()
    }

    var root: JSONValue { document.root }
    var rootDocumentURI: String { document.rootDocumentURI }

    /// Whether findings of `rule` are reported.
    func isOn(_ rule: LintRule) -> Bool { configuration.severity(of: rule) != nil }

    /// Records a finding of `rule` (unless it is off) at `location`, for the node at `pointer`.
    func report(_ rule: LintRule, _ message: String, at location: SourceLocation, pointer: JSONPointer) {
        guard let severity = configuration.severity(of: rule) else { return }
        findings.append(
            LintFinding(rule: rule.id, severity: severity, message: message, location: location, pointer: "#" + pointer.fragment))
    }

    /// Records a reference that does not resolve, found while walking the schemas (before any
    /// rule runs).
    func noteUnresolvedReference(at location: SourceLocation) { unresolvedReferences.insert(location) }

    /// Records a remark that is not a finding.
    func note(_ text: String) { notes.append(text) }

    /// What `reference`, written in document `documentURI`, designates; `nil` when it cannot be
    /// resolved (the load reports unresolvable references; lint then just cannot look further).
    func resolve(_ reference: String, from documentURI: String) -> Located? {
        let key = ReferenceKey(documentURI: documentURI, reference: reference)
        if let known = resolved[key] { return known }
        let target = try? document.locate(reference, relativeTo: documentURI, at: .unknown)
        resolved[key] = target
        return target
    }

    /// `located` with its `$ref`s followed (at most 32 in a row); `nil` when one cannot be resolved.
    func dereference(_ located: Located) -> Located? {
        var current = located
        for _ in 0..<32 {
            guard let ref = current.value["$ref"]?.stringValue else { return current }
            guard let next = resolve(ref, from: current.documentURI) else { return nil }
            current = next
        }
        return nil
    }

    /// The component schema `name` of the root document, if there is one.
    func componentSchema(_ name: String) -> Located? {
        guard let value = root["components"]?["schemas"]?[name] else { return nil }
        return Located(documentURI: rootDocumentURI, pointer: JSONPointer(tokens: ["components", "schemas", name]), value: value)
    }

    /// Where the member `key` of the object at `located` is written (its key), else the object.
    static func keyLocation(_ located: Located, _ key: String) -> SourceLocation {
        located.value.objectValue?.member(key)?.keyLocation ?? located.value.location
    }

    /// How a position reads in a message: `#/components/schemas/Cat`, prefixed by the file when it
    /// is not the root document.
    func describe(_ located: Located) -> String {
        let fragment = "#" + located.pointer.fragment
        guard located.documentURI != rootDocumentURI else { return fragment }
        let file = located.value.location.isKnown ? located.value.location.file.path : located.documentURI
        return file + fragment
    }
}

/// A position's identity (document and pointer), for sets and dictionaries.
struct PositionKey: Hashable {
    let documentURI: String
    let pointer: JSONPointer

    init(_ located: Located) {
        documentURI = located.documentURI
        pointer = located.pointer
    }
}
