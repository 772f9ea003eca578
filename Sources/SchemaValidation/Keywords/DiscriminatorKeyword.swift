import SpecSource

/// OpenAPI's `discriminator` beside `oneOf`/`anyOf`: the named property's value picks the branch
/// whose errors are reported.
///
/// OpenAPI 3.1.1 and 3.0.4, Discriminator Object: "Note that `discriminator` MUST NOT change the
/// validation outcome of the schema", and "The `discriminator` field cannot change the validation
/// result of the `oneOf`, it can only help make the deserialization more efficient and provide
/// better error messaging." So by default (``SchemaOptions/DiscriminatorMode/lenient``) the
/// `oneOf`/`anyOf` alone decides validity:
/// - the value selects branches, in this order: the `mapping` (schema names, references, or the
///   `{$ref: …}` objects real documents write), then the branches whose own `const`/`enum` for the
///   property holds the value (directly or through `allOf`/`$ref`, which are conjunctive), then the
///   component name of the branch's `$ref` ("The value of the property named in `propertyName` is
///   used as the name of the associated schema under the Components Object, _unless_ a `mapping`
///   is present for that value");
/// - branches whose `const`/`enum` excludes the value fail without being evaluated (sound: the
///   property is present and its value is outside every value the branch allows); the others are
///   evaluated as the plain keyword requires (for `oneOf`, a passing selected branch still needs
///   the rest to fail);
/// - when no branch matches, the selected branch's errors are reported at their own locations;
/// - a missing property or a value that selects nothing leaves the `oneOf`/`anyOf` to plain JSON
///   Schema; if that fails, one error names the allowed values — unless OpenAPI 3.2's
///   `defaultMapping` names a branch: then that branch is the selected one (its errors reported;
///   in strict mode it must be the branch that matches).
///
/// ``SchemaOptions/DiscriminatorMode/strict`` follows "If the discriminating value does not match
/// an implicit or explicit mapping, no schema can be determined and validation SHOULD fail": a
/// missing property or a value that selects no branch is an error even when the `oneOf` passes,
/// and the instance must be valid against a branch the value selects.
///
/// Branch values come from compiled branches, which may not be compiled when the factory runs. The
/// factory puts a placeholder (no values) in the schema's keyword list; at the end of the same
/// compilation round (``SchemaCompiler/afterDrain(_:)``), before any node is published, the
/// keyword built from the compiled branches takes its place. No keyword is ever changed.
final class DiscriminatorKeyword: Keyword, @unchecked Sendable {
    /// `discriminator` (OpenAPI). Beside `oneOf`/`anyOf` those compile it (``compile(_:_:choice:)``);
    /// alone (the `allOf` inheritance form) it is an annotation unless
    /// ``SchemaOptions/DiscriminatorMode/strict`` makes it dispatch (``InheritanceDiscriminatorKeyword``).
    static let definition = KeywordDefinition(
        "discriminator", .openAPI, vocabulary: .openAPIBase, compile: InheritanceDiscriminatorKeyword.compile,
        errors: [
            ErrorCode(
                "discriminator.missing", "the discriminator property is missing",
                "OpenAPI 3.1.1 §4.8.25 (3.0.4 §4.7.25) Discriminator Object. Reported when the oneOf/anyOf fails (or, with --discriminator strict, always), with the values that select a branch."
            ),
            ErrorCode(
                "discriminator.unmapped", "the discriminator value selects no schema",
                "OpenAPI 3.1.1 §4.8.25 (3.0.4 §4.7.25) Discriminator Object: the value is neither a mapping key nor a schema name. Reported when the oneOf/anyOf fails (or, strict, always), with the allowed values."
            ),
            ErrorCode(
                "discriminator.mismatch", "the value is valid against another branch than the one its discriminator value selects",
                "OpenAPI 3.1.1 §4.8.25 (3.0.4 §4.7.25) Discriminator Object with --discriminator strict (SchemaOptions.discriminator): the branch the value names must be the one that matches."
            ),
        ])

