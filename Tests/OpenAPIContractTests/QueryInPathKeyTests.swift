import OpenAPIContract
import SpecSource
import Testing

/// Path keys that hold a query string (OpenAI's description has `/responses?beta=true` beside
/// `/responses`, with other request bodies): OpenAPI says a path key is a relative path, and
/// linters object to `?` in one, but a request carrying the pairs is routed to that key's
/// operation, whose pairs are not reported as undocumented.
@Suite("routing: query strings in path keys")
struct QueryInPathKeyTests {
    static let yaml = """
        openapi: 3.1.0
        info: {title: beta, version: '1'}
        paths:
          /responses:
            post:
              operationId: create
              requestBody:
                content:
                  application/json:
                    schema: {type: object, required: [input], properties: {input: {type: string}}}
              responses: {'200': {description: ok}}
          /responses?beta=true:
            post:
              operationId: betaCreate
              requestBody:
                content:
                  application/json:
                    schema: {type: object, required: [prompt], properties: {prompt: {type: string}}}
              responses: {'200': {description: ok}}
          /items/{id}?view:
            get:
              operationId: viewItem
              parameters:
                - {name: id, in: path, required: true, schema: {type: integer}}
              responses: {'200': {description: ok}}
          /items/{id}:
            get:
              operationId: getItem
              parameters:
                - {name: id, in: path, required: true, schema: {type: integer}}
              responses: {'200': {description: ok}}
        """

    func contract() throws -> OpenAPIDocument { try ExchangeTestKit.document(Self.yaml) }

    func routed(_ method: String, _ url: String, body: String? = nil) throws -> (operation: String?, result: ExchangeResult) {
        let result = try contract().validateRequest(
            method: method, url: url, headers: body == nil ? [] : [("Content-Type", "application/json")], body: body.map { Array($0.utf8) })
        return (result.operation?.operationId, result)
    }

    @Test("a request carrying the key's pairs goes to that key's operation, others to the plain path")
    func routing() throws {
        #expect(try routed("POST", "/responses?beta=true").operation == "betaCreate")
        #expect(try routed("POST", "/responses?stream=1&beta=true").operation == "betaCreate")
        #expect(try routed("POST", "/responses?beta=%74rue").operation == "betaCreate")  // decoded before comparing
        #expect(try routed("POST", "/responses").operation == "create")
        #expect(try routed("POST", "/responses?beta=false").operation == "create")
        #expect(try routed("POST", "/responses?Beta=true").operation == "create")
        // A name without "=" in the key asks for the name with any value.
        #expect(try routed("GET", "/items/7?view").operation == "viewItem")
        #expect(try routed("GET", "/items/7?view=full").operation == "viewItem")
        #expect(try routed("GET", "/items/7").operation == "getItem")
        #expect(try routed("GET", "/items/7?other=1").operation == "getItem")
    }

