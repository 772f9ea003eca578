import SpecSource

/// `anyOf` and `oneOf`: the instance is valid against at least one (`anyOf`) or exactly one
/// (`oneOf`) subschema.
///
/// A failing `anyOf`/`oneOf` always says what to fix. Branches are usually told apart by a tag: the
/// instance's type, or a property's `const`/`enum` (`kind: card` vs `kind: bank`). When no branch
/// matches, the errors of the one branch whose tags accept the instance are reported at their own
/// locations (the `pattern` failure at `/card/number`, not "not valid against any schema" at the
/// card). When no tag decides, the branch that got furthest (deepest error locations, then fewest
/// errors) is reported, after one error at the keyword naming how many branches were tried and
/// which one is shown.
final class ChoiceKeyword: Keyword, @unchecked Sendable {
    static let anyOf = KeywordDefinition(
        "anyOf", .all, vocabulary: .applicator, subschemas: .array, compile: compileAnyOf,
        errors: [
            ErrorCode(
                "anyOf", "the value is valid against none of the schemas in `anyOf`",
                "JSON Schema 2020-12 core §10.2.1.2. The errors of the branch the value was most likely meant for follow (by type or tag property), or of the branch that got furthest."
            )
        ])
    static let oneOf = KeywordDefinition(
        "oneOf", .all, vocabulary: .applicator, subschemas: .array, compile: compileOneOf,
        errors: [
            ErrorCode(
                "oneOf", "the value is valid against none of the schemas in `oneOf`",
                "JSON Schema 2020-12 core §10.2.1.3. The errors of the branch the value was most likely meant for follow (by type, tag property or discriminator), or of the branch that got furthest."
            ),
            ErrorCode(
                "oneOf.multiple", "the value is valid against more than one schema in `oneOf`",
                "JSON Schema 2020-12 core §10.2.1.3: exactly one branch may match. Make the branches exclusive (a const tag property, required members, additionalProperties: false) or use anyOf."
            ),
        ])

    let branches: [(SchemaNode, String)]
    let exactlyOne: Bool
    let site: KeywordSite
    /// The branches an object instance's tag leaves, when a property tells them apart (set once
    /// the branches are compiled).
    let dispatch: TagDispatch?

    init(branches: [(SchemaNode, String)], exactlyOne: Bool, site: KeywordSite, dispatch: TagDispatch? = nil) {
        self.branches = branches
        self.exactlyOne = exactlyOne
        self.site = site
        self.dispatch = dispatch
    }

    static func compileAnyOf(_ c: inout KeywordCompilationContext, _ value: JSONValue) -> Keyword? {
        choice(&c, value, name: "anyOf", exactlyOne: false)
    }

    static func compileOneOf(_ c: inout KeywordCompilationContext, _ value: JSONValue) -> Keyword? {
        choice(&c, value, name: "oneOf", exactlyOne: true)
    }

    private static func choice(_ c: inout KeywordCompilationContext, _ value: JSONValue, name: String, exactlyOne: Bool) -> Keyword? {
        guard let list = c.schemaList(name, value) else { return nil }
        let keyword = ChoiceKeyword(
            branches: list.enumerated().map { ($1, KeywordCompilationContext.fragment(name, String($0))) },
            exactlyOne: exactlyOne, site: c.site(name))
        if DiscriminatorKeyword.definition.isDefined(in: c.dialect), let discriminator = c.sibling("discriminator") {
            return DiscriminatorKeyword.compile(&c, discriminator, choice: keyword)
        }
        if keyword.branches.count >= TagDispatch.minimumBranches {
            // The tags are read from the compiled branches: once this round has compiled them.
            let node = c.node
            c.compiler.afterDrain {
                guard let dispatch = TagDispatch(branches: keyword.branches.map(\.0)),
                    let i = node.keywords.firstIndex(where: { $0 === keyword })
                else { return }
                node.keywords[i] = ChoiceKeyword(branches: keyword.branches, exactlyOne: exactlyOne, site: keyword.site, dispatch: dispatch)
            }
        }
        return keyword
    }

