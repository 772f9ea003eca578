import HTTPTypes
import OpenAPIContract
import SchemaValidation
import SpecSource
import Testing

/// Finding the operation from the request (OpenAPI 3.1.1 §4.8.5 Server Object, §4.8.8 Paths
/// Object): the server URL's path (variables substituted from their enums or open) is stripped,
/// concrete paths win over templated ones, and a request no operation matches is one error at
/// `/request` naming the closest paths.
@Suite("routing requests to operations")
struct RoutingExchangeTests {
    static let yaml = """
        openapi: 3.1.0
        info: {title: routing, version: '1'}
        servers:
          - url: https://api.example.com/v1
          - url: 'https://{region}.example.com/{version}/api'
            variables:
              region: {default: eu}
              version: {default: v2, enum: [v2, v3]}
          - url: /relative
        paths:
          /pets:
            get: {operationId: listPets, responses: {'200': {description: ok}}}
            post: {operationId: createPet, responses: {'201': {description: created}}}
          /pets/{petId}:
            get: {operationId: getPet, responses: {'200': {description: ok}}}
          /pets/mine:
            get: {operationId: getMine, responses: {'200': {description: ok}}}
          /files/{name}.json:
            get: {operationId: getFile, responses: {'200': {description: ok}}}
          /admin:
            servers:
              - url: https://admin.example.com/internal
            get: {operationId: admin, responses: {'200': {description: ok}}}
          /reports:
            get:
              operationId: reports
              servers:
                - url: '{scheme}://reports.example.com/{base}'
                  variables:
                    scheme: {default: https}
                    base: {default: r}
              responses: {'200': {description: ok}}
        webhooks:
          newPet:
            post: {operationId: newPetHook, responses: {'200': {description: ok}}}
        """

    func contract() throws -> OpenAPIDocument { try ExchangeTestKit.document(Self.yaml) }

    func operationId(_ method: String, _ url: String, basePath: String? = nil) throws -> String? {
        let result = try contract().validateRequest(method: method, url: url, options: ExchangeOptions(basePath: basePath))
        return result.isValid ? result.operation?.operationId : nil
    }

    @Test("server paths are stripped: absolute, with variables (enum and open), relative")
    func serverPrefixes() throws {
        #expect(try operationId("GET", "https://api.example.com/v1/pets") == "listPets")
        #expect(try operationId("GET", "https://eu.example.com/v3/api/pets") == "listPets")
        #expect(try operationId("GET", "https://us.example.com/v2/api/pets/7") == "getPet")
        #expect(try operationId("GET", "https://localhost:8080/relative/pets") == "listPets")
        // v4 is not in the enum, and /v1 alone is not /v1/api.
        #expect(try operationId("GET", "https://eu.example.com/v4/api/pets") == nil)
        #expect(try operationId("GET", "https://api.example.com/pets") == nil)
    }

    @Test("a bare path may leave the server path out")
    func barePath() throws {
        #expect(try operationId("GET", "/pets") == "listPets")
        #expect(try operationId("GET", "/v1/pets") == "listPets")
        #expect(try operationId("POST", "/pets?x=1") == "createPet")
    }

    @Test("an explicit base path replaces the servers")
    func explicitBasePath() throws {
        #expect(try operationId("GET", "https://gateway.local/gw/pets", basePath: "/gw") == "listPets")
        #expect(try operationId("GET", "https://gateway.local/gw/pets", basePath: "/gw/") == "listPets")
        #expect(try operationId("GET", "https://api.example.com/v1/pets", basePath: "/gw") == nil)
    }

    @Test("path-level and operation-level servers")
    func ownServers() throws {
        #expect(try operationId("GET", "https://admin.example.com/internal/admin") == "admin")
        #expect(try operationId("GET", "https://api.example.com/v1/admin") == nil)
        #expect(try operationId("GET", "http://reports.example.com/anything/reports") == "reports")
    }

    @Test("concrete paths are matched before templated ones; templates may mix literals")
    func specificity() throws {
        #expect(try operationId("GET", "/pets/mine") == "getMine")
        #expect(try operationId("GET", "/pets/mine2") == "getPet")
        #expect(try operationId("GET", "/files/report.json") == "getFile")
        #expect(try operationId("GET", "/files/report.xml") == nil)
    }

    @Test("no match: one error at /request naming the closest paths; wrong method names the documented ones")
    func noMatch() throws {
        let contract = try contract()
        let result = try contract.validateRequest(method: "GET", url: "https://api.example.com/v1/pet")
        #expect(ExchangeTestKit.locations(result) == ["/request"])
        #expect(result.operation == nil)
        #expect(result.errors[0].message.contains("closest paths: /pets"), "\(result)")
        let method = try contract.validateRequest(method: "DELETE", url: "/pets")
        #expect(ExchangeTestKit.locations(method) == ["/request"])
        #expect(method.errors[0].message.contains("DELETE is not documented for /pets (documented: GET, POST)"), "\(method)")
        // Located at the path's key (not at the first path under `paths`), or at `paths:`.
        func line(_ text: String) -> UInt32 {
            UInt32(Self.yaml.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0 == text }! + 1)
        }
        let onAdmin = try contract.validateRequest(method: "DELETE", url: "/admin")
        #expect([onAdmin.errors[0].source.line, onAdmin.errors[0].source.column] == [line("  /admin:"), 3], "\(onAdmin)")
        let mismatch = try contract.validateRequest(method: "GET", url: "/admin", operation: "getPet")
        #expect(mismatch.errors[0].message.contains("does not match /pets/{petId}"), "\(mismatch)")
        #expect([mismatch.errors[0].source.line, mismatch.errors[0].source.column] == [line("  /pets/{petId}:"), 3], "\(mismatch)")
        #expect([result.errors[0].source.line, result.errors[0].source.column] == [line("paths:"), 1], "\(result)")
        // Webhooks are not paths; named explicitly, any URL is theirs.
        #expect(try operationId("POST", "/newPet") == nil)
        #expect(try contract.validateRequest(method: "POST", url: "https://receiver.example/hooks/pets", operation: "newPetHook").isValid)
    }

    @Test("HTTPRequest routing and operation(for:)")
    func httpRequest() throws {
        let contract = try contract()
        let request = HTTPRequest(method: .get, scheme: "https", authority: "api.example.com", path: "/v1/pets/mine")
        #expect(contract.operation(for: request)?.operationId == "getMine")
        #expect(try contract.validate(request: request).isValid)
        let elsewhere = HTTPRequest(method: .get, scheme: "https", authority: "api.example.com", path: "/pets")
        #expect(contract.operation(for: elsewhere) == nil, "a request with an authority must carry the server path")
    }
}
