import Testing

@testable import SchemaValidation

@Suite("URIReference")
struct URIReferenceTests {
    /// RFC 3986 §5.2.4 and the examples of §5.4 that exercise dot segments; paths whose dots are
    /// not whole segments come back unchanged (the fast path).
    @Test(arguments: [
        ("/a/b/c/./../../g", "/a/g"), ("mid/content=5/../6", "mid/6"), ("/a/./b", "/a/b"), ("/a/../b", "/b"),
        ("/a/b/..", "/a/"), ("/a/b/.", "/a/b/"), (".", ""), ("..", ""), ("./a", "a"), ("../a", "a"),
        ("/pets.yaml", "/pets.yaml"), ("/a/.../b", "/a/.../b"), ("/a/.b/c", "/a/.b/c"), ("/a/b./c", "/a/b./c"),
        ("/a/..b/c", "/a/..b/c"), ("a//b", "a//b"), ("/", "/"), ("", ""), ("/api/v2/../../spec.yaml", "/spec.yaml"),
        ("/a/b/../../..", "/"), ("a/..", ""), ("/é/../ü/./x.yaml", "/ü/x.yaml"), ("a/./b/", "a/b/"), ("/a/b/c/..", "/a/b/"),
    ])
    func removeDotSegments(_ path: String, _ expected: String) {
        #expect(URIReference.removeDotSegments(path) == expected)
        let dotSegment = path.split(separator: "/", omittingEmptySubsequences: false).contains { $0 == "." || $0 == ".." }
        #expect(URIReference.hasDotSegment(path) == dotSegment)
    }

    /// RFC 3986 appendix B, scanned as bytes: each component, with non-ASCII text kept whole and a
    /// scheme only where §3.1 allows one (ASCII letter first).
    @Test(
        arguments: [
            ("https://example.com/a/b?x=1#/c", "https", "example.com", "/a/b", "x=1", "/c"),
            ("file:///specs/pets.yaml", "file", "", "/specs/pets.yaml", nil, nil),
            ("urn:uuid:1234#frag", "urn", nil, "uuid:1234", nil, "frag"),
            ("#/components/schemas/Pét", nil, nil, "", nil, "/components/schemas/Pét"),
            ("../shared/café.yaml#/Error", nil, nil, "../shared/café.yaml", nil, "/Error"),
            ("?only=query", nil, nil, "", "only=query", nil),
            ("//host", nil, "host", "", nil, nil),
            ("é:not-a-scheme", nil, nil, "é:not-a-scheme", nil, nil),
            ("1a:not-a-scheme", nil, nil, "1a:not-a-scheme", nil, nil),
            ("a+b.c-d:rest", "a+b.c-d", nil, "rest", nil, nil),
            ("x#a#b?c", nil, nil, "x", nil, "a#b?c"),
        ] as [(String, String?, String?, String, String?, String?)])
    func componentsAreSplit(
        _ text: String, _ scheme: String?, _ authority: String?, _ path: String, _ query: String?, _ fragment: String?
    ) {
        let uri = URIReference(text)
        #expect(uri.scheme == scheme, "\(text)")
        #expect(uri.authority == authority, "\(text)")
        #expect(uri.path == path, "\(text)")
        #expect(uri.query == query, "\(text)")
        #expect(uri.fragment == fragment, "\(text)")
        #expect(uri.description == text, "\(text)")
    }

    @Test func resolvingRelativeFileReferences() {
        let base = URIReference("file:///specs/api/resources/pets.yaml")
        #expect(base.resolving("../shared/error.yaml#/Error").description == "file:///specs/api/shared/error.yaml#/Error")
        #expect(base.resolving("./responses/list.yaml").description == "file:///specs/api/resources/responses/list.yaml")
        #expect(base.resolving("models.v2.yaml").description == "file:///specs/api/resources/models.v2.yaml")
        #expect(base.resolving("#/components/x").description == "file:///specs/api/resources/pets.yaml#/components/x")
    }
}