    override func validate(_ instance: Instance, _ context: inout ValidationContext) -> Bool {
        // While annotations are collected every branch must run (each valid one contributes).
        let tracking = context.isTracking
        // Branches the tag rules out fail untried (see ``TagDispatch``).
        let candidates = dispatch?.candidates(for: instance)
        if !context.collectsErrors {
            var matches = 0
            if let candidates {
                for i in candidates where context.descend(branches[i].0, instance, via: branches[i].1) {
                    matches += 1
                    if !tracking && (!exactlyOne || matches > 1) { break }
                }
            } else {
                for (schema, fragment) in branches where context.descend(schema, instance, via: fragment) {
                    matches += 1
                    if !tracking && (!exactlyOne || matches > 1) { break }
                }
            }
            return exactlyOne ? matches == 1 : matches >= 1
        }
        // The yes/no walk tells which branches match; errors are built only when none does, and
        // then only for the branches reported (`reportNoMatch`). A branch that met something it
        // could not decide is tried with its errors, as its undecided parts are reported where
        // they are.
        let undecided = context.undecided.count
        var matched: [Int] = []
        var failed: [Int] = []
        var next = 0  // into `candidates`, which is in order
        for (i, (schema, fragment)) in branches.enumerated() {
            if let candidates {
                guard next < candidates.count, candidates[next] == i else {
                    failed.append(i)
                    continue
                }
                next += 1
            }
            if context.quietly({ $0.descend(schema, instance, via: fragment) }) {
                matched.append(i)
                if !exactlyOne && !tracking { break }
            } else {
                failed.append(i)
            }
        }
        if context.undecided.count > undecided {
            context.undecided.removeSubrange(undecided...)
            return validateTryingEveryBranch(instance, &context)
        }
        if matched.count == 1 || (!exactlyOne && !matched.isEmpty) { return true }
        if matched.count > 1 {
            reportSeveral(matched, &context)
            return false
        }
        reportNoMatch(failed, instance, &context)
        return false
    }

    /// Every branch tried with its errors; those of the branches shown are reported when none
    /// matches.
    private func validateTryingEveryBranch(_ instance: Instance, _ context: inout ValidationContext) -> Bool {
        let tracking = context.isTracking
        var matched: [Int] = []
        var failures: [(index: Int, errors: [SchemaViolation])] = []
        for (i, (schema, fragment)) in branches.enumerated() {
            let (ok, errors) = context.trial { $0.descend(schema, instance, via: fragment) }
            if ok {
                matched.append(i)
                if !exactlyOne && !tracking { return true }
            } else {
                failures.append((i, errors))
            }
        }
        if matched.count == 1 || (!exactlyOne && !matched.isEmpty) { return true }
        if matched.count > 1 {
            reportSeveral(matched, &context)
            return false
        }
        let plausible = plausibleBranches(failures, instance, context)
        if plausible.count == 1, !plausible[0].errors.isEmpty {
            context.errors.append(contentsOf: plausible[0].errors)
            return false
        }
        reportFurthest(of: plausible.isEmpty ? failures : plausible, instance, &context)
        return false
    }

    /// `oneOf` matched by several branches; a branch that accepts every value (`{}`, `true`, or
    /// an object of no keyword of its dialect, such as OpenAI's `{$recursiveRef: "#"}` in
    /// 2020-12) is named, since it makes every value its sibling accepts a double match.
    func reportSeveral(_ matched: [Int], _ context: inout ValidationContext) {
        var message =
            "valid against more than one schema in oneOf (branches \(matched.map(String.init).joined(separator: ", "))); exactly one must match"
        let permissive = matched.filter { i in
            let node = branches[i].0
            return node.constant == true || (node.constant == nil && node.keywords.isEmpty && !node.hasUnevaluated)
        }
        if !permissive.isEmpty {
            let list = permissive.map(String.init).joined(separator: ", ")
            message +=
                permissive.count == 1
                ? "; branch \(list) accepts any value (no keyword of its dialect constrains it)"
                : "; branches \(list) accept any value (no keyword of their dialect constrains them)"
            // Name a keyword of an earlier draft that the branch holds (read from the document,
            // only now that an error is reported).
            for i in permissive {
                let node = branches[i].0
                guard node.dialect?.base == .draft2020_12, let object = node.pointer.resolve(in: node.document.root)?.objectValue,
                    let ignored = Dialect.keywordsIgnoredBy2020_12.first(where: { object[$0] != nil })
                else { continue }
                message += "; branch \(i)'s \(ignored) is not a keyword of JSON Schema 2020-12 (lint rule keyword-earlier-draft)"
                break
            }
        }
        context.report(site, code: "oneOf.multiple", message)
    }

