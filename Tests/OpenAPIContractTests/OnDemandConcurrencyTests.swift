import Foundation
import OpenAPIContract
import SchemaValidation
import SpecSource
import Testing

/// Validation from many tasks while other tasks compile further schemas on demand.
///
/// `.ci/run` runs this suite under ThreadSanitizer (`swift test --sanitize=thread --filter
/// OnDemandConcurrencyTests`), which reports any write to a node or table that a validating thread
/// may be reading; the verdict comparisons catch what the sanitizer cannot (a dynamic scope that is
/// race-free but wrong).
@Suite("on-demand compilation under concurrency")
struct OnDemandConcurrencyTests {
    /// A generic list whose item type each concrete list overrides through `$dynamicAnchor: item`,
    /// and operations sharing those schemas. `Owner` reaches no `$dynamicRef`, so compiling
    /// `getOwner` first publishes nodes before any dynamic reference is in the graph.
    static let genericLists = """
        openapi: 3.1.0
        info: {title: generic lists, version: '1'}
        paths:
          /owners/{id}:
            get:
              operationId: getOwner
              responses:
                '200':
                  description: one owner
                  content:
                    application/json:
                      schema: {$ref: '#/components/schemas/Owner'}
          /owners:
            get:
              operationId: listOwners
              responses:
                '200':
                  description: owners
                  content:
                    application/json:
                      schema:
                        $id: https://example.com/schemas/owner-list
                        $ref: list
                        $defs:
                          owner: {$dynamicAnchor: item, $ref: owner}
          /pets:
            post:
              operationId: createPet
              requestBody:
                required: true
                content:
                  application/json:
                    schema: {$ref: '#/components/schemas/Pet'}
              responses:
                '201':
                  description: created
                  content:
                    application/json:
                      schema: {$ref: '#/components/schemas/Pet'}
            get:
              operationId: listPets
              responses:
                '200':
                  description: pets
                  content:
                    application/json:
                      schema: {$ref: '#/components/schemas/PetList'}
          /tags:
            get:
              operationId: listTags
              responses:
                '200':
                  description: tags
                  content:
                    application/json:
                      schema: {$ref: '#/components/schemas/TagList'}
          /things:
            get:
              operationId: listThings
              responses:
                '200':
                  description: anything
                  content:
                    application/json:
                      schema: {$ref: '#/components/schemas/List'}
        components:
          schemas:
            List:
              $id: https://example.com/schemas/list
              type: object
              required: [items]
              properties:
                items: {type: array, items: {$dynamicRef: '#item'}}
                next: {type: [string, 'null']}
              $defs:
                anything: {$dynamicAnchor: item}
            PetList:
              $id: https://example.com/schemas/pet-list
              $ref: list
              $defs:
                pet: {$dynamicAnchor: item, $ref: pet}
            TagList:
              $id: https://example.com/schemas/tag-list
              $ref: list
              $defs:
                tag: {$dynamicAnchor: item, type: string, pattern: '^[a-z][a-z0-9-]*$'}
            Pet:
              $id: https://example.com/schemas/pet
              type: object
              required: [name]
              properties:
                name: {type: string, minLength: 1}
                owner: {$ref: owner}
                tags: {$ref: tag-list}
              unevaluatedProperties: false
            Owner:
              $id: https://example.com/schemas/owner
              type: object
              required: [id]
              properties:
                id: {type: integer, minimum: 1}
                email: {type: string, format: email}
        """

    /// One body checked against one operation, with the verdict JSON Schema 2020-12 requires.
    struct Check: Sendable, CustomStringConvertible {
        let operation: String
        /// The response status, or `nil` for the request body.
        let status: Int?
        let body: String
        let isValid: Bool

        var description: String { "\(operation) \(status.map(String.init) ?? "request") \(body)" }
    }

