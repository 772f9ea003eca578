import Foundation
import OpenAPIContract
import SchemaValidation
import SpecSource
import Testing

/// Realistic vendor-style overlays (Resources/vendor-overlays), each compared with an expected
/// output written by hand from the Overlay specification's rules.
@Suite("Overlay: vendor-style overlays")
struct OverlayVendorTests {
    static let cases = [
        "nullable-date-times", "nullable-type-arrays", "json-only", "open-string-enums", "tenant-header", "boolean-query-flags",
    ]

    static var base: String { OverlayResources.vendor.appendingPathComponent("openapi.yaml").path }

    static func path(_ name: String, _ file: String) -> String {
        OverlayResources.vendor.appendingPathComponent("\(name)/\(file)").path
    }

    /// The base document after the case's overlay.
    static func applied(_ name: String) throws -> (JSONValue, [Overlay.Warning]) {
        let document = try SourceLoader.load(contentsOf: base)
        return try Overlay.load(contentsOf: path(name, "overlay.yaml")).apply(to: document)
    }

    @Test func everyCaseHasItsFiles() {
        #expect(OverlayResources.entries(OverlayResources.vendor).filter { !$0.contains(".") }.sorted() == Self.cases.sorted())
    }

    @Test(arguments: cases)
    func overlayProducesTheExpectedDocument(_ name: String) throws {
        let (result, warnings) = try Self.applied(name)
        let expected = try SourceLoader.load(contentsOf: Self.path(name, "output.yaml"))
        #expect(result == expected, "\(name): got\n\(YAMLWriter.string(from: result))")
        #expect(warnings.isEmpty, "\(warnings)")
        #expect(result != (try SourceLoader.load(contentsOf: Self.base)))
        // The result is still a contract spec-check can compile.
        _ = try OpenAPIDocument(document: result)
    }

