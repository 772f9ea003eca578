import SpecSource

/// `dependentRequired`: when an object has member `k`, it also has the listed members.
final class DependentRequiredKeyword: Keyword, @unchecked Sendable {
    static let definition = KeywordDefinition(
        "dependentRequired", .draft2019AndLater, vocabulary: .validation, compile: compile,
        errors: [
            ErrorCode(
                "dependentRequired", "a member that another member requires is missing",
                "JSON Schema 2020-12 validation §6.5.4: when the object has the trigger member, it must also have the listed ones.")
        ])

    let dependencies: [(String, [String])]
    let site: KeywordSite

    init(dependencies: [(String, [String])], site: KeywordSite) {
        self.dependencies = dependencies
        self.site = site
    }

    static func compile(_ c: inout KeywordCompilationContext, _ value: JSONValue) -> Keyword? {
        guard let object = value.objectValue else {
            c.invalid("dependentRequired", value, "an object of string arrays")
            return nil
        }
        var deps: [(String, [String])] = []
        for member in object {
            guard let list = member.value.arrayValue, list.allSatisfy({ $0.stringValue != nil }) else {
                c.invalid("dependentRequired", member.value, "an array of strings")
                return nil
            }
            deps.append((member.key, list.compactMap(\.stringValue)))
        }
        return DependentRequiredKeyword(dependencies: deps, site: c.site("dependentRequired"))
    }

    override func validate(_ instance: Instance, _ context: inout ValidationContext) -> Bool {
        guard case .object(let object) = instance.kind else { return true }
        var valid = true
        for (trigger, names) in dependencies where object.indexOf(trigger) != nil {
            for name in names where object.indexOf(name) == nil {
                guard context.collectsErrors else { return false }
                valid = false
                context.report(site, "property \(JSONWriter.quoted(name)) is required when \(JSONWriter.quoted(trigger)) is present")
            }
        }
        return valid
    }
}