    let propertyName: String
    let choice: ChoiceKeyword
    let site: KeywordSite
    let strict: Bool

    /// The branches one discriminator value selects and the branches that may pass with it.
    struct Entry {
        /// Branch indices the value selects (whose errors are reported).
        let selected: [Int]
        /// `selected`, then every other branch not proven to fail with this value.
        let candidates: [Int]
    }

    /// Discriminator value → branches, and what messages list.
    struct Table {
        /// The discriminator values, looked up by exact bytes.
        let keys: NameTable
        /// Per value: the only branch that can pass with it, or -1.
        let direct: [Int]
        /// Per value: what it selects.
        let entries: [Entry]
        /// The values messages list: mapping keys, `const`/`enum` values, and the component
        /// names of branches that have neither.
        let allowed: [String]
        /// Whether some branch has no value at all (an inline branch without `const`/`enum`, a
        /// `$dynamicRef`): a value that selects nothing may still be one that branch accepts.
        let hasUnnamedBranch: Bool
        /// The branches that say nothing about the property's values: the only ones a string
        /// that selects nothing can pass (every other branch's values are keys of the table).
        let untagged: [Int]
        /// Whether every branch fails an object without the property (`required` on its path).
        let everyBranchRequiresProperty: Bool
        /// OpenAPI 3.2's `defaultMapping` for an unmapped string value: its branch selected, the
        /// untagged branches as the other candidates; `nil` without `defaultMapping`.
        var defaultForUnmapped: Entry? = nil
        /// `defaultMapping` for a missing or non-string value: its branch, then every other.
        var defaultForMissing: Entry? = nil

        static let empty = Table(
            keys: NameTable([]), direct: [], entries: [], allowed: [], hasUnnamedBranch: true,
            untagged: [], everyBranchRequiresProperty: false)
    }

    /// The hot path's fields, copied out of ``table``.
    let keys: NameTable
    let direct: [Int]
    let table: Table
    /// The branches, as `choice` has them.
    let branches: [(SchemaNode, String)]
    /// The branches' nodes, unretained (the graph owns them): a node loaded from ``branches`` to
    /// descend into is retained and released around the call.
    let branchRefs: [NodeRef]

    init(propertyName: String, choice: ChoiceKeyword, site: KeywordSite, strict: Bool, table: Table) {
        self.propertyName = propertyName
        self.choice = choice
        self.site = site
        self.strict = strict
        self.table = table
        keys = table.keys
        direct = table.direct
        branches = choice.branches
        branchRefs = choice.branches.map { NodeRef($0.0) }
    }

    static func compile(_ c: inout KeywordCompilationContext, _ value: JSONValue, choice: ChoiceKeyword) -> Keyword? {
        guard let object = value.objectValue, let propertyName = object["propertyName"]?.stringValue else {
            c.invalid("discriminator", value, "an object with a string propertyName")
            return choice
        }
        guard let mapping = mappingTargets(&c, object) else { return choice }
        let defaultTarget = defaultMappingTarget(&c, object)
        let strict = c.options.discriminator == .strict
        let site = c.site("discriminator")
        let placeholder = DiscriminatorKeyword(propertyName: propertyName, choice: choice, site: site, strict: strict, table: .empty)
        let node = c.node
        c.compiler.afterDrain {
            let table = buildTable(
                propertyName: propertyName, branches: choice.branches.map(\.0), mapping: mapping, defaultTarget: defaultTarget)
            let keyword = DiscriminatorKeyword(propertyName: propertyName, choice: choice, site: site, strict: strict, table: table)
            if let i = node.keywords.firstIndex(where: { $0 === placeholder }) { node.keywords[i] = keyword }
        }
        return placeholder
    }