    /// No branch matched (`failed`, in order): the errors of the branch the tags point to, else
    /// of the furthest one.
    ///
    /// Which branches are shown depends on the errors each one has at this location (a trial that
    /// validates the instance's children quietly tells); only the branches shown are then tried
    /// with all their errors.
    func reportNoMatch(_ failed: [Int], _ instance: Instance, _ context: inout ValidationContext) {
        let here = failed.map { i in
            (index: i, errors: context.trialHere { $0.descend(branches[i].0, instance, via: branches[i].1) }.1)
        }
        let plausible = plausibleBranches(here, instance, context).map(\.index)
        let failures = (plausible.isEmpty ? failed : plausible).map { i in
            (index: i, errors: context.trial { $0.descend(branches[i].0, instance, via: branches[i].1) }.1)
        }
        if plausible.count == 1, !failures[0].errors.isEmpty {
            context.errors.append(contentsOf: failures[0].errors)
            return
        }
        reportFurthest(of: failures, instance, &context)
    }

    /// The failing branches the instance was plausibly meant for: those without an error of their
    /// own `type`, `enum` or `const` (or a nested discriminator) rejecting the instance as a whole,
    /// narrowed to those whose property tags accept it when that leaves any. `failures` may hold
    /// only the errors at this location.
    private func plausibleBranches(
        _ failures: [(index: Int, errors: [SchemaViolation])], _ instance: Instance, _ context: ValidationContext
    ) -> [(index: Int, errors: [SchemaViolation])] {
        let here = jsonPointer(context.instancePath[...])
        var plausible = failures.filter { failure in
            !failure.errors.contains { $0.instanceLocation == here && Self.wholeValueKeywords.contains($0.keyword) }
        }
        if plausible.count > 1, case .object(let object) = instance.kind {
            let tagged = plausible.filter { matchesPropertyTags(branch: $0.index, object) }
            if !tagged.isEmpty { plausible = tagged }
        }
        return plausible
    }

    private static let wholeValueKeywords: Set<String> = ["type", "enum", "const", "discriminator"]

    /// Whether the branch's property tags accept the object: for every property that at least two
    /// branches restrict by `const`/`enum`, a string value the object holds is one this branch allows.
    private func matchesPropertyTags(branch: Int, _ object: JSONObject) -> Bool {
        let own = TagAnalysis.taggedProperties(of: branches[branch].0)
        for (name, constraint) in own {
            guard let value = object[name]?.stringValue, !constraint.allows(value) else { continue }
            // Only a property several branches restrict tells them apart.
            let restricting = branches.indices.filter { $0 == branch || TagAnalysis.property(name, of: branches[$0].0)?.explicit == true }
            if restricting.count >= 2 { return false }
        }
        return true
    }

    /// One error at the keyword naming the branch shown, then that branch's errors: the one that
    /// got furthest into the instance (deepest error location, then fewest errors, then first).
    func reportFurthest(of failures: [(index: Int, errors: [SchemaViolation])], _ instance: Instance, _ context: inout ValidationContext) {
        func depth(_ pointer: String) -> Int { pointer.utf8.reduce(0) { $1 == UInt8(ascii: "/") ? $0 + 1 : $0 } }
        var best: (index: Int, errors: [SchemaViolation])?
        var bestScore = (depth: -1, errors: 0)
        for failure in failures where !failure.errors.isEmpty {
            let score = (depth: failure.errors.map { depth($0.instanceLocation) }.max()!, errors: failure.errors.count)
            if best == nil || score.depth > bestScore.depth || (score.depth == bestScore.depth && score.errors < bestScore.errors) {
                best = failure
                bestScore = score
            }
        }
        let tried =
            "\(describeValue(instance.pointee, limit: 60)) is not valid against \(branches.count == 1 ? "the schema" : "any of the \(branches.count) schemas") in \(site.name)"
        guard let best else {
            context.report(site, tried)
            return
        }
        context.report(site, "\(tried); the errors below are from \(describeBranch(best.index)), the one that got furthest")
        context.errors.append(contentsOf: best.errors)
    }

    /// `oneOf/1 (#/components/schemas/Dog)`: the branch and, for a `$ref`, what it refers to.
    func describeBranch(_ index: Int) -> String {
        let name = "\(site.name)/\(index)"
        guard let target = branches[index].0.keywords.lazy.compactMap({ ($0 as? ReferenceKeyword)?.target }).first else { return name }
        return "\(name) (\(target.displayLocation))"
    }
}
