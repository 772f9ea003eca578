import OpenAPIContract
import SchemaValidation
import SpecSource
import Testing

/// Security requirements (OpenAPI 3.1.1 §4.8.27, §4.8.30): OR across the list, AND within one
/// requirement, `security: []` disables, each scheme's credential checked for presence and form,
/// and no credential value in any message.
@Suite("security requirements")
struct SecurityExchangeTests {
    static let yaml = """
        openapi: 3.1.0
        info: {title: security, version: '1'}
        security:
          - bearer: []
        paths:
          /global:
            get: {operationId: global, responses: {'200': {description: ok}}}
          /open:
            get: {operationId: open, security: [], responses: {'200': {description: ok}}}
          /anonymous-or-key:
            get: {operationId: anonymousOrKey, security: [{}, {headerKey: []}], responses: {'200': {description: ok}}}
          /basic:
            get: {operationId: basic, security: [{basic: []}], responses: {'200': {description: ok}}}
          /header-key:
            get: {operationId: headerKey, security: [{headerKey: []}], responses: {'200': {description: ok}}}
          /query-key:
            get: {operationId: queryKey, security: [{queryKey: []}], responses: {'200': {description: ok}}}
          /cookie-key:
            get: {operationId: cookieKey, security: [{cookieKey: []}], responses: {'200': {description: ok}}}
          /oauth:
            get: {operationId: oauth, security: [{oauth: [read]}], responses: {'200': {description: ok}}}
          /oidc:
            get: {operationId: oidc, security: [{oidc: []}], responses: {'200': {description: ok}}}
          /mtls:
            get: {operationId: mtls, security: [{mtls: []}], responses: {'200': {description: ok}}}
          /digest:
            get: {operationId: digest, security: [{digest: []}], responses: {'200': {description: ok}}}
          /either:
            get: {operationId: either, security: [{bearer: []}, {headerKey: []}], responses: {'200': {description: ok}}}
          /documented-key:
            get:
              operationId: documentedKey
              security: [{headerKey: []}]
              parameters:
                - {name: X-API-Key, in: header, schema: {type: string, pattern: '^k-'}}
              responses: {'200': {description: ok}}
          /both:
            get: {operationId: both, security: [{headerKey: [], queryKey: []}], responses: {'200': {description: ok}}}
        components:
          securitySchemes:
            bearer: {type: http, scheme: bearer, bearerFormat: JWT}
            basic: {type: http, scheme: Basic}
            digest: {type: http, scheme: digest}
            headerKey: {type: apiKey, in: header, name: X-API-Key}
            queryKey: {type: apiKey, in: query, name: api_key}
            cookieKey: {type: apiKey, in: cookie, name: session}
            oauth:
              type: oauth2
              flows: {clientCredentials: {tokenUrl: 'https://auth.example.com/token', scopes: {read: read things}}}
            oidc: {type: openIdConnect, openIdConnectUrl: 'https://auth.example.com/.well-known/openid-configuration'}
            mtls: {type: mutualTLS}
        """

    static let secret = "s3cr3t-Token_value"

    func check(_ path: String, _ headers: [(name: String, value: String)] = []) throws -> ExchangeResult {
        let result = try ExchangeTestKit.document(Self.yaml).validateRequest(method: "GET", url: path, headers: headers)
        // Whatever happens, no credential value is ever printed.
        #expect(!result.allText.contains(Self.secret), "\(result)")
        #expect(!result.allText.contains("c2VjcmV0"), "\(result)")
        for header in headers where header.name.lowercased() == "authorization" {
            for word in header.value.split(separator: " ") where word.count > 6 {
                #expect(!result.allText.contains(word), "\(result)")
            }
        }
        return result
    }

    func securityError(_ result: ExchangeResult) -> SchemaViolation? { result.error(at: "/request/security") }

