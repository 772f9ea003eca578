import OpenAPIContract
import SchemaValidation
import SpecSource

/// What a coverage report counts.
public enum CoverageDimension: String, Sendable, CaseIterable {
    /// Operations (not webhooks) some fixture reached.
    case operations
    /// Documented response statuses (`202`, `4XX`, `default`) per operation some response reached.
    case statusCodes = "status-codes"
    /// Documented media types of request and response bodies some body was sent as.
    case mediaTypes = "media-types"
    /// `enum` values some instance held at that schema.
    case enumValues = "enum-values"
    /// `oneOf`/`anyOf` branches some instance matched.
    case branches
    /// Discriminator values some instance carried at that schema.
    case discriminatorValues = "discriminator-values"
    /// Optional properties some instance held (the others passed only because they were absent).
    case optionalProperties = "optional-properties"
    /// Required properties some invalid fixture left out (a negative test exists).
    case requiredMissing = "required-missing"

    /// The name reports use (`status codes`).
    public var title: String {
        switch self {
        case .operations: "operations"
        case .statusCodes: "status codes"
        case .mediaTypes: "media types"
        case .enumValues: "enum values"
        case .branches: "oneOf/anyOf branches"
        case .discriminatorValues: "discriminator values"
        case .optionalProperties: "optional properties present"
        case .requiredMissing: "required properties missing (negative tests)"
        }
    }
}

/// One countable thing of a dimension and the fixtures that exercised it.
public struct CoverageItem: Sendable, Equatable {
    /// Its dimension.
    public var dimension: CoverageDimension
    /// The operation (`createVideos`), for operations, status codes and media types.
    public var operation: String?
    /// The schema's display location, for the schema dimensions.
    public var schema: String?
    /// What it is: a status (`202`), a body (`request application/json`), an enum value as JSON
    /// (`"16:9"`), a branch (`oneOf/1`), a discriminator value, a property name.
    public var label: String
    /// The fixtures that exercised it; for ``CoverageDimension/requiredMissing``, the fixtures
    /// that left the property out.
    public var counts: CoverageCounts
    /// Whether it is covered: exercised by some fixture; for ``CoverageDimension/requiredMissing``,
    /// left out by some invalid fixture.
    public var covered: Bool
}

/// Covered and total items of a dimension.
public struct CoverageTotal: Sendable, Equatable {
    /// Items covered.
    public var covered: Int
    /// Items in all.
    public var total: Int
    /// The share in percent rounded down to a tenth (so `100.0` means all); `nil` when there is
    /// nothing to cover.
    public var percent: Double? { total == 0 ? nil : Double(covered * 1000 / total) / 10 }
    /// `percent` as text (`66.6`), or `n/a`.
    public var percentText: String {
        guard total > 0 else { return "n/a" }
        let tenths = covered * 1000 / total
        return "\(tenths / 10).\(tenths % 10)"
    }
    /// Whether the share is below `minimum` percent (never when there is nothing to cover).
    public func isBelow(_ minimum: Double) -> Bool {
        total > 0 && Double(covered) * 100 < minimum * Double(total)
    }
}

/// A corpus's coverage: per contract (spec and overlays), what its operations, bodies and schemas
/// declare and what the fixtures exercised. Built by ``CoverageRecorder/report()``.
public struct CoverageReport: Sendable {
    /// One contract the corpus checked fixtures against.
    public struct Contract: Sendable {
        /// The spec path (relative to the corpus folder when inside it).
        public var spec: String
        /// The overlays applied, in order.
        public var overlays: [String]
        /// The operations in document order.
        public var operations: [OperationCoverage]
        /// Every schema object reachable from the operations' bodies and the named schemas the
        /// corpus targets, by display location.
        public var schemas: [String: SchemaOutline.Node]
        /// The named schemas (`schema:` groups) the corpus targets, by display location.
        public var namedSchemas: [String]
        /// What the fixtures exercised in the schemas.
        public var facts: [SchemaCoverageFact: CoverageCounts]
        /// Every item of every dimension, operations first, then schemas by location.
        public var items: [CoverageItem]
    }

    /// One operation.
    public struct OperationCoverage: Sendable {
        /// `operationId`, else `METHOD /path`.
        public var name: String
        /// The method in upper case.
        public var method: String
        /// The path template.
        public var path: String
        /// Fixtures that reached it.
        public var counts: CoverageCounts
        /// Its documented bodies: where (`request`, `response 202`), the media type, and the
        /// schema's location (`nil` without a schema).
        public var bodies: [(place: String, mediaType: String, schema: String?)]
    }

    /// The contracts, in the order the corpus first used them.
    public var contracts: [CoverageReport.Contract]
    /// Schemas that could not be compiled for the report (their parts are not counted).
    public var notes: [String]