    /// The `mapping` entries and the nodes they name, or `nil` (with a diagnostic) when `mapping`
    /// is not an object.
    ///
    /// "The behavior of a `mapping` value that is both a valid schema name and a valid relative URI
    /// reference is implementation-defined, but it is RECOMMENDED that it be treated as a schema
    /// name": a value spelled like a component name names `#/components/schemas/<value>` when that
    /// exists, else it is a reference (`./foo`, `other.yaml#/Foo`).
    static func mappingTargets(_ c: inout KeywordCompilationContext, _ object: JSONObject) -> [(key: String, node: SchemaNode)]? {
        guard let mapping = object["mapping"] else { return [] }
        guard let entries = mapping.objectValue else {
            c.invalid("discriminator.mapping", mapping, "an object")
            return nil
        }
        var targets: [(key: String, node: SchemaNode)] = []
        for entry in entries {
            guard let reference = targetReference(&c, entry.value, "discriminator.mapping value") else { continue }
            // Toolchains write extensions into the mapping (`x-speakeasy-unknown-values: allow`).
            // The spec gives `mapping` no extensions, but a discriminator value spelled `x-…` whose
            // target does not exist can only be one: skipped here (lint is where to object).
            if entry.key.hasPrefix("x-") && !c.locates(reference) { continue }
            if let node = c.resolve(reference, at: entry.value.location) { targets.append((entry.key, node)) }
        }
        return targets
    }

    /// OpenAPI 3.2's `defaultMapping`: "The schema name or URI reference to a schema that is
    /// expected to validate the structure of the model when the discriminating property is not
    /// present in the payload or contains a value for which there is no explicit or implicit
    /// mapping" (§4.8.25.1), read as `mapping` values are; `nil` when absent or unresolvable (a
    /// diagnostic is recorded).
    static func defaultMappingTarget(_ c: inout KeywordCompilationContext, _ object: JSONObject) -> SchemaNode? {
        guard let value = object["defaultMapping"],
            let reference = targetReference(&c, value, "discriminator.defaultMapping")
        else { return nil }
        return c.resolve(reference, at: value.location)
    }

    /// The reference a `mapping` or `defaultMapping` value stands for: a schema name becomes
    /// `#/components/schemas/<name>` when that exists, other text is a URI reference, and a
    /// `{$ref: …}` object (as real documents write) its `$ref`.
    private static func targetReference(_ c: inout KeywordCompilationContext, _ value: JSONValue, _ what: String) -> String? {
        if let text = value.stringValue {
            let componentName = "#/components/schemas/" + JSONPointer.escape(text)
            return isComponentName(text) && c.locates(componentName) ? componentName : text
        }
        if let ref = value["$ref"]?.stringValue { return ref }
        c.invalid(what, value, "a schema name or reference")
        return nil
    }

