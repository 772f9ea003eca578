import ContractLint
import Testing

/// `oas-schema` with each embedded official schema: a minimal document passes, a broken one fails
/// at the right place, and each version's own fields are known to its schema.
@Suite("lint: the official OpenAPI schemas")
struct OASSchemaTests {
    static func findings(_ yaml: String) throws -> [LintFinding] {
        var configuration = LintConfiguration()
        for rule in LintRule.all where rule != .oasSchema { configuration.levels[rule.id] = .off }
        return try LintTestKit.lint(yaml: yaml, file: "oas-\(yaml.hashValue).yaml", configuration: configuration).findings
    }

    @Test(arguments: ["3.0.4", "3.1.1", "3.2.0"])
    func aMinimalDocumentIsValid(_ version: String) throws {
        #expect(try Self.findings("openapi: \(version)\ninfo: {title: t, version: '1'}\npaths: {}\n").isEmpty)
    }

    @Test(arguments: ["3.0.4", "3.1.1", "3.2.0"])
    func aParameterWithoutInIsNot(_ version: String) throws {
        let found = try Self.findings(
            """
            openapi: \(version)
            info: {title: t, version: '1'}
            paths:
              /pets:
                get:
                  parameters:
                    - name: limit
                      schema: {type: integer}
                  responses:
                    '200': {description: ok}
            """)
        let missing = found.filter { $0.message.contains("missing required property \"in\"") }
        #expect(missing.count == 1, "\(found)")
        #expect(missing.first?.pointer == "#/paths/~1pets/get/parameters/0")
        #expect(missing.first?.location.line == 7 && missing.first?.location.column == 11)
        // "Parameter or Reference Object": the Reference branch's "missing $ref" is not what to fix.
        #expect(!found.contains { $0.message.contains("\"$ref\"") }, "\(found)")
        #expect(found.allSatisfy { $0.pointer == "#/paths/~1pets/get/parameters/0" }, "\(found)")
    }

    @Test func threeTwoFieldsAreThreeTwoOnly() throws {
        let document = """
            paths:
              /pets:
                query:
                  responses:
                    '200': {description: ok}
            """
        #expect(try Self.findings("openapi: 3.2.0\ninfo: {title: t, version: '1'}\n" + document).isEmpty)
        let older = try Self.findings("openapi: 3.1.1\ninfo: {title: t, version: '1'}\n" + document)
        #expect(older.contains { $0.pointer == "#/paths/~1pets/query" }, "\(older)")
    }

    /// A typo deep inside choices of the official schema (a parameter is a Parameter or a
    /// Reference, its schema a Schema or a Reference, …) is one finding where it is written, not
    /// one more per choice on the way to it.
    @Test func aTypoInsideChoicesIsOneFindingAtTheTypo() throws {
        let found = try Self.findings(
            """
            openapi: 3.0.4
            info: {title: t, version: '1'}
            paths:
              /pets:
                get:
                  parameters:
                    - name: tags
                      in: query
                      schema:
                        type: array
                        items: {type: strng}
                  responses: {'200': {description: ok}}

            """)
        #expect(found.count == 1, "\(found)")
        #expect(found.first?.pointer == "#/paths/~1pets/get/parameters/0/schema/items/type", "\(found)")
        #expect(found.first?.message.contains(#"did you mean "string"?"#) == true, "\(found)")
    }

    /// With every rule on, that typo is one finding, not also a `schema-compile` one at the same
    /// value; with `oas-schema` lowered to a warning, the compile error stays (the verdict holds).
    @Test func aRejectedValueIsNotAlsoReportedAsACompileError() throws {
        let yaml = """
            openapi: 3.0.4
            info: {title: t, version: '1'}
            paths:
              /pets:
                get:
                  responses:
                    '200':
                      description: ok
                      content: {application/json: {schema: {type: strng}}}

            """
        let all = try LintTestKit.lint(yaml: yaml, file: "typo.yaml", configuration: LintConfiguration()).findings
        let pointer = "#/paths/~1pets/get/responses/200/content/application~1json/schema/type"
        #expect(all.filter { $0.pointer == pointer }.map(\.rule) == ["oas-schema"], "\(all)")
        var lowered = LintConfiguration()
        lowered.levels["oas-schema"] = .warning
        let both = try LintTestKit.lint(yaml: yaml, file: "typo2.yaml", configuration: lowered).findings
        #expect(Set(both.filter { $0.pointer == pointer }.map(\.rule)) == ["oas-schema", "schema-compile"], "\(both)")
    }

    /// A pattern valid without the `u` flag (`\:`) is a `pattern-invalid` warning only, not also
    /// the official 3.0 schema's `format: regex` error; a pattern invalid either way is both.
    @Test func patternsValidWithoutTheUFlagAreWarningsOnly() throws {
        func findings(_ pattern: String) throws -> [LintFinding] {
            let yaml = """
                openapi: 3.0.4
                info: {title: t, version: '1'}
                paths:
                  /tags:
                    get:
                      responses:
                        '200':
                          description: ok
                          content: {application/json: {schema: {type: string, pattern: '\(pattern)'}}}

                """
            let pointer = "#/paths/~1tags/get/responses/200/content/application~1json/schema/pattern"
            return try LintTestKit.lint(yaml: yaml, file: "pattern.yaml").findings.filter { $0.pointer == pointer }
        }
        let lenient = try findings(#"^[a-zA-Z0-9_\-\:]+$"#)
        #expect(lenient.map(\.rule) == ["pattern-invalid"], "\(lenient)")
        #expect(lenient.first?.severity == .warning)
        let broken = try findings("^[a-z")
        #expect(broken.map(\.rule).contains("oas-schema"), "\(broken)")
    }

    /// A parameter without `in` is one error, at the parameter: not also "valid against more than
    /// one schema in oneOf" (the four locations tell themselves apart by `in`), nor an undeclared
    /// `{id}` at each path that uses it (a trial's DigitalOcean copy: 16 such errors for one line).
    @Test func aParameterWithoutInIsOneError() throws {
        let yaml = """
            openapi: 3.0.4
            info: {title: t, version: '1'}
            components:
              parameters:
                Id: {name: id, required: true, schema: {type: integer}}
            paths:
              /items/{id}:
                get:
                  parameters: [{$ref: '#/components/parameters/Id'}]
                  responses: {'200': {description: ok}}
                delete:
                  parameters: [{$ref: '#/components/parameters/Id'}]
                  responses: {'204': {description: gone}}

            """
        let errors = try LintTestKit.lint(yaml: yaml, file: "no-in.yaml").findings.filter { $0.severity == .error }
        #expect(errors.map(\.rule) == ["oas-schema"], "\(errors)")
        #expect(errors.first?.pointer == "#/components/parameters/Id")
        #expect(errors.first?.message.contains(#"missing required property "in""#) == true, "\(errors)")
    }
}
