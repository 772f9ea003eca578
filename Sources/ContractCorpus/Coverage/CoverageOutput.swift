import SchemaValidation
import SpecSource

/// The text and JSON forms of a ``CoverageReport``.
extension CoverageReport {
    /// The totals of `items` per dimension.
    static func totals(_ items: [CoverageItem]) -> [CoverageDimension: CoverageTotal] {
        var totals = Dictionary(uniqueKeysWithValues: CoverageDimension.allCases.map { ($0, CoverageTotal(covered: 0, total: 0)) })
        for item in items {
            totals[item.dimension]!.total += 1
            if item.covered { totals[item.dimension]!.covered += 1 }
        }
        return totals
    }

    /// A table of the totals per dimension, then, per contract, every item not covered; an
    /// optional property that valid fixtures left out is marked "passed only because absent".
    public func text() -> String {
        var out = "coverage (fixtures counted as valid + invalid by their expectation)\n"
        let width = CoverageDimension.allCases.map(\.title.count).max()!
        for d in CoverageDimension.allCases {
            let t = total(d)
            let count = "\(t.covered)/\(t.total)"
            out +=
                "  " + d.title.padded(to: width) + "  " + count.padded(to: 9) + " " + (t.percentText == "n/a" ? "n/a" : t.percentText + "%")
                + "\n"
        }
        for contract in contracts {
            out += "\(contract.spec)\(contract.overlays.isEmpty ? "" : " + " + contract.overlays.joined(separator: " + "))\n"
            var any = false
            for d in CoverageDimension.allCases {
                let missing = contract.items.filter { $0.dimension == d && !$0.covered }
                guard !missing.isEmpty else { continue }
                any = true
                out += "  not covered: \(d.title) (\(missing.count))\n"
                for item in missing {
                    let onlyAbsent = d == .optionalProperties && contract.absent(item).valid > 0
                    out += "    \(item.displayName)\(onlyAbsent ? " (passed only because absent)" : "")\n"
                }
            }
            if !any { out += "  everything covered\n" }
        }
        for note in notes { out += "note: \(note)\n" }
        return out
    }

    /// The report as one JSON document (see `docs/DESIGN.md`, "Corpus coverage"): `totals` per
    /// dimension (`covered`, `total`, `percent` rounded down to a tenth, `null` when there is
    /// nothing to cover), then per contract its totals, operations (statuses, media types,
    /// bodies) and schemas (enum values, branches, discriminator values, properties), each item
    /// with `covered` and the `fixtures` (`valid`, `invalid`) that exercised it. Keys and lists
    /// are in a fixed order, so equal reports are equal text.
    public func json() -> String {
        var all: [CoverageItem] = []
        for c in contracts { all += c.items }
        let root = Self.object([
            ("totals", Self.totals(of: all)),
            ("contracts", .array(contracts.map(Self.json))),
            ("notes", .array(notes.map { .string($0) })),
        ])
        return JSONWriter.string(from: root, pretty: true) + "\n"
    }

