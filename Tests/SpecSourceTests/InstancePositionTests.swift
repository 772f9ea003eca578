import Testing

@testable import SpecSource

/// `InstancePosition.location(of:in:)` walks an RFC 6901 pointer over a located tree.
@Suite("InstancePosition") struct InstancePositionTests {
    static let file = SourceFileID.intern("instance.json")
    static let text = """
        {"a/b": {"m~n": [10, {"": true}]},
         "list": [1, 2],
         "~01": "tilde-zero-one"}
        """

    static func at(_ line: UInt32, _ column: UInt32) -> SpecSource.SourceLocation {
        SpecSource.SourceLocation(file: file, line: line, column: column)
    }

    static let resolving: [(String, SpecSource.SourceLocation)] = [
        ("", at(1, 1)),
        ("/a~1b", at(1, 9)),
        ("/a~1b/m~0n", at(1, 17)),
        ("/a~1b/m~0n/0", at(1, 18)),
        ("/a~1b/m~0n/1/", at(1, 27)),
        ("/list/1", at(2, 14)),
        // `~01` is `~1` (RFC 6901 §4: `~1` is replaced first, then `~0`), not `/`.
        ("/~001", at(3, 9)),
        // Beyond the tree: the deepest value on the way.
        ("/a~1b/missing/x", at(1, 9)),
        ("/list/7", at(2, 10)),
        ("/list/01", at(2, 10)),
        ("/list/1/deeper", at(2, 14)),
    ]

    @Test(arguments: resolving)
    func pointersResolveToTheirValue(pointer: String, expected: SpecSource.SourceLocation) throws {
        let root = try SourceLoader.parse(Self.text, format: .json, file: Self.file)
        #expect(InstancePosition.location(of: pointer, in: root) == expected, "\(pointer)")
    }

    @Test(arguments: ["a", "/a~2b", "/list/~", "/~"])
    func malformedPointersHaveNoPosition(pointer: String) throws {
        let root = try SourceLoader.parse(Self.text, format: .json, file: Self.file)
        #expect(InstancePosition.location(of: pointer, in: root) == nil, "\(pointer)")
    }

    /// A `propertyNames` error is about the name: its position is the name's, the last token's
    /// member key; a pointer that does not end at a member keeps the value's position.
    @Test func memberNamesResolveToTheNameWhenAsked() throws {
        let root = try SourceLoader.parse(Self.text, format: .json, file: Self.file)
        #expect(InstancePosition.location(of: "/a~1b/m~0n", in: root, memberName: true) == Self.at(1, 10))
        #expect(InstancePosition.location(of: "/~001", in: root, memberName: true) == Self.at(3, 2))
        #expect(InstancePosition.location(of: "/list/1", in: root, memberName: true) == Self.at(2, 14))
        #expect(InstancePosition.location(of: "/a~1b/missing", in: root, memberName: true) == Self.at(1, 9))
    }

    @Test func aTreeWithoutAFileHasNoPosition() throws {
        let root = try SourceLoader.parse(Self.text, format: .json)
        #expect(InstancePosition.location(of: "/list/0", in: root) == nil)
    }

    /// The walk over the pointer's bytes agrees with parsing the pointer into tokens and walking
    /// them (RFC 6901 §4), on pointers built from escaped, unescaped and malformed pieces.
    @Test func theWalkAgreesWithWalkingParsedTokens() throws {
        let root = try SourceLoader.parse(Self.text, format: .json, file: Self.file)
        func reference(_ pointer: String) -> SpecSource.SourceLocation? {
            guard let parsed = try? JSONPointer(parsing: pointer) else { return nil }
            var current = root
            for token in parsed.tokens {
                if case .object(let object) = current.kind, let next = object[token] {
                    current = next
                } else if case .array(let items) = current.kind, let i = JSONPointer.arrayIndex(token), i < items.count {
                    current = items[i]
                } else {
                    break
                }
            }
            return current.location
        }
        let pieces = ["a~1b", "a/b", "m~0n", "m~n", "list", "0", "1", "01", "", "~", "~0", "~1", "~2", "~01", "x"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            let count = Int.random(in: 0...4, using: &generator)
            let pointer = (0..<count).map { _ in "/" + pieces.randomElement(using: &generator)! }.joined()
            #expect(InstancePosition.location(of: pointer, in: root) == reference(pointer), "\(pointer)")
        }
    }
}
