import Foundation
import JSONPath
import SpecSource
import Testing

/// One case of the JSONPath Compliance Test Suite (`Resources/cts.json`).
struct ComplianceCase: Sendable, CustomTestStringConvertible {
    /// The case's name, e.g. `basic, root`.
    var name: String
    /// The JSONPath expression.
    var selector: String
    /// The document to query (absent for invalid selectors).
    var document: JSONValue?
    /// Whether the selector must be rejected.
    var invalidSelector: Bool
    /// The acceptable result node lists (one, or several where the order is not determined).
    var results: [[JSONValue]]
    /// The normalized paths matching ``results``, element for element.
    var resultPaths: [[String]]

    var testDescription: String { name }
}

/// The cases of `cts.json`, loaded once with our own JSON reader.
enum ComplianceSuite {
    /// Location of the copied suite: the test bundle's resource, else the source tree's copy.
    static let url: URL = {
        if let url = Bundle.module.url(forResource: "Resources/cts", withExtension: "json") {
            return url
        }
        if let dir = Bundle.module.resourceURL?.appendingPathComponent("Resources/cts.json"),
            FileManager.default.fileExists(atPath: dir.path)
        {
            return dir
        }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Resources/cts.json")
    }()

    /// All cases, in file order; a loading failure yields one failing pseudo-case.
    static let cases: [ComplianceCase] = {
        do {
            let root = try SourceLoader.load(contentsOf: url.path, format: .json)
            guard let tests = root["tests"]?.arrayValue else {
                return [failure("cts.json has no \"tests\" array")]
            }
            return tests.map(parse)
        } catch {
            return [failure("cannot load \(url.path): \(error)")]
        }
    }()

    private static func failure(_ message: String) -> ComplianceCase {
        ComplianceCase(name: "LOAD FAILURE: \(message)", selector: "", document: nil, invalidSelector: false, results: [], resultPaths: [])
    }

    private static func parse(_ test: JSONValue) -> ComplianceCase {
        let name = test["name"]?.stringValue ?? "<unnamed>"
        let selector = test["selector"]?.stringValue ?? ""
        var results: [[JSONValue]] = []
        var paths: [[String]] = []
        if let result = test["result"]?.arrayValue {
            results = [result]
        } else if let many = test["results"]?.arrayValue {
            results = many.map { $0.arrayValue ?? [] }
        }
        if let p = test["result_paths"]?.arrayValue {
            paths = [p.map { $0.stringValue ?? "" }]
        } else if let many = test["results_paths"]?.arrayValue {
            paths = many.map { ($0.arrayValue ?? []).map { $0.stringValue ?? "" } }
        }
        return ComplianceCase(
            name: name,
            selector: selector,
            document: test["document"],
            invalidSelector: test["invalid_selector"]?.boolValue ?? false,
            results: results,
            resultPaths: paths
        )
    }
}

@Suite("JSONPath Compliance Test Suite")
struct ComplianceTests {
    @Test("suite is loaded")
    func suiteLoaded() {
        #expect(ComplianceSuite.cases.count == 703)
        #expect(!ComplianceSuite.cases.contains { $0.name.hasPrefix("LOAD FAILURE") })
    }

    @Test("CTS case", arguments: ComplianceSuite.cases)
    func complianceCase(_ testCase: ComplianceCase) throws {
        #expect(!testCase.name.hasPrefix("LOAD FAILURE"), "\(testCase.name)")
        if testCase.invalidSelector {
            #expect(throws: JSONPathError.self, "\(testCase.selector) must be rejected") {
                try JSONPath(testCase.selector)
            }
            return
        }
        let path: JSONPath
        do {
            path = try JSONPath(testCase.selector)
        } catch {
            Issue.record("\(testCase.selector) was rejected: \(error)")
            return
        }
        let document = try #require(testCase.document)
        let matches = path.select(in: document)
        let values = matches.map(\.value)
        let paths = matches.map(\.normalizedPath)
        let index = testCase.results.firstIndex { $0 == values }
        #expect(index != nil, "\(testCase.selector): got \(values), expected one of \(testCase.results)")
        if let index, index < testCase.resultPaths.count {
            #expect(paths == testCase.resultPaths[index], "\(testCase.selector): paths")
        } else if !testCase.resultPaths.isEmpty {
            #expect(testCase.resultPaths.contains(paths), "\(testCase.selector): got paths \(paths)")
        }
        #expect(path.values(in: document) == values, "values(in:) agrees with select(in:)")
    }
}