    /// Whether `text` matches the Components Object's key pattern `^[a-zA-Z0-9\.\-_]+$`.
    static func isComponentName(_ text: String) -> Bool {
        !text.isEmpty
            && text.utf8.allSatisfy { b in
                (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x2E || b == 0x2D || b == 0x5F
            }
    }

    /// `name` when `node` is `#/components/schemas/<name>`.
    static func componentName(_ node: SchemaNode) -> String? {
        let tokens = node.pointer.tokens
        guard tokens.count == 3, tokens[0] == "components", tokens[1] == "schemas" else { return nil }
        return tokens[2]
    }

    /// `node` and the nodes its `$ref`s lead to, nearest first.
    static func referenceChain(_ node: SchemaNode) -> [SchemaNode] {
        var chain = [node]
        var current = node
        while chain.count < 16, let next = current.keywords.lazy.compactMap({ ($0 as? ReferenceKeyword)?.target }).first,
            !chain.contains(where: { $0 === next })
        {
            chain.append(next)
            current = next
        }
        return chain
    }

    /// Builds the value table from the compiled branches.
    private static func buildTable(
        propertyName: String, branches: [SchemaNode], mapping: [(key: String, node: SchemaNode)], defaultTarget: SchemaNode?
    ) -> Table {
        let chains = branches.map(Self.referenceChain)
        let tags = branches.map { TagAnalysis.property(propertyName, of: $0) }
        let untagged = branches.indices.filter { tags[$0] == nil }
        // Value → the branches whose values include it (explicit tags only: the others are empty).
        var tagged: [TagAnalysis.ExactString: [Int]] = [:]
        for (i, tag) in tags.enumerated() {
            for value in tag?.strings ?? [] { tagged[value, default: []].append(i) }
        }
        var keys: [String] = []
        var entries: [Entry] = []
        var known = Set<TagAnalysis.ExactString>()  // byte-exact, as the lookup is
        var listed = Set<String>()
        var named = Set<Int>()
        func add(_ key: String, _ selected: [Int], listed isListed: Bool) {
            let exact = TagAnalysis.ExactString(key)
            guard !selected.isEmpty, known.insert(exact).inserted else { return }
            keys.append(key)
            // Another branch can only pass if its values may include `key`.
            let others = (untagged + (tagged[exact] ?? [])).sorted().filter { !selected.contains($0) }
            entries.append(Entry(selected: selected, candidates: selected + others))
            if isListed { listed.insert(key) }
            named.formUnion(selected)
        }
        for (key, target) in mapping {
            // A mapping target outside the branches is ignored: "In both the `oneOf` and `anyOf` use
            // cases … all possible schemas MUST be listed explicitly."
            if let i = chains.firstIndex(where: { $0.contains { $0 === target } }) { add(key, [i], listed: true) }
        }
        for (i, tag) in tags.enumerated() where tag?.explicit == true {
            for value in tag!.strings.sorted() { add(value.value, tagged[value] ?? [], listed: true) }
            named.insert(i)
        }
        for (i, chain) in chains.enumerated() {
            guard let name = chain.lazy.compactMap(Self.componentName).first else { continue }
            add(name, [i], listed: !named.contains(i))
        }
        var table = Table(
            keys: NameTable(keys), direct: entries.map { $0.candidates.count == 1 ? $0.candidates[0] : -1 },
            entries: entries, allowed: listed.sorted(),
            hasUnnamedBranch: named.count < branches.count,
            untagged: untagged,
            everyBranchRequiresProperty: branches.allSatisfy { TagAnalysis.requires(propertyName, $0) })
        // A default outside the branches is ignored, as mapping targets are.
        if let defaultTarget, let d = chains.firstIndex(where: { $0.contains { $0 === defaultTarget } }) {
            table.defaultForUnmapped = Entry(selected: [d], candidates: [d] + untagged.filter { $0 != d })
            table.defaultForMissing = Entry(selected: [d], candidates: [d] + branches.indices.filter { $0 != d })
        }
        return table
    }

    override func validate(_ instance: Instance, _ context: inout ValidationContext) -> Bool {
        guard let members = instance.borrowedMembers else { return choice.validate(instance, &context) }
        // The tag read in place (looking it up on a copy of the object retains the object, and a
        // copy of the tag its string).
        var tag: UnsafePointer<JSONValue>?
        for i in members.indices where MemberName.same(members[i].key, propertyName) {
            tag = members.value(at: i)
            break
        }
        guard let tag, let i = tag.pointee.withBorrowedString({ keys.index(of: $0) }) ?? nil else {
            return validateUnselected(instance, tag?.pointee, &context)
        }
        let only = direct[i]
        if only >= 0 {
            // The common case: the tags tell every branch apart, so only the selected one can pass.
            return context.descend(branchRefs[only], instance, via: branches[only].1)
        }
        let key = keys.names[i]
        return validate(table.entries[i], instance, &context) { "\(JSONWriter.quoted(self.propertyName)) is \(JSONWriter.quoted(key))" }
    }

    /// The branches an entry selects and the other candidates; `described` says what selected
    /// them, for messages.
    private func validate(_ entry: Entry, _ instance: Instance, _ context: inout ValidationContext, described: () -> String) -> Bool {
        if context.collectsErrors { return validateReporting(entry, described(), instance, &context) }
        let tracking = context.isTracking
        var matches = 0
        var selectedMatched = false
        for (k, branch) in entry.candidates.enumerated() {
            let isSelected = k < entry.selected.count
            if strict && !isSelected && !selectedMatched && !tracking { return false }
            guard context.descend(branchRefs[branch], instance, via: branches[branch].1) else { continue }
            matches += 1
            if isSelected { selectedMatched = true }
            if !tracking && (choice.exactlyOne ? matches > 1 : (!strict || selectedMatched)) { break }
        }
        let plain = choice.exactlyOne ? matches == 1 : matches >= 1
        return plain && (!strict || selectedMatched)
    }

    /// The candidates quietly, then the selected ones that failed with their errors captured (all
    /// of them when some candidate met something it could not decide, so that its undecided parts
    /// are reported where they are).
    private func validateReporting(_ entry: Entry, _ described: String, _ instance: Instance, _ context: inout ValidationContext) -> Bool {
        let tracking = context.isTracking
        let undecided = context.undecided.count
        var matched: [Int] = []
        var failed: [Int] = []
        for (k, i) in entry.candidates.enumerated() {
            if context.quietly({ $0.descend(branches[i].0, instance, via: branches[i].1) }) {
                matched.append(i)
            } else if k < entry.selected.count {
                failed.append(i)
            }
            if !choice.exactlyOne && !tracking && (strict ? matched.contains(where: entry.selected.contains) : !matched.isEmpty) { break }
        }
        if context.undecided.count > undecided {
            context.undecided.removeSubrange(undecided...)
            return validateReportingInFull(entry, described, instance, &context)
        }
        let selectedMatched = matched.contains(where: entry.selected.contains)
        let plain = choice.exactlyOne ? matched.count == 1 : !matched.isEmpty
        if plain && (!strict || selectedMatched) { return true }
        // Which of several failing branches is shown depends on all their errors, also within a
        // trial that collects those at one location only (`ChoiceKeyword.reportNoMatch`).
        let hereOnly = context.collectsHereOnly
        if failed.count > 1 { context.collectsHereOnly = false }
        defer { context.collectsHereOnly = hereOnly }
        let failures = (choice.exactlyOne && matched.count > 1 ? [] : failed).map { i in
            (index: i, errors: context.trial { $0.descend(branches[i].0, instance, via: branches[i].1) }.1)
        }
        return report(matched, failures, entry, described, instance, &context)
    }

    /// ``validateReporting(_:_:_:_:)`` with every selected branch tried with its errors.
    private func validateReportingInFull(
        _ entry: Entry, _ described: String, _ instance: Instance, _ context: inout ValidationContext
    ) -> Bool {
        let tracking = context.isTracking
        var matched: [Int] = []
        var failures: [(index: Int, errors: [SchemaViolation])] = []
        for (k, i) in entry.candidates.enumerated() {
            let (schema, fragment) = branches[i]
            if k < entry.selected.count {
                let (ok, errors) = context.trial { $0.descend(schema, instance, via: fragment) }
                if ok { matched.append(i) } else { failures.append((i, errors)) }
            } else if context.quietly({ $0.descend(schema, instance, via: fragment) }) {
                matched.append(i)
            }
            if !choice.exactlyOne && !tracking && (strict ? matched.contains(where: entry.selected.contains) : !matched.isEmpty) {
                return true
            }
        }
        return report(matched, failures, entry, described, instance, &context)
    }

    /// The verdict of the matched candidates, reporting why it fails: several matches, a match the
    /// value does not select (strict), and the errors of the failed selected branches.
    private func report(
        _ matched: [Int], _ failures: [(index: Int, errors: [SchemaViolation])], _ entry: Entry, _ described: String,
        _ instance: Instance, _ context: inout ValidationContext
    ) -> Bool {
        let selectedMatched = matched.contains(where: entry.selected.contains)
        let plain = choice.exactlyOne ? matched.count == 1 : !matched.isEmpty
        if plain && (!strict || selectedMatched) { return true }
        if choice.exactlyOne && matched.count > 1 {
            choice.reportSeveral(matched, &context)
            return false
        }
        if let other = matched.first {
            // Strict only: the instance matches a branch the value does not select.
            context.report(
                site, code: "discriminator.mismatch",
                "\(described), which selects \(describe(entry.selected)), but the instance is valid against \(describe([other])) instead")
        }
        if failures.count == 1 {
            context.errors.append(contentsOf: failures[0].errors)
        } else {
            choice.reportFurthest(of: failures, instance, &context)
        }
        return false
    }

    /// A missing property, a non-string value or a value that selects no branch.
    private func validateUnselected(_ instance: Instance, _ value: JSONValue?, _ context: inout ValidationContext) -> Bool {
        // OpenAPI 3.2 defaultMapping: its branch is the one meant (and, in strict mode, the one
        // that must match).
        if let entry = value?.stringValue != nil ? table.defaultForUnmapped : table.defaultForMissing {
            return validate(entry, instance, &context) {
                let what =
                    value.map { "\(JSONWriter.quoted(self.propertyName)) is \(describeValue($0, limit: 40))" }
                    ?? "\(JSONWriter.quoted(self.propertyName)) is missing"
                return what + " (defaultMapping)"
            }
        }
        if strict {
            if context.collectsErrors { reportUnselected(value, &context) }
            return false
        }
        // Branches that may pass; `nil` when any may. A string no table key equals is outside
        // every tagged branch's values; a missing property fails every branch that requires it.
        var candidates: [Int]?
        if value?.stringValue != nil {
            candidates = table.untagged
        } else if value == nil && table.everyBranchRequiresProperty {
            candidates = []
        }
        if candidates?.isEmpty == true {
            if context.collectsErrors { reportUnselected(value, &context) }
            return false
        }
        guard context.collectsErrors else {
            guard let candidates else { return choice.validate(instance, &context) }
            let tracking = context.isTracking
            var matches = 0
            for i in candidates where context.descend(branches[i].0, instance, via: branches[i].1) {
                matches += 1
                if !tracking && (!choice.exactlyOne || matches > 1) { break }
            }
            return choice.exactlyOne ? matches == 1 : matches >= 1
        }
        let (ok, errors) = context.trial { choice.validate(instance, &$0) }
        if ok { return true }
        // Several branches pass: no value of the property would settle it (the branches allow
        // the instance as it is), so the choice's own error is the one that says what is wrong.
        if errors.count == 1, errors[0].code == "oneOf.multiple" {
            context.errors.append(contentsOf: errors)
            return false
        }
        reportUnselected(value, &context)
        // A branch no value names may be the one meant: show what the instance lacks for it too.
        if table.hasUnnamedBranch { context.errors.append(contentsOf: errors) }
        return false
    }

    private func reportUnselected(_ value: JSONValue?, _ context: inout ValidationContext) {
        let expected =
            table.allowed.isEmpty
            ? "no value names a branch"
            : "expected one of " + table.allowed.map { JSONWriter.quoted($0) }.joined(separator: ", ")
        guard let value else {
            context.report(
                site, code: "discriminator.missing", "missing discriminator property \(JSONWriter.quoted(propertyName)); \(expected)")
            return
        }
        context.report(
            site, code: "discriminator.unmapped",
            "\(describeValue(value, limit: 40)) is not a valid value of discriminator property \(JSONWriter.quoted(propertyName)); \(expected)"
        )
    }

    /// `oneOf/1 (#/components/schemas/Dog)` for each branch index.
    private func describe(_ indices: [Int]) -> String {
        indices.map { choice.describeBranch($0) }.joined(separator: " or ")
    }
}
