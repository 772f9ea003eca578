import SpecSource

/// `required`: an object instance has every listed member. The error is reported at the object.
final class RequiredKeyword: Keyword, @unchecked Sendable {
    static let definition = KeywordDefinition(
        "required", .all, vocabulary: .validation, compile: compile,
        errors: [
            ErrorCode(
                "required", "a required member is missing",
                "JSON Schema 2020-12 validation §6.5.3. The error is at the object that lacks the member. In a request a readOnly property, and in a response a writeOnly one, is not required (OpenAPI 3.0.4 Schema Object)."
            )
        ])

    let names: [String]
    let site: KeywordSite
    /// The names sibling `properties` declares: a member with one of them is no misspelling.
    let declared: Set<String>

    init(names: [String], site: KeywordSite, declared: Set<String>) {
        self.names = names
        self.site = site
        self.declared = declared
    }

    static func compile(_ c: inout KeywordCompilationContext, _ value: JSONValue) -> Keyword? {
        guard let items = value.arrayValue, items.allSatisfy({ $0.stringValue != nil }) else {
            c.invalid("required", value, "an array of strings")
            return nil
        }
        if items.isEmpty { return nil }
        return RequiredKeyword(names: items.compactMap(\.stringValue), site: c.site("required"), declared: Set(c.declaredPropertyNames))
    }

    /// `missing required property "prompt"`, and when a member of the object is a near miss of the
    /// name (and is neither declared nor required itself), `; did you mean to rename "promt"?`; when
    /// a member is the same name in another Unicode normalization, a note that says so.
    func missingMessage(_ name: String, in object: JSONObject) -> String {
        let message = "missing required property \(ValuePreview.quoted(name))"
        if let twin = normalizationTwin(of: name, among: object.members.lazy.map(\.key)) {
            return message + "; the object has \(ValuePreview.quoted(twin)), which looks the same but "
                + codePointsDiffer(instance: twin, schema: name)
        }
        let strays = object.members.lazy.map(\.key).filter { !self.declared.contains($0) && !self.names.contains($0) }
        guard let near = NameSuggestion.nearest(to: name, among: strays) else { return message }
        return message + "; did you mean to rename \(ValuePreview.quoted(near))?"
    }

    override var streamRole: StreamRole { .required }

    override func validate(_ instance: Instance, _ context: inout ValidationContext) -> Bool {
        guard let members = instance.borrowedMembers else { return true }
        // Small objects (no key index) are scanned in place: looking names up on a copy of the
        // object retains and releases it.
        if members.count <= 12, names.allSatisfy({ name in members.indices.contains { MemberName.same(members[$0].key, name) } }) {
            return true
        }
        guard case .object(let object) = instance.kind else { return true }
        var valid = true
        for name in names where object.indexOf(name) == nil {
            if context.direction != nil && context.isExemptFromRequired(name) { continue }
            guard context.collectsErrors else { return false }
            valid = false
            context.report(site, missingMessage(name, in: object))
        }
        return valid
    }
}
