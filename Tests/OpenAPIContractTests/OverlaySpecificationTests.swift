import Foundation
import OpenAPIContract
import SpecSource
import Testing

/// Test material shipped in this target's resources.
enum OverlayResources {
    /// `Resources/` as copied into the test bundle.
    static var root: URL {
        if let url = Bundle.module.url(forResource: "Resources", withExtension: nil) { return url }
        return Bundle.module.resourceURL!.appendingPathComponent("Resources")
    }

    static var specification: URL { root.appendingPathComponent("overlay-specification") }
    static var vendor: URL { root.appendingPathComponent("vendor-overlays") }

    /// The names of the entries of `directory` (files or folders), sorted; `.yaml` files only when `yamlOnly`.
    static func entries(_ directory: URL, yamlOnly: Bool = false) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { !$0.hasPrefix(".") && (!yamlOnly || $0.hasSuffix(".yaml")) }.sorted()
    }

    static func compliantSets() -> [String] {
        entries(specification.appendingPathComponent("compliant-sets")).filter { !$0.hasSuffix(".md") }
    }

    static func documents(_ version: String, _ outcome: String) -> [String] {
        entries(specification.appendingPathComponent("tests/\(version)/\(outcome)"), yamlOnly: true)
    }
}

@Suite("Overlay specification: compliant sets and schema tests")
struct OverlaySpecificationTests {
    @Test func resourcesArePresent() {
        #expect(OverlayResources.compliantSets().count == 8)
        #expect(OverlayResources.documents("v1.0", "pass").count == 12)
        #expect(OverlayResources.documents("v1.0", "fail").count == 20)
        #expect(OverlayResources.documents("v1.1", "pass").count == 13)
        #expect(OverlayResources.documents("v1.1", "fail").count == 22)
        #expect(FileManager.default.fileExists(atPath: OverlayResources.specification.appendingPathComponent("LICENSE").path))
    }

    @Test(arguments: OverlayResources.compliantSets())
    func compliantSet(_ name: String) throws {
        let dir = OverlayResources.specification.appendingPathComponent("compliant-sets/\(name)")
        let document = try SourceLoader.load(contentsOf: dir.appendingPathComponent("openapi.yaml").path)
        let overlay = try Overlay.load(contentsOf: dir.appendingPathComponent("overlay.yaml").path)
        let expected = try SourceLoader.load(contentsOf: dir.appendingPathComponent("output.yaml").path)
        let (result, warnings) = try overlay.apply(to: document)
        #expect(result == expected, "\(name): got\n\(JSONWriter.string(from: result, pretty: true))")
        // Every action of a compliant set selects something and every target is RFC 9535 JSONPath.
        #expect(warnings.isEmpty, "\(warnings)")
        // The overlay changed something (or the comparison proves nothing).
        #expect(result != document)
    }

    @Test(arguments: ["v1.0", "v1.1"].flatMap { v in OverlayResources.documents(v, "pass").map { "\(v)/pass/\($0)" } })
    func passDocumentIsAccepted(_ relative: String) throws {
        let path = OverlayResources.specification.appendingPathComponent("tests/\(relative)").path
        let value = try SourceLoader.load(contentsOf: path)
        let overlay = try Overlay(document: value)
        #expect(overlay.version == value["overlay"]?.stringValue)
        #expect(overlay.actions.count == value["actions"]?.arrayValue?.count)
        #expect(overlay.title == value["info"]?["title"]?.stringValue)
        for action in overlay.actions {
            #expect(action.location.isKnown && action.location.file.path == path)
        }
        // Only the traits example writes a dashed member name in dot notation (read leniently).
        #expect(overlay.notes.isEmpty == !relative.hasSuffix("actions-traits-example.yaml"), "\(overlay.notes)")
    }

    /// Where each fail document's error must point (1-based line), by file name.
    static let failLines: [String: UInt32] = [
        "action-copy-invalid-type.yaml": 7, "action-remove-invalid-type.yaml": 7, "action-target-invalid-type.yaml": 6,
        "actions-invalid-description.yaml": 7, "actions-invalid-target.yaml": 6, "actions-invalid-type.yaml": 5,
        "actions-item-invalid-type.yaml": 6, "actions-minimal.yaml": 5, "actions-missing-target.yaml": 6,
        "actions-missing.yaml": 1, "actions-not-unique.yaml": 6, "extends-invalid-type.yaml": 5,
        "info-description-invalid-type.yaml": 5, "info-invalid-type.yaml": 2, "info-missing-title.yaml": 3,
        "info-missing-version.yaml": 3, "info-title-invalid-type.yaml": 3, "info-version-invalid-type.yaml": 4,
        "invalid-overlay-version.yaml": 1, "not-an-object.yaml": 1, "overlay-invalid-pattern.yaml": 1,
        "root-invalid-property.yaml": 7, "info-invalid-property.yaml": 5,
    ]

    @Test(arguments: ["v1.0", "v1.1"].flatMap { v in OverlayResources.documents(v, "fail").map { "\(v)/fail/\($0)" } })
    func failDocumentIsRejectedWithALocation(_ relative: String) throws {
        let path = OverlayResources.specification.appendingPathComponent("tests/\(relative)").path
        let value = try SourceLoader.load(contentsOf: path)
        do {
            let overlay = try Overlay(document: value)
            Issue.record("\(relative) was accepted with \(overlay.actions.count) actions")
        } catch {
            #expect(error.code.hasPrefix("overlay."), "\(error)")
            #expect(error.location.file.path == path)
            #expect(error.location.line > 0, "\(error)")
            let name = (relative as NSString).lastPathComponent
            let line = try #require(Self.failLines[name], "no expected line for \(name)")
            #expect(error.location.line == line, "\(error)")
        }
    }