    static let checks: [Check] = [
        Check(operation: "getOwner", status: 200, body: #"{"id": 1, "email": "ann@example.com"}"#, isValid: true),
        Check(operation: "getOwner", status: 200, body: #"{"id": 0}"#, isValid: false),
        Check(operation: "getOwner", status: 200, body: #"{"email": 5}"#, isValid: false),
        Check(operation: "createPet", status: nil, body: #"{"name": "Rex"}"#, isValid: true),
        Check(operation: "createPet", status: nil, body: #"{"name": ""}"#, isValid: false),
        Check(operation: "createPet", status: nil, body: #"{"name": "Rex", "owner": {"id": "x"}}"#, isValid: false),
        Check(operation: "createPet", status: nil, body: #"{"name": "Rex", "tags": {"items": ["good", "Bad!"]}}"#, isValid: false),
        Check(operation: "createPet", status: nil, body: #"{"name": "Rex", "tags": {"items": ["good", "dog-2"]}}"#, isValid: true),
        Check(operation: "createPet", status: 201, body: #"{"name": "Rex", "colour": "brown"}"#, isValid: false),
        Check(
            operation: "listPets", status: 200, body: #"{"items": [{"name": "Rex"}, {"name": "Tom", "owner": {"id": 2}}]}"#, isValid: true),
        // The item type comes from the pet list's anchor: a pet without a name fails here …
        Check(operation: "listPets", status: 200, body: #"{"items": [{"name": "Rex"}, {"nam": "x"}]}"#, isValid: false),
        Check(operation: "listPets", status: 200, body: #"{"items": [{"name": "Rex", "owner": {"id": -1}}]}"#, isValid: false),
        Check(operation: "listPets", status: 200, body: #"{"items": [], "next": 3}"#, isValid: false),
        Check(operation: "listTags", status: 200, body: #"{"items": ["a", "b-2"], "next": null}"#, isValid: true),
        Check(operation: "listTags", status: 200, body: #"{"items": ["A"]}"#, isValid: false),
        Check(operation: "listTags", status: 200, body: #"{"items": [{"nam": "x"}]}"#, isValid: false),
        // … and passes the generic list, whose own anchor accepts anything.
        Check(operation: "listThings", status: 200, body: #"{"items": [{"nam": "x"}, 1, "A"]}"#, isValid: true),
        Check(operation: "listThings", status: 200, body: #"{"items": "none"}"#, isValid: false),
        Check(operation: "listOwners", status: 200, body: #"{"items": [{"id": 1}, {"id": 2, "email": "bo@example.com"}]}"#, isValid: true),
        Check(operation: "listOwners", status: 200, body: #"{"items": [{"nam": "x"}]}"#, isValid: false),
        Check(operation: "listOwners", status: 200, body: #"{"items": [{"id": 3, "email": "not an address"}]}"#, isValid: false),
    ]

    /// Interned once: `SourceFileID`'s table is guarded by a `Synchronization.Mutex`, whose futex
    /// ThreadSanitizer does not see on Linux, so interning from parallel tests reads as a race.
    static let file = SourceFileID.intern("generic-lists.yaml")
    static let brokenFile = SourceFileID.intern("broken-name.yaml")

    static func contract(_ compilation: OpenAPIDocument.Compilation) throws -> OpenAPIDocument {
        let value = try SourceLoader.parse(genericLists, format: .yaml, file: file)
        return try OpenAPIDocument(document: value, uri: "https://example.com/api/openapi.yaml", compilation: compilation)
    }

    static func bodies() throws -> [JSONValue] {
        try checks.map { try SourceLoader.parse($0.body, format: .json) }
    }

    /// Validates through the document (a compiled-schema lookup per call).
    static func validate(_ check: Check, _ body: JSONValue, in contract: OpenAPIDocument) throws -> [SchemaViolation] {
        if let status = check.status {
            return try contract.validateResponse(body, status: status, for: check.operation).errors
        }
        return try contract.validateRequest(body, for: check.operation).errors
    }

    /// The compiled schema of a check (compiling it on first use).
    static func schema(for check: Check, in contract: OpenAPIDocument) throws -> Schema {
        if let status = check.status { return try contract.responseSchema(for: check.operation, status: status) }
        return try contract.requestSchema(for: check.operation)
    }

    /// The errors of every check, validated on one thread against an eagerly compiled document.
    static func singleThreadedVerdicts() throws -> [[SchemaViolation]] {
        let contract = try contract(.eager)
        let bodies = try bodies()
        return try checks.indices.map { try validate(checks[$0], bodies[$0], in: contract) }
    }

    @Test func singleThreadedVerdictsFollowTheDynamicScope() throws {
        let verdicts = try Self.singleThreadedVerdicts()
        for (check, errors) in zip(Self.checks, verdicts) {
            #expect(errors.isEmpty == check.isValid, "\(check): \(errors)")
        }
        // The failing pet is reported through the pet list's anchor, not the generic one.
        let petWithoutName = try #require(Self.checks.firstIndex { $0.operation == "listPets" && $0.body.contains(#""nam":"#) })
        let missingName = try #require(verdicts[petWithoutName].first)
        #expect(missingName.instanceLocation == "/items/1")
        // Absolute keyword locations use the canonical URI of the schema resource (Pet's `$id`).
        #expect(missingName.absoluteKeywordLocation == "https://example.com/schemas/pet#/required")
        #expect(missingName.code == "required")
    }

    /// Nodes compiled before any `$dynamicRef` was in the graph (and anchors added by later
    /// rounds) must give the same verdicts as one eager compilation, whatever the order.
    @Test(arguments: [
        ["getOwner", "createPet", "listPets", "listTags", "listThings", "listOwners"],
        ["listOwners", "listThings", "listTags", "listPets", "createPet", "getOwner"],
        ["createPet", "getOwner", "listThings", "listOwners", "listPets", "listTags"],
    ])
    func everyCompilationOrderGivesTheEagerVerdicts(order: [String]) throws {
        let expected = try Self.singleThreadedVerdicts()
        let contract = try Self.contract(.onDemand)
        let bodies = try Self.bodies()
        for compiled in order.indices {
            // Using the next operation compiles it; everything compiled before is validated again.
            for i in Self.checks.indices where order[...compiled].contains(Self.checks[i].operation) {
                #expect(try Self.validate(Self.checks[i], bodies[i], in: contract) == expected[i], "\(Self.checks[i])")
            }
        }
    }

    /// 8 tasks × 200 validations (half through `validateRequest`/`validateResponse`, half through
    /// schemas fetched once), while two more tasks compile the remaining operations one round at a
    /// time in different orders. The first round publishes `getOwner`'s schemas, which reach no
    /// `$dynamicRef`; the rounds after it bring dynamic references while those are validated.
    @Test func manyTasksValidateWhileOthersCompile() async throws {
        let expected = try Self.singleThreadedVerdicts()
        let contract = try Self.contract(.onDemand)
        let bodies = try Self.bodies()
        let checks = Self.checks
        let firstRound = checks.indices.filter { checks[$0].operation == "getOwner" }
        _ = try Self.schema(for: checks[firstRound[0]], in: contract)
        let schemaCountAfterFirstRound = contract.schemaCount

        let mismatches = try await withThrowingTaskGroup(of: [String].self) { group in
            for task in 0..<8 {
                group.addTask {
                    var mismatches: [String] = []
                    var schemas: [Int: Schema] = [:]
                    for n in 0..<200 {
                        // Start on what the first round published, then spread over every check.
                        let i = n < 40 ? firstRound[(task + n) % firstRound.count] : (task * 5 + n) % checks.count
                        let errors: [SchemaViolation]
                        if task.isMultiple(of: 2) {
                            errors = try Self.validate(checks[i], bodies[i], in: contract)
                        } else {
                            let schema = try schemas[i] ?? Self.schema(for: checks[i], in: contract)
                            schemas[i] = schema
                            errors = schema.validate(bodies[i]).errors
                            if schema.isValid(bodies[i]) != expected[i].isEmpty {
                                mismatches.append("isValid: \(checks[i])")
                            }
                        }
                        if errors != expected[i] { mismatches.append("\(checks[i]): \(errors) instead of \(expected[i])") }
                        if n.isMultiple(of: 10) { await Task.yield() }
                    }
                    return mismatches
                }
            }
            for order in [
                ["listPets", "listTags", "createPet", "listOwners", "listThings"],
                ["listThings", "listOwners", "createPet", "listTags", "listPets"],
            ] {
                group.addTask {
                    for operation in order {
                        let check = try #require(checks.first { $0.operation == operation })
                        _ = try Self.schema(for: check, in: contract)
                        await Task.yield()
                    }
                    _ = try contract.schema(named: "Owner")
                    return []
                }
            }
            var all: [String] = []
            for try await found in group { all += found }
            return all
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) verdicts differ, e.g. \(mismatches.prefix(3))")
        #expect(contract.schemaCount > schemaCountAfterFirstRound)
    }

    /// Generic list documents that only a `$ref` brings in: each is loaded (and its dynamic anchor
    /// indexed) by the compilation round that first needs it.
    static let listDocuments: [(uri: String, schema: String)] = [
        ("https://example.com/lists/numbers", #"{"$ref": "list", "$defs": {"item": {"$dynamicAnchor": "item", "type": "number"}}}"#),
        ("https://example.com/lists/strings", #"{"$ref": "list", "$defs": {"item": {"$dynamicAnchor": "item", "type": "string"}}}"#),
        (
            "https://example.com/lists/evens",
            #"{"$ref": "list", "$defs": {"item": {"$dynamicAnchor": "item", "type": "integer", "multipleOf": 2}}}"#
        ),
        ("https://example.com/lists/flags", #"{"$ref": "list", "$defs": {"item": {"$dynamicAnchor": "item", "type": "boolean"}}}"#),
        (
            "https://example.com/lists/pairs",
            #"{"$ref": "list", "$defs": {"item": {"$dynamicAnchor": "item", "type": "array", "maxItems": 2}}}"#
        ),
        (
            "https://example.com/lists/list",
            ##"{"type": "array", "items": {"$dynamicRef": "#item"}, "$defs": {"item": {"$dynamicAnchor": "item"}}}"##
        ),
    ]
    static let listInstances = [
        "[1, 2.5, -3]", "[4, \"x\"]", "[\"a\", \"b\"]", "[2, 4, 6]", "[true, false]", "[[1], [2, 3], []]", "[[1, 2, 3]]", "[null]", "{}",
    ]

    /// A graph compiled one round at a time behind a lock, as ``OpenAPIDocument`` does.
    final class LockedBuilder: @unchecked Sendable {
        private let lock = NSLock()
        private let builder: SchemaGraphBuilder

        init() throws {
            var options = SchemaOptions()
            for (uri, text) in OnDemandConcurrencyTests.listDocuments {
                options.resolver.register(try SourceLoader.parse(text, format: .json), at: uri)
            }
            builder = SchemaGraphBuilder(
                document: try SourceLoader.parse("{}", format: .json), uri: "https://example.com/lists/root", dialect: .draft2020_12,
                options: options)
        }

        /// The schema of a list document, compiled in a round of its own if it is new.
        func schema(_ uri: String) throws -> Schema {
            try lock.withLock {
                let schema = try builder.schema(reference: uri, at: .unknown)
                try builder.finish()
                return schema
            }
        }
    }

    /// Rounds that load new documents add dynamic anchors to the graph while schemas published by
    /// earlier rounds are being validated (whose `$dynamicRef`s look anchors up).
    @Test func laterRoundsAddDynamicAnchorsWhileEarlierSchemasValidate() async throws {
        let lists = Self.listDocuments.dropLast().map(\.uri)
        let instances = try Self.listInstances.map { try SourceLoader.parse($0, format: .json) }
        // Single-threaded verdicts: each list compiled alone, in one round.
        let expected = try lists.map { uri in
            let schema = try LockedBuilder().schema(uri)
            return instances.map { schema.validate($0).errors }
        }
        #expect(
            expected.map { $0.map(\.isEmpty) } == [
                [true, false, false, true, false, false, false, false, false],
                [false, false, true, false, false, false, false, false, false],
                [false, false, false, true, false, false, false, false, false],
                [false, false, false, false, true, false, false, false, false],
                [false, false, false, false, false, true, false, false, false],
            ])

        let builder = try LockedBuilder()
        let first = try builder.schema(lists[0])
        let mismatches = try await withThrowingTaskGroup(of: [String].self) { group in
            for task in 0..<8 {
                group.addTask {
                    var mismatches: [String] = []
                    for n in 0..<200 {
                        // The first list, published before the others' anchors exist, and then
                        // whichever list this step picks (compiling it if no one has yet).
                        let list = n < 100 ? 0 : (task + n) % lists.count
                        let schema = list == 0 ? first : try builder.schema(lists[list])
                        let i = (task + n) % instances.count
                        if schema.validate(instances[i]).errors != expected[list][i]
                            || schema.isValid(instances[i]) != expected[list][i].isEmpty
                        {
                            mismatches.append("\(lists[list]) \(Self.listInstances[i])")
                        }
                        if n.isMultiple(of: 10) { await Task.yield() }
                    }
                    return mismatches
                }
            }
            group.addTask {
                for uri in lists.reversed() {
                    _ = try builder.schema(uri)
                    await Task.yield()
                }
                return []
            }
            var all: [String] = []
            for try await found in group { all += found }
            return all
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) verdicts differ, e.g. \(mismatches.prefix(3))")
    }

    static let brokenOperation = """
        openapi: 3.1.0
        info: {title: broken, version: '1'}
        paths:
          /names:
            post:
              operationId: createName
              requestBody:
                content:
                  application/json:
                    schema: {$ref: '#/components/schemas/Name'}
              responses:
                '201':
                  description: created
                  content:
                    application/json:
                      schema: {$ref: '#/components/schemas/Name'}
            get:
              operationId: listNames
              responses:
                '200':
                  description: names
                  content:
                    application/json:
                      schema: {type: array, items: {type: string}}
        components:
          schemas:
            Name: {type: string, minLength: -1}
        """

    /// A schema whose on-demand compilation reports a problem fails every request, from every task
    /// and not only the first: a retry must not get the schema with the bad keyword left out.
    @Test func aSchemaThatDoesNotCompileFailsEveryRequest() async throws {
        let value = try SourceLoader.parse(Self.brokenOperation, format: .yaml, file: Self.brokenFile)
        let contract = try OpenAPIDocument(document: value, compilation: .onDemand)
        let body = try SourceLoader.parse(#""ok""#, format: .json)
        let names = try SourceLoader.parse(#"["a", 1]"#, format: .json)
        let outcomes = await withTaskGroup(of: [String].self) { group in
            for task in 0..<8 {
                group.addTask {
                    (0..<20).map { (n: Int) -> String in
                        if (task + n).isMultiple(of: 3) {
                            let errors = (try? contract.validateResponse(names, status: 200, for: "listNames"))?.errors
                            return errors?.map(\.instanceLocation) == ["/1"] ? "listed" : "listNames: \(String(describing: errors))"
                        }
                        do throws(ContractError) {
                            return "validated: \(try contract.validateRequest(body, for: "createName"))"
                        } catch {
                            return error.sourceErrors.map(\.code) == ["schema.invalid-keyword"] ? "rejected" : "\(error)"
                        }
                    }
                }
            }
            var all: [String] = []
            for await found in group { all += found }
            return all
        }
        #expect(outcomes.count == 160)
        #expect(Set(outcomes) == ["rejected", "listed"], "\(Set(outcomes).subtracting(["rejected", "listed"]).prefix(3))")
    }

    /// Compiling everything later still reports the problem found on demand.
    @Test func compilingAllSchemasReportsProblemsFoundOnDemand() throws {
        let value = try SourceLoader.parse(Self.brokenOperation, format: .yaml, file: Self.brokenFile)
        let contract = try OpenAPIDocument(document: value, compilation: .onDemand)
        #expect(throws: ContractError.self) { try contract.validateRequest(try SourceLoader.parse("1", format: .json), for: "createName") }
        do {
            try contract.compileAllSchemas()
            Issue.record("compileAllSchemas() reported nothing")
        } catch {
            #expect(error.errors.map(\.code) == ["schema.invalid-keyword"])
            #expect(error.errors.first?.location.line == 27)
        }
    }

    /// Another schema that reaches the broken one (`Name`, through its own `$ref`) must be
    /// rejected as well: after a failure, each new schema is also compiled by a fresh builder.
    @Test func aSchemaReachingOneThatDoesNotCompileIsRejected() throws {
        let value = try SourceLoader.parse(Self.brokenOperation, format: .yaml, file: Self.brokenFile)
        let contract = try OpenAPIDocument(document: value, compilation: .onDemand)
        let body = try SourceLoader.parse(#""ok""#, format: .json)
        #expect(throws: ContractError.self) { try contract.validateRequest(body, for: "createName") }
        #expect(throws: ContractError.self) { try contract.validateResponse(body, status: 201, for: "createName") }
    }
}