    private static func json(_ c: Contract) -> JSONValue {
        let operations: [JSONValue] = c.operations.map { op in
            let mine = c.items.filter { $0.operation == op.name }
            return object([
                ("operation", .string(op.name)), ("method", .string(op.method)), ("path", .string(op.path)),
                ("fixtures", counts(op.counts)),
                (
                    "statusCodes",
                    .array(
                        mine.filter { $0.dimension == .statusCodes }.map { item in
                            object([("status", .string(item.label)), ("covered", .bool(item.covered)), ("fixtures", counts(item.counts))])
                        })
                ),
                (
                    "mediaTypes",
                    .array(
                        mine.filter { $0.dimension == .mediaTypes }.map { item in
                            object([("body", .string(item.label)), ("covered", .bool(item.covered)), ("fixtures", counts(item.counts))])
                        })
                ),
                (
                    "bodies",
                    .array(
                        op.bodies.map { b in
                            object([
                                ("in", .string(b.place)), ("mediaType", .string(b.mediaType)),
                                ("schema", b.schema.map { JSONValue.string($0) } ?? JSONValue.null),
                            ])
                        })
                ),
            ])
        }
        var schemas: [JSONValue] = []
        for location in c.schemas.keys.sorted() {
            let node = c.schemas[location]!
            let mine = c.items.filter { $0.schema == location }
            guard !mine.isEmpty else { continue }
            var members: [(String, JSONValue)] = [("schema", .string(location))]
            if !node.enumValues.isEmpty {
                members.append(
                    (
                        "enumValues",
                        .array(
                            mine.filter { $0.dimension == .enumValues }.enumerated().map { i, item in
                                object([
                                    ("value", JSONValue(node.enumValues[i].kind)), ("covered", .bool(item.covered)),
                                    ("fixtures", counts(item.counts)),
                                ])
                            })
                    ))
            }
            if !node.choices.isEmpty {
                let branches = mine.filter { $0.dimension == .branches }
                let targets = node.choices.flatMap(\.branches)
                members.append(
                    (
                        "branches",
                        .array(
                            zip(branches, targets).map { item, target in
                                object([
                                    ("branch", .string(item.label)), ("schema", .string(target)), ("covered", .bool(item.covered)),
                                    ("fixtures", counts(item.counts)),
                                ])
                            })
                    ))
            }
            if let d = node.discriminator {
                members.append(
                    (
                        "discriminator",
                        object([
                            ("propertyName", .string(d.propertyName)),
                            (
                                "values",
                                .array(
                                    mine.filter { $0.dimension == .discriminatorValues }.map { item in
                                        object([
                                            ("value", .string(item.label)), ("covered", .bool(item.covered)),
                                            ("fixtures", counts(item.counts)),
                                        ])
                                    })
                            ),
                        ])
                    ))
            }
            let properties = mine.filter { $0.dimension == .optionalProperties || $0.dimension == .requiredMissing }
            if !properties.isEmpty {
                members.append(
                    (
                        "properties",
                        .array(
                            properties.map { item in
                                let present = c.facts[.property(schema: location, name: item.label, present: true)] ?? CoverageCounts()
                                let absent = c.absent(item)
                                var m: [(String, JSONValue)] = [
                                    ("name", .string(item.label)), ("required", .bool(item.dimension == .requiredMissing)),
                                    ("covered", .bool(item.covered)), ("present", counts(present)), ("absent", counts(absent)),
                                ]
                                if item.dimension == .optionalProperties {
                                    m.append(("passedOnlyAbsent", .bool(present.total == 0 && absent.valid > 0)))
                                }
                                return object(m)
                            })
                    ))
            }
            schemas.append(object(members))
        }
        return object([
            ("spec", .string(c.spec)), ("overlays", .array(c.overlays.map { .string($0) })),
            ("totals", totals(of: c.items)),
            ("operations", .array(operations)),
            ("schemas", .array(schemas)),
        ])
    }

    private static func totals(of items: [CoverageItem]) -> JSONValue {
        let totals = Self.totals(items)
        return object(
            CoverageDimension.allCases.map { d in
                let t = totals[d]!
                return (
                    d.rawValue,
                    object([
                        ("covered", .number(JSONNumber(t.covered))), ("total", .number(JSONNumber(t.total))),
                        ("percent", t.total == 0 ? .null : .number(JSONNumber(literal: t.percentText)!)),
                    ])
                )
            })
    }

    private static func counts(_ c: CoverageCounts) -> JSONValue {
        object([("valid", .number(JSONNumber(c.valid))), ("invalid", .number(JSONNumber(c.invalid)))])
    }

    static func object(_ members: [(String, JSONValue)]) -> JSONValue {
        JSONValue(.object(JSONObject(members.map { JSONObject.Member(key: $0.0, value: $0.1) })))
    }
}

extension CoverageReport.Contract {
    /// The fixtures that left a property item's property out.
    func absent(_ item: CoverageItem) -> CoverageCounts {
        guard let schema = item.schema else { return CoverageCounts() }
        return facts[.property(schema: schema, name: item.label, present: false)] ?? CoverageCounts()
    }
}

extension CoverageItem {
    /// Where the item is: its operation or its schema.
    public var place: String { operation ?? schema ?? "" }
    /// The place and the label (`createVideos 202`, `#/components/schemas/Pet name`); an
    /// operation alone for ``CoverageDimension/operations``.
    public var displayName: String { dimension == .operations ? label : "\(place) \(label)" }
}

extension String {
    fileprivate func padded(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