    /// The covered and total items of `dimension` over every contract.
    public func total(_ dimension: CoverageDimension) -> CoverageTotal {
        var t = CoverageTotal(covered: 0, total: 0)
        for contract in contracts {
            for item in contract.items where item.dimension == dimension {
                t.total += 1
                if item.covered { t.covered += 1 }
            }
        }
        return t
    }

    /// The dimensions whose share is below `minimum` percent.
    public func dimensions(below minimum: Double) -> [CoverageDimension] {
        CoverageDimension.allCases.filter { total($0).isBelow(minimum) }
    }
}

extension CoverageRecorder {
    /// The report: every documented operation, status, media type and schema part of each
    /// contract the corpus used, and what its fixtures exercised.
    public func report() -> CoverageReport {
        var notes: [String] = []
        let built = order.map { key in build(contracts[key]!, notes: &notes) }
        return CoverageReport(contracts: built, notes: notes)
    }

    private func build(_ c: Contract, notes: inout [String]) -> CoverageReport.Contract {
        var items: [CoverageItem] = []
        var operations: [CoverageReport.OperationCoverage] = []
        var schemas: [String: SchemaOutline.Node] = [:]
        func outline(_ schema: () throws -> Schema?, _ what: String) -> String? {
            do {
                guard let s = try schema() else { return nil }
                let o = s.outline()
                schemas.merge(o.nodes) { a, _ in a }
                return o.root
            } catch {
                notes.append("\(c.spec): \(what): the schema does not compile: \(error)")
                return nil
            }
        }
        for op in c.document.operations where !op.isWebhook {
            let name = op.displayName
            let counts = c.operations[name] ?? CoverageCounts()
            items.append(CoverageItem(dimension: .operations, operation: name, label: name, counts: counts, covered: counts.total > 0))
            var bodies: [(place: String, mediaType: String, schema: String?)] = []
            for content in op.requestContent {
                let root = outline({ try c.document.schema(of: content, direction: .request) }, "\(name) request \(content.mediaType)")
                bodies.append(("request", content.mediaType, root))
            }
            for response in op.responses {
                let s = c.statuses[name]?[response.status] ?? CoverageCounts()
                items.append(
                    CoverageItem(dimension: .statusCodes, operation: name, label: response.status, counts: s, covered: s.total > 0))
                for content in response.content {
                    let root = outline(
                        { try c.document.schema(of: content, direction: .response) },
                        "\(name) response \(response.status) \(content.mediaType)")
                    bodies.append(("response \(response.status)", content.mediaType, root))
                }
            }
            for body in bodies {
                let m = c.media[name]?[BodyKey(place: body.place, mediaType: body.mediaType)] ?? CoverageCounts()
                items.append(
                    CoverageItem(
                        dimension: .mediaTypes, operation: name, label: "\(body.place) \(body.mediaType)", counts: m, covered: m.total > 0))
            }
            operations.append(.init(name: name, method: op.httpMethod, path: op.path, counts: counts, bodies: bodies))
        }
        var named: [String] = []
        for name in c.namedSchemas.sorted() {
            if let root = outline({ try c.document.schema(named: name) }, "schema \(name)") { named.append(root) }
        }
        for location in schemas.keys.sorted() {
            items += Self.items(of: schemas[location]!, c.facts)
        }
        return CoverageReport.Contract(
            spec: c.spec, overlays: c.overlays, operations: operations, schemas: schemas,
            namedSchemas: named, facts: c.facts, items: items)
    }

    /// The schema-dimension items of one schema object.
    static func items(of node: SchemaOutline.Node, _ facts: [SchemaCoverageFact: CoverageCounts]) -> [CoverageItem] {
        let s = node.location
        var items: [CoverageItem] = []
        func add(_ d: CoverageDimension, _ label: String, _ counts: CoverageCounts?, covered: ((CoverageCounts) -> Bool)? = nil) {
            let counts = counts ?? CoverageCounts()
            items.append(
                CoverageItem(dimension: d, schema: s, label: label, counts: counts, covered: covered?(counts) ?? (counts.total > 0)))
        }
        for value in node.enumValues {
            add(.enumValues, JSONWriter.string(from: value), facts[.enumValue(schema: s, value: value)])
        }
        for choice in node.choices {
            for i in choice.branches.indices {
                add(.branches, "\(choice.keyword)/\(i)", facts[.branch(schema: s, keyword: choice.keyword, branch: i)])
            }
        }
        if let d = node.discriminator {
            for v in d.values { add(.discriminatorValues, v.value, facts[.discriminatorValue(schema: s, value: v.value)]) }
        }
        for p in node.properties {
            if p.required {
                add(.requiredMissing, p.name, facts[.property(schema: s, name: p.name, present: false)]) { $0.invalid > 0 }
            } else {
                add(.optionalProperties, p.name, facts[.property(schema: s, name: p.name, present: true)])
            }
        }
        return items
    }
}