    @Test func nullableDateTimesAcceptNull() throws {
        let contract = try OpenAPIDocument(document: Self.applied("nullable-date-times").0)
        let order = try ContractTestKit.json(#"{"id":"o1","status":"pending","created_at":null,"shipped_at":null,"delivery_date":null}"#)
        #expect(try contract.validateRequest(order, for: "createOrder").isValid)
        let plain = try OpenAPIDocument(document: SourceLoader.load(contentsOf: Self.base))
        #expect(
            try plain.validateRequest(order, for: "createOrder").failingInstanceLocations == [
                "/created_at", "/delivery_date", "/shipped_at",
            ])
        // Only strings with format date-time were selected: `id` is still not nullable.
        let nullID = try ContractTestKit.json(#"{"id":null,"status":"pending"}"#)
        #expect(try contract.validateRequest(nullID, for: "createOrder").failingInstanceLocations == ["/id"])
    }

    @Test func typeArraysAcceptNullUnder31() throws {
        let (result, _) = try Self.applied("nullable-type-arrays")
        let contract = try OpenAPIDocument(document: result)
        #expect(contract.version == "3.1.0")
        let order = try ContractTestKit.json(#"{"id":"o1","status":"pending","created_at":null,"shipped_at":"2024-01-01T00:00:00Z"}"#)
        #expect(try contract.validateRequest(order, for: "createOrder").isValid)
        let wrong = try ContractTestKit.json(#"{"id":"o1","status":"pending","created_at":5}"#)
        #expect(try contract.validateRequest(wrong, for: "createOrder").failingInstanceLocations == ["/created_at"])
        // The new `type` was appended after `format` (the old one was removed first).
        #expect(result["components"]?["schemas"]?["Order"]?["properties"]?["created_at"]?.objectValue?.keys == ["format", "type"])
    }

    @Test func jsonOnlyDropsXMLEverywhere() throws {
        let (result, _) = try Self.applied("json-only")
        let yaml = YAMLWriter.string(from: result)
        #expect(!yaml.contains("application/xml"))
        let contract = try OpenAPIDocument(document: result)
        let body = try ContractTestKit.json(#"{"id":"o","status":"pending"}"#)
        #expect(try contract.validateRequest(body, for: "createOrder", contentType: "application/xml").errors.map(\.keyword) == ["content"])
        #expect(try contract.validateRequest(body, for: "createOrder").isValid)
        // The emptied default response lost its content map, the others kept theirs.
        #expect(result["paths"]?["/orders"]?["get"]?["responses"]?["default"] == .object(["description": .string("Error")]))
        #expect(result["paths"]?["/orders"]?["get"]?["responses"]?["200"]?["content"]?.objectValue?.keys == ["application/json"])
    }

    @Test func openEnumsAcceptUnknownValuesButIntegerEnumsStayClosed() throws {
        let contract = try OpenAPIDocument(document: Self.applied("open-string-enums").0)
        let order = try ContractTestKit.json(#"{"id":"o1","status":"returned","channel":"phone","items":[{"unit":"litre"}]}"#)
        #expect(try contract.validateRequest(order, for: "createOrder").isValid)
        let priority = try ContractTestKit.json(#"{"id":"o1","status":"pending","priority":9}"#)
        #expect(try contract.validateRequest(priority, for: "createOrder").errors.map(\.keyword) == ["enum"])
    }

    @Test func tenantHeaderIsAppendedToEveryOperation() throws {
        let (result, _) = try Self.applied("tenant-header")
        let operations = [("/orders", "get"), ("/orders", "post"), ("/orders/{id}", "get"), ("/orders/{id}", "delete")]
        for (path, method) in operations {
            let names = OverlayKit.names(result["paths"]?[path]?[method]?["parameters"])
            #expect(names?.last == "X-Tenant", "\(method) \(path): \(String(describing: names))")
            #expect(names?.filter { $0 == "X-Tenant" }.count == 1)
        }
        #expect(
            OverlayKit.names(result["paths"]?["/orders"]?["get"]?["parameters"]) == [
                "limit", "include_archived", "X-Request-Id", "X-Tenant",
            ])
        // The path-level parameter list is not an operation and is left alone.
        #expect(OverlayKit.names(result["paths"]?["/orders/{id}"]?["parameters"]) == ["id"])
        let contract = try OpenAPIDocument(document: result)
        #expect(contract.operations.count == 4)
    }

    @Test func booleanQueryFlagsIncludeReusableParameters() throws {
        let (result, _) = try Self.applied("boolean-query-flags")
        // `$..parameters[...]` also reaches components.parameters (an object whose members are filtered).
        #expect(result["components"]?["parameters"]?["Verbose"]?["schema"]?["default"] == .bool(false))
        #expect(result["paths"]?["/orders/{id}"]?["get"]?["parameters"]?[0]?["schema"]?["default"] == .bool(false), "primitive replaced")
        #expect(result["paths"]?["/orders"]?["get"]?["parameters"]?[0]?["description"] == nil, "integer parameter untouched")
        #expect(result["paths"]?["/orders"]?["get"]?["parameters"]?[2]?["description"] == nil, "header parameter untouched")
    }

    /// The overlays compose: applied one after the other, each sees the previous result.
    @Test func overlaysCompose() throws {
        var document = try SourceLoader.load(contentsOf: Self.base)
        for name in ["open-string-enums", "json-only", "tenant-header"] {
            let (next, warnings) = try Overlay.load(contentsOf: Self.path(name, "overlay.yaml")).apply(to: document)
            #expect(warnings.isEmpty)
            document = next
        }
        let contract = try OpenAPIDocument.load(
            contentsOf: Self.base, overlays: ["open-string-enums", "json-only", "tenant-header"].map { Self.path($0, "overlay.yaml") })
        #expect(contract.root == document)
        #expect(contract.overlayWarnings.isEmpty)
        #expect(document["components"]?["schemas"]?["Order"]?["properties"]?["status"]?["x-enum-open"] == .bool(true))
        #expect(OverlayKit.names(document["paths"]?["/orders"]?["post"]?["parameters"]) == ["X-Tenant"])
    }
}