    @Test("the body is checked against the routed operation's schema; the key's pairs are documented")
    func bodiesAndParameters() throws {
        let beta = try routed("POST", "/responses?beta=true", body: #"{"prompt": "hi"}"#).result
        #expect(beta.isValid, "\(beta)")
        #expect(beta.warnings.isEmpty, "\(beta)")
        let wrong = try routed("POST", "/responses?beta=true", body: #"{"input": "hi"}"#).result
        #expect(!wrong.isValid)
        #expect(wrong.errors.contains { $0.message.contains("prompt") }, "\(wrong)")
        let plain = try routed("POST", "/responses", body: #"{"input": "hi"}"#).result
        #expect(plain.isValid, "\(plain)")
        // Any other query parameter is still undocumented.
        let extra = try routed("POST", "/responses?beta=true&debug=1", body: #"{"prompt": "hi"}"#).result
        #expect(extra.warnings.contains { $0.message.contains(#""debug" is not documented for"#) }, "\(extra)")
        #expect(!extra.warnings.contains { $0.message.contains(#""beta""#) }, "\(extra)")
    }

    @Test("METHOD /path?query names the key's operation; a named operation needs the key's pairs")
    func namedOperations() throws {
        let contract = try contract()
        #expect(try contract.operation("POST /responses?beta=true").operationId == "betaCreate")
        #expect(try contract.operation("POST /responses?x=1&beta=true").operationId == "betaCreate")
        #expect(try contract.operation("POST /responses").operationId == "create")
        #expect(try contract.operation("POST /responses?beta=false").operationId == "create")
        #expect(try contract.operation("GET /items/3?view=1").operationId == "viewItem")
        // Named explicitly, the beta operation still needs the request to carry beta=true.
        let missing = try contract.validateRequest(method: "POST", url: "/responses", operation: "betaCreate")
        #expect(ExchangeTestKit.locations(missing) == ["/request"], "\(missing)")
        #expect(
            missing.errors.first?.message
                == "the request's query does not carry what the path key /responses?beta=true of betaCreate holds (beta=true)", "\(missing)"
        )
        // The request's own query is never shown: it may hold credentials.
        let secret = try contract.validateRequest(method: "POST", url: "/responses?access_token=SECRET", operation: "betaCreate")
        #expect(!secret.description.contains("SECRET"), "\(secret)")
        let other = try contract.validateRequest(method: "POST", url: "/responses?beta=false", operation: "betaCreate")
        #expect(!other.isValid, "\(other)")
        let carried = try contract.validateRequest(
            method: "POST", url: "/responses?beta=true", headers: [("Content-Type", "application/json")],
            body: Array(#"{"prompt": "p"}"#.utf8),
            operation: "betaCreate")
        #expect(carried.isValid, "\(carried)")
    }

    @Test("only the key's own pair is documented by it: another value of the name is not")
    func otherValuesOfTheName() throws {
        let twice = try routed("POST", "/responses?beta=true&beta=false", body: #"{"prompt": "hi"}"#)
        #expect(twice.operation == "betaCreate")
        #expect(twice.result.warnings.contains { $0.message.contains(#"query parameter "beta" is not documented"#) }, "\(twice.result)")
    }

    /// `/jobs` documents GET; POST only under keys holding a query.
    static let onlyUnderQueryKeys = """
        openapi: 3.1.0
        info: {title: beta, version: '1'}
        paths:
          /jobs:
            get:
              responses: {'200': {description: ok}}
          /jobs?beta=true:
            post:
              responses: {'200': {description: ok}}
          /jobs?preview:
            delete:
              responses: {'200': {description: ok}}
          /jobs?alpha=1:
            delete:
              responses: {'200': {description: ok}}
          /plus?x=a+b:
            get:
              responses: {'200': {description: ok}}
          /widgets?beta=true:
            post:
              responses: {'200': {description: ok}}
        """

    @Test("a method documented on the path only under keys with a query names them and what they need")
    func methodOnlyUnderQueryKeys() throws {
        let contract = try ExchangeTestKit.document(Self.onlyUnderQueryKeys)
        let post = try contract.validateRequest(method: "POST", url: "/jobs?beta=false&api_key=SECRET")
        #expect(post.errors.map(\.code) == ["operation.unknown"], "\(post)")
        #expect(
            post.errors.first?.message
                == "no operation matches POST /jobs: POST on this path is documented only under path keys with a query: /jobs?beta=true (needs beta=true)",
            "\(post)")
        #expect(post.errors.first?.source.line == 7, "the key's location: \(post)")
        #expect(!post.description.contains("SECRET"), "the request's query is not shown: \(post)")
        let delete = try contract.validateRequest(method: "DELETE", url: "/jobs")
        #expect(
            delete.errors.first?.message
                == "no operation matches DELETE /jobs: DELETE on this path is documented only under path keys with a query: /jobs?preview (needs preview), /jobs?alpha=1 (needs alpha=1)",
            "\(delete)")
        // A `METHOD /path` identifier gets the same account.
        do {
            _ = try contract.operation("POST /jobs?beta=false")
            Issue.record("POST /jobs?beta=false names no operation")
        } catch {
            #expect(error.kind == .unknownOperation, "\(error)")
            #expect(
                error.message.hasSuffix(
                    "POST on this path is documented only under path keys with a query: /jobs?beta=true (needs beta=true)"),
                "\(error)")
        }
        // The pairs are shown as the key writes them: `+` is not shown as the space it decodes to.
        let plus = try contract.validateRequest(method: "GET", url: "/plus?x=a%2Bb")
        #expect(
            plus.errors.first?.message
                == "no operation matches GET /plus: GET on this path is documented only under path keys with a query: /plus?x=a+b (needs x=a+b)",
            "\(plus)")
        #expect(try contract.validateRequest(method: "GET", url: "/plus?x=a+b").isValid)
        let named = try contract.validateRequest(method: "GET", url: "/plus?x=a%2Bb", operation: "GET /plus?x=a+b")
        #expect(named.errors.first?.message.hasSuffix("holds (x=a+b)") == true, "\(named)")
        // A method no key documents is still "not documented for" the path.
        let put = try contract.validateRequest(method: "PUT", url: "/jobs")
        #expect(put.errors.map(\.code) == ["operation.undocumented-method"], "\(put)")
        #expect(try contract.validateRequest(method: "POST", url: "/jobs?beta=true").isValid)
    }

    @Test("another method documented on the path only under a key with a query is a wrong method, not an unknown path")
    func otherMethodOnlyUnderQueryKeys() throws {
        let contract = try ExchangeTestKit.document(Self.onlyUnderQueryKeys)
        let get = try contract.validateRequest(method: "GET", url: "/widgets?api_key=SECRET")
        #expect(get.errors.map(\.code) == ["operation.undocumented-method"], "\(get)")
        #expect(
            get.errors.first?.message == "GET is not documented for /widgets (documented: POST under /widgets?beta=true)", "\(get)")
        #expect(get.errors.first?.source.line == 19, "the key's location: \(get)")
        #expect(!get.description.contains("SECRET"), "\(get)")
        // Beside a method documented without a query, the others are listed with their keys.
        let put = try contract.validateRequest(method: "PUT", url: "/jobs")
        #expect(
            put.errors.first?.message
                == "PUT is not documented for /jobs (documented: GET, POST under /jobs?beta=true, DELETE under /jobs?preview, DELETE under /jobs?alpha=1)",
            "\(put)")
        // A `METHOD /path` identifier gets the same account.
        do {
            _ = try contract.operation("GET /widgets")
            Issue.record("GET /widgets names no operation")
        } catch {
            #expect(error.kind == .undocumentedMethod, "\(error)")
            #expect(error.message.hasSuffix("GET is not documented for /widgets (documented: POST under /widgets?beta=true)"), "\(error)")
        }
    }

    @Test("the closest paths compare a key holding a query by its path, and name it whole")
    func closestPaths() throws {
        let contract = try ExchangeTestKit.document(Self.onlyUnderQueryKeys)
        let result = try contract.validateRequest(method: "POST", url: "/job?beta=true")
        #expect(result.errors.map(\.code) == ["operation.unknown"], "\(result)")
        #expect(
            result.errors.first?.message.hasSuffix("closest paths: /jobs, /jobs?alpha=1, /jobs?beta=true") == true, "\(result)")
    }
}