    /// Overlay 1.2 is not released; its pass documents are refused with a clear, located error.
    /// Their content is 1.1-compatible (the 1.2-dev schema differs only in the version pattern), so
    /// rewritten to `overlay: 1.1.0` every pass document is accepted and every fail document is
    /// still rejected.
    @Test(arguments: OverlayResources.documents("v1.2-dev", "pass"))
    func v12DevPassDocument(_ name: String) throws {
        let url = OverlayResources.specification.appendingPathComponent("tests/v1.2-dev/pass/\(name)")
        let value = try SourceLoader.load(contentsOf: url.path)
        do {
            _ = try Overlay(document: value)
            Issue.record("\(name): overlay 1.2.0 accepted")
        } catch {
            #expect(error.code == "overlay.unsupported-version")
            #expect(error.location.line == 1 && error.location.column == 10, "\(error)")
        }
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text.hasPrefix("overlay: 1.2.0\n"))
        let as11 = "overlay: 1.1.0\n" + text.dropFirst("overlay: 1.2.0\n".count)
        let overlay = try Overlay(document: SourceLoader.parse(as11, format: .yaml))
        #expect(overlay.version == "1.1.0" && !overlay.actions.isEmpty)
    }

    @Test(arguments: OverlayResources.documents("v1.2-dev", "fail"))
    func v12DevFailDocument(_ name: String) throws {
        let url = OverlayResources.specification.appendingPathComponent("tests/v1.2-dev/fail/\(name)")
        let text = try String(contentsOf: url, encoding: .utf8)
        for variant in [text, text.replacingOccurrences(of: "overlay: 1.2.0\n", with: "overlay: 1.1.0\n")] {
            let value = try SourceLoader.parse(variant, format: .yaml, file: SourceFileID.intern(url.path))
            #expect(throws: SourceError.self, "\(name) accepted:\n\(variant)") { _ = try Overlay(document: value) }
        }
        // Line numbers hold for the rewritten form too.
        let rewritten = try SourceLoader.parse(text.replacingOccurrences(of: "overlay: 1.2.0\n", with: "overlay: 1.1.0\n"), format: .yaml)
        do {
            _ = try Overlay(document: rewritten)
        } catch {
            #expect(error.location.line == Self.failLines[name], "\(error)")
        }
    }

    /// The examples of the pass documents, applied to a document they were written for.
    @Test func passExamplesApply() throws {
        let doc = try SourceLoader.parse(
            """
            openapi: 3.1.0
            info: {title: t, version: '1'}
            paths:
              /foo:
                get:
                  x-oai-traits: {paged: true}
                  parameters:
                    - {name: filter, in: query}
                    - {name: dummy, in: header}
                  responses: {'200': {description: ok}}
              /bar:
                get: {description: plain, responses: {'200': {description: ok}}}
            """, format: .yaml)
        func apply(_ relative: String) throws -> (JSONValue, [Overlay.Warning]) {
            let overlay = try Overlay.load(contentsOf: OverlayResources.specification.appendingPathComponent("tests/\(relative)").path)
            return try overlay.apply(to: doc)
        }
        // `$.paths.*.get[?@.x-oai-traits.paged]` filters the *children* of each `get` (RFC 9535
        // §2.3.5), and no child of a `get` has an `x-oai-traits` member: it selects nothing, so the
        // result is unchanged and reported, after the note about the dashed name.
        let (traits, traitWarnings) = try apply("v1.1/pass/actions-traits-example.yaml")
        #expect(traits == doc)
        #expect(traitWarnings.count == 2)
        #expect(traitWarnings.first?.message.contains("['x-oai-traits']") == true)
        #expect(traitWarnings.last?.message.contains("selects nothing") == true)
        // Written so that it filters path items, the trait applies to /foo only.
        let fixed = try Overlay(
            document: SourceLoader.parse(
                """
                overlay: 1.1.0
                info: {title: traits, version: '1'}
                actions:
                  - target: $.paths[?@.get['x-oai-traits'].paged].get.parameters
                    update: {name: top, in: query}
                """, format: .yaml)
        ).apply(to: doc)
        #expect(fixed.1.isEmpty)
        #expect(
            fixed.0["paths"]?["/foo"]?["get"]?["parameters"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == [
                "filter", "dummy", "top",
            ])
        #expect(fixed.0["paths"]?["/bar"]?["get"]?["parameters"] == nil)

        let wildcard = try apply("v1.1/pass/actions-wildcard-overlay-example.yaml").0
        #expect(wildcard["paths"]?["/foo"]?["get"]?["x-safe"] == .bool(true))
        #expect(wildcard["paths"]?["/bar"]?["get"]?["x-safe"] == .bool(true))
        #expect(
            wildcard["paths"]?["/foo"]?["get"]?["parameters"]?[0]?["schema"]?["$ref"]?.stringValue == "#/components/schemas/filterSchema")
        #expect(wildcard["paths"]?["/foo"]?["get"]?["parameters"]?[1]?["schema"] == nil)

        let copied = try apply("v1.1/pass/copy-path-item-example.yaml").0
        #expect(copied["paths"]?["/bar"]?["get"]?["x-oai-traits"] == .object(["paged": .bool(true)]))
        #expect(copied["paths"]?["/bar"]?["get"]?["description"]?.stringValue == "plain")
        #expect(copied["paths"]?["/foo"] == doc["paths"]?["/foo"])
    }
}

extension JSONValue {
    /// The element at `index` of an array.
    subscript(index: Int) -> JSONValue? {
        guard let a = arrayValue, a.indices.contains(index) else { return nil }
        return a[index]
    }
}