    @Test("global bearer: present passes; missing, wrong scheme or malformed is one error naming the scheme")
    func bearer() throws {
        #expect(try check("/global", [("Authorization", "Bearer \(Self.secret)")]).isValid)
        #expect(try check("/global", [("authorization", "bearer \(Self.secret)")]).isValid)
        for headers: [(name: String, value: String)] in [
            [], [("Authorization", "Basic \(Self.secret)")], [("Authorization", "Bearer")],
            [("Authorization", "Bearer two words\(Self.secret)")], [("Authorization", Self.secret)],
        ] {
            let result = try check("/global", headers)
            #expect(ExchangeTestKit.locations(result) == ["/request/security"], "\(headers)")
            #expect(securityError(result)?.message.contains("bearer (HTTP Bearer credentials in the Authorization header)") == true)
        }
    }

    @Test("security: [] disables the global requirement; {} allows anonymous access")
    func disabled() throws {
        #expect(try check("/open").isValid)
        #expect(try check("/anonymous-or-key").isValid)
    }

    @Test("basic: base64 of user-id:password")
    func basic() throws {
        #expect(try check("/basic", [("Authorization", "Basic dXNlcjpwYXNz")]).isValid)  // user:pass
        #expect(try check("/basic", [("Authorization", "basic dXNlcjpwYXNz")]).isValid)
        // "secret" without a colon, and text that is not base64.
        #expect(ExchangeTestKit.locations(try check("/basic", [("Authorization", "Basic c2VjcmV0")])) == ["/request/security"])
        #expect(ExchangeTestKit.locations(try check("/basic", [("Authorization", "Basic \(Self.secret)!")])) == ["/request/security"])
        #expect(ExchangeTestKit.locations(try check("/basic")) == ["/request/security"])
    }

    @Test("apiKey in header, query and cookie")
    func apiKeys() throws {
        #expect(try check("/header-key", [("x-api-key", Self.secret)]).isValid)
        #expect(ExchangeTestKit.locations(try check("/header-key")) == ["/request/security"])
        #expect(ExchangeTestKit.locations(try check("/header-key", [("X-API-Key", "")])) == ["/request/security"])

        let query = try check("/query-key?api_key=\(Self.secret)")
        #expect(query.isValid)
        #expect(query.warnings.isEmpty, "the API key is not an undocumented query parameter")
        #expect(ExchangeTestKit.locations(try check("/query-key?apikey=\(Self.secret)")) == ["/request/security"])

        #expect(try check("/cookie-key", [("Cookie", "theme=dark; session=\(Self.secret)")]).isValid)
        let missing = try check("/cookie-key", [("Cookie", "theme=dark")])
        #expect(ExchangeTestKit.locations(missing) == ["/request/security"])
        #expect(securityError(missing)?.message.contains("cookie \"session\"") == true)
    }

