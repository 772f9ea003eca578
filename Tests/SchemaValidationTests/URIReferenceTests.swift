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
    ])
    func removeDotSegments(_ path: String, _ expected: String) {
        #expect(URIReference.removeDotSegments(path) == expected)
        let dotSegment = path.split(separator: "/", omittingEmptySubsequences: false).contains { $0 == "." || $0 == ".." }
        #expect(URIReference.hasDotSegment(path) == dotSegment)
    }

    @Test func resolvingRelativeFileReferences() {
        let base = URIReference("file:///specs/api/resources/pets.yaml")
        #expect(base.resolving("../shared/error.yaml#/Error").description == "file:///specs/api/shared/error.yaml#/Error")
        #expect(base.resolving("./responses/list.yaml").description == "file:///specs/api/resources/responses/list.yaml")
        #expect(base.resolving("models.v2.yaml").description == "file:///specs/api/resources/models.v2.yaml")
        #expect(base.resolving("#/components/x").description == "file:///specs/api/resources/pets.yaml#/components/x")
    }
}
