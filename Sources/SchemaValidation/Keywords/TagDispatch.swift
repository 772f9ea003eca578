import SpecSource

/// Which branches of an `anyOf`/`oneOf` an object instance can pass, told by one property's tag
/// (`resourceType: {const: Patient}`, `type: {enum: [Point]}`), so that the others are not tried.
///
/// A choice without a discriminator tries every branch: FHIR's 146 resources each fail on
/// `resourceType`, but only after a `$ref`, a `properties` walk and a `const` each. The table is
/// read from the compiled branches by ``TagAnalysis``, whose constraints are supersets of the
/// strings valid there: a string outside a branch's constraint proves that branch fails when the
/// property is present, and a branch that requires the property fails when it is absent. A
/// skipped branch is invalid, so it would have contributed no annotations either; the verdict and
/// the annotations are those of trying every branch.
struct TagDispatch: Sendable {
    /// The property whose value selects.
    let propertyName: String
    /// The string values some branch's tag names.
    let values: NameTable
    /// Per entry of ``values``: the branches that may pass, in order.
    let candidates: [[Int]]
    /// A string value no tag names: the branches whose tag does not restrict strings.
    let unrestricted: [Int]
    /// The property absent: the branches that do not require it.
    let withoutProperty: [Int]

    /// Choices with fewer branches are left as they are: one extra member lookup per instance
    /// would save too little, and the analysis costs compile time on every such choice.
    static let minimumBranches = 3

    /// The dispatch on the property most branches tag, or `nil` when no property's tags would
    /// ever leave out a branch.
    ///
    /// The property is one the first branch with any tag restricts (a property telling branches
    /// apart is tagged in nearly all of them), chosen by how many branches tag it.
    init?(branches: [SchemaNode]) {
        guard branches.count >= Self.minimumBranches,
            let names = branches.prefix(2).lazy.map({ TagAnalysis.taggedProperties(of: $0).keys.sorted() }).first(where: { !$0.isEmpty })
        else { return nil }
        var best: (name: String, tags: [TagAnalysis.Constraint?], tagged: Int)?
        for name in names {
            let tags = branches.map { TagAnalysis.property(name, of: $0) }
            let tagged = tags.filter { $0?.explicit == true }.count
            if tagged >= 2 && tagged > (best?.tagged ?? 0) { best = (name, tags, tagged) }
        }
        guard let best else { return nil }
        let unrestricted = branches.indices.filter { best.tags[$0] == nil }
        var byValue: [TagAnalysis.ExactString: [Int]] = [:]
        for (i, tag) in best.tags.enumerated() {
            for value in tag?.strings ?? [] { byValue[value, default: []].append(i) }
        }
        let values = byValue.keys.sorted()
        let candidates = values.map { value in (byValue[value]! + unrestricted).sorted() }
        let withoutProperty = branches.indices.filter { !TagAnalysis.requires(best.name, branches[$0]) }
        // Worth keeping only if some instance would skip a branch.
        let all = branches.count
        guard unrestricted.count < all || withoutProperty.count < all || candidates.contains(where: { $0.count < all }) else { return nil }
        propertyName = best.name
        self.values = NameTable(values.map(\.value))
        self.candidates = candidates
        self.unrestricted = unrestricted
        self.withoutProperty = withoutProperty
    }

    /// The branches `instance` may pass, in order; `nil` when it may pass any (not an object, or
    /// the property's value is not a string).
    @inline(__always)
    func candidates(for instance: Instance) -> [Int]? {
        guard let members = instance.borrowedMembers else { return nil }
        // The first member of that name: `properties` applies to every member, so a branch its
        // value fails fails whatever other members of the same name hold.
        for i in members.indices where MemberName.same(members[i].key, propertyName) {
            guard let found = members.value(at: i).pointee.withBorrowedString({ values.index(of: $0) }) else { return nil }
            return found.map { candidates[$0] } ?? unrestricted
        }
        return withoutProperty
    }
}