    @Test("oauth2 and openIdConnect want a bearer token")
    func bearerFamilies() throws {
        for path in ["/oauth", "/oidc"] {
            #expect(try check(path, [("Authorization", "Bearer \(Self.secret)")]).isValid, "\(path)")
            #expect(ExchangeTestKit.locations(try check(path)) == ["/request/security"], "\(path)")
            #expect(
                ExchangeTestKit.locations(try check(path, [("Authorization", "Basic dXNlcjpwYXNz")])) == ["/request/security"], "\(path)")
        }
    }

    @Test("mutualTLS is reported as not checkable offline, never as an error")
    func mutualTLS() throws {
        let result = try check("/mtls")
        #expect(result.isValid)
        #expect(result.unchecked.count == 1)
        #expect(result.unchecked.first?.message.contains("cannot be checked offline") == true)
    }

    @Test("other HTTP schemes need their scheme name in Authorization")
    func otherHTTPSchemes() throws {
        #expect(try check("/digest", [("Authorization", "Digest username=\"u\", response=\"\(Self.secret)\"")]).isValid)
        #expect(ExchangeTestKit.locations(try check("/digest", [("Authorization", "Bearer \(Self.secret)")])) == ["/request/security"])
    }

    @Test("OR across requirements, AND within one")
    func combinations() throws {
        #expect(try check("/either", [("Authorization", "Bearer \(Self.secret)")]).isValid)
        #expect(try check("/either", [("X-API-Key", Self.secret)]).isValid)
        let neither = try check("/either")
        #expect(ExchangeTestKit.locations(neither) == ["/request/security"])
        let message = securityError(neither)?.message ?? ""
        #expect(
            message.contains("bearer (HTTP Bearer") && message.contains("headerKey (API key in header \"X-API-Key\")")
                && message.contains(", or "))

        #expect(try check("/both?api_key=\(Self.secret)", [("X-API-Key", Self.secret)]).isValid)
        let half = try check("/both", [("X-API-Key", Self.secret)])
        #expect(ExchangeTestKit.locations(half) == ["/request/security"])
        #expect(securityError(half)?.message.contains(" and ") == true)
    }

    @Test("an API key that is also a documented parameter: its schema errors do not show the value")
    func documentedKey() throws {
        #expect(try check("/documented-key", [("X-API-Key", "k-\(Self.secret)")]).isValid)
        let bad = try check("/documented-key", [("X-API-Key", Self.secret)])
        #expect(ExchangeTestKit.locations(bad) == ["/request/header/x-api-key"])
        #expect(bad.errors[0].keyword == "pattern")
        #expect(bad.errors[0].message.contains("not shown"))
    }

    @Test("a declared parameter named like a credential: its schema errors do not show the value")
    func credentialNamedParameters() throws {
        let yaml = """
            openapi: 3.1.0
            info: {title: t, version: '1'}
            paths:
              /search:
                get:
                  parameters:
                    - {name: token, in: query, schema: {type: string, maxLength: 5}}
                    - {name: X-Api-Key, in: header, schema: {type: string, pattern: '^[a-f0-9]{8}$'}}
                    - {name: session_secret, in: cookie, schema: {type: integer}}
                    - {name: limit, in: query, schema: {type: integer, maximum: 10}}
                  responses: {'200': {description: ok}}
            """
        let result = try ExchangeTestKit.document(yaml).validateRequest(
            method: "GET", url: "/search?token=LEAKTOKEN12345&limit=500",
            headers: [("X-Api-Key", "LEAKHEADERKEY"), ("Cookie", "session_secret=LEAKCOOKIE")])
        #expect(
            ExchangeTestKit.locations(result)
                == ["/request/cookie/session_secret", "/request/header/x-api-key", "/request/query/limit", "/request/query/token"])
        #expect(!result.allText.contains("LEAK"), "\(result.allText)")
        #expect(result.error(at: "/request/query/token")?.keyword == "maxLength")
        #expect(result.error(at: "/request/query/token")?.message.contains("not shown") == true)
        // An ordinary parameter keeps its value in the message.
        #expect(result.error(at: "/request/query/limit")?.message.contains("500") == true)
    }

    @Test("the seed contract: POST /videos needs its bearer API key")
    func seedContract() throws {
        let contract = try ContractTestKit.seed()
        let body = ExchangeTestKit.bytes(ContractTestKit.minimalRequest)
        let json = ("Content-Type", "application/json")
        let ok = try contract.validateRequest(
            method: "POST", url: "https://openrouter.ai/api/v1/videos",
            headers: [json, ("Authorization", "Bearer sk-or-v1-\(Self.secret)")], body: body)
        #expect(ok.isValid, "\(ok)")
        #expect(ok.operation?.operationId == "createVideos")
        let anonymous = try contract.validateRequest(
            method: "POST", url: "https://openrouter.ai/api/v1/videos", headers: [json], body: body)
        #expect(ExchangeTestKit.locations(anonymous) == ["/request/security"])
        #expect(anonymous.errors[0].message.contains("apiKey (HTTP Bearer credentials in the Authorization header)"))
    }
}
