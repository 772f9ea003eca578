import Foundation
import OpenAPIContract
import SpecSource
import Testing

/// Inline overlays and documents, each named like a file so that locations can be checked.
enum OverlayKit {
    static func yaml(_ text: String, file: String = "doc.yaml") throws -> JSONValue {
        try SourceLoader.parse(text, format: .yaml, file: SourceFileID.intern(file))
    }

    static func overlay(_ text: String, file: String = "inline.overlay.yaml") throws -> Overlay {
        try Overlay(document: yaml(text, file: file))
    }

    /// The error `Overlay(document:)` or `apply(to:)` throws; records an issue when nothing is thrown.
    static func error(
        _ text: String, applyingTo document: JSONValue = .object([:]), file: String = "bad.overlay.yaml",
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) -> SourceError? {
        do {
            let (result, _) = try overlay(text, file: file).apply(to: document)
            Issue.record("expected an error, got \(result)", sourceLocation: sourceLocation)
            return nil
        } catch let error as SourceError {
            return error
        } catch {
            Issue.record("unexpected error type \(error)", sourceLocation: sourceLocation)
            return nil
        }
    }

    static func names(_ value: JSONValue?) -> [String]? {
        value?.arrayValue?.map { $0["name"]?.stringValue ?? $0.stringValue ?? "?" }
    }
}

@Suite("Overlay semantics")
struct OverlaySemanticsTests {
    static let header = "overlay: 1.1.0\ninfo: {title: t, version: '1'}\nactions:\n"

    @Test func actionsApplyInOrderEachOnThePreviousResult() throws {
        let doc = try OverlayKit.yaml("paths:\n  /old: {get: {summary: old}}\n")
        let overlay = try OverlayKit.overlay(
            Self.header + """
                  - target: $.paths
                    update: {/new: {get: {summary: created}}}
                  - target: $.paths['/new'].get
                    update: {operationId: made-by-action-2}
                  - target: $.paths['/old']
                    remove: true
                  - target: $.paths['/old'].get
                    description: runs after the removal
                    update: {summary: never}
                  - target: $.paths
                    update: {/old: {}}
                """)
        let (result, warnings) = try overlay.apply(to: doc)
        let expected = try OverlayKit.yaml("paths:\n  /new: {get: {summary: created, operationId: made-by-action-2}}\n  /old: {}\n")
        #expect(result == expected)
        #expect(result["paths"]?.objectValue?.keys == ["/new", "/old"], "a removed then re-added member goes last")
        #expect(warnings.count == 1)
        let warning = try #require(warnings.first)
        #expect(warning.message == #"action 4 ("runs after the removal") selects nothing"#)
        #expect(warning.location.file.path == "inline.overlay.yaml")
        #expect(warning.location.line == 10 && warning.location.column == 5)
        #expect(warning.description == #"inline.overlay.yaml:10:5: warning: action 4 ("runs after the removal") selects nothing"#)
    }

    @Test func updateMergesObjectsRecursivelyAndConcatenatesArrays() throws {
        let doc = try OverlayKit.yaml(
            """
            a:
              keep: 1
              replace: old
              nested: {x: 1, deeper: {y: 2}}
              list: [1, 2]
              last: z
            """)
        let overlay = try OverlayKit.overlay(
            Self.header + """
                  - target: $.a
                    update:
                      replace: new
                      nested: {deeper: {z: 3}, w: 4}
                      list: [3]
                      added: {k: v}
                """)
        let (result, warnings) = try overlay.apply(to: doc)
        #expect(warnings.isEmpty)
        let expected = try OverlayKit.yaml(
            """
            a:
              keep: 1
              replace: new
              nested: {x: 1, deeper: {y: 2, z: 3}, w: 4}
              list: [1, 2, 3]
              last: z
              added: {k: v}
            """)
        #expect(result == expected)
        // Existing members keep their place; new ones are appended.
        #expect(result["a"]?.objectValue?.keys == ["keep", "replace", "nested", "list", "last", "added"])
        #expect(result["a"]?["nested"]?.objectValue?.keys == ["x", "deeper", "w"])
        #expect(result["a"]?["nested"]?["deeper"]?.objectValue?.keys == ["y", "z"])
    }

    @Test func updateOnAnArrayAppendsTheEntryToEverySelectedArray() throws {
        let doc = try OverlayKit.yaml(
            """
            paths:
              /a: {get: {parameters: [{name: p1}]}, post: {parameters: []}}
              /b: {get: {parameters: [{name: p2}, {name: p3}]}}
            """)
        let overlay = try OverlayKit.overlay(
            Self.header + """
                  - target: $.paths.*.*.parameters
                    update: {name: X-Trace, in: header}
                """)
        let (result, _) = try overlay.apply(to: doc)
        #expect(OverlayKit.names(result["paths"]?["/a"]?["get"]?["parameters"]) == ["p1", "X-Trace"])
        #expect(OverlayKit.names(result["paths"]?["/a"]?["post"]?["parameters"]) == ["X-Trace"])
        #expect(OverlayKit.names(result["paths"]?["/b"]?["get"]?["parameters"]) == ["p2", "p3", "X-Trace"])
    }

    @Test func removeDeletesEverySelectedNodeKeepingTheOthersInOrder() throws {
        let doc = try OverlayKit.yaml(
            """
            servers: [{url: a, x-dev: true}, {url: b}, {url: c, x-dev: true}, {url: d}, {url: e, x-dev: true}]
            tags: [{name: t1}, {name: t2}]
            components: {schemas: {A: {properties: {s: {type: string}, n: {type: integer}, o: {type: object, properties: {s2: {type: string}}}}}}}
            """)
        let overlay = try OverlayKit.overlay(
            Self.header + """
                  - target: $.servers[?@['x-dev']]
                    remove: true
                  - target: $..properties[?@.type == 'string']
                    remove: true
                  - target: $.tags[0]
                    remove: true
                    update: {name: ignored}
                """)
        let (result, warnings) = try overlay.apply(to: doc)
        #expect(warnings.isEmpty)
        #expect(result["servers"]?.arrayValue?.compactMap { $0["url"]?.stringValue } == ["b", "d"])
        #expect(result["tags"] == .array([.object(["name": .string("t2")])]), "remove wins over update in the same action")
        let props = result["components"]?["schemas"]?["A"]?["properties"]
        #expect(props?.objectValue?.keys == ["n", "o"])
        #expect(props?["o"]?["properties"] == .object([:]))
    }

    @Test func removeFalseMeansUpdate() throws {
        let (result, _) = try OverlayKit.overlay(Self.header + "  - target: $.info\n    remove: false\n    update: {x-a: 1}\n")
            .apply(to: OverlayKit.yaml("info: {title: t}\n"))
        #expect(result == (try OverlayKit.yaml("info: {title: t, x-a: 1}\n")))
    }

    @Test func copyMergesTheSingleSourceNodeIntoEachTarget() throws {
        let doc = try OverlayKit.yaml(
            """
            paths:
              /foo: {get: {summary: foo, parameters: [{name: a}]}}
              /bar: {get: {description: bar, parameters: [{name: b}]}}
            components: {parameters: {Trace: {name: X-Trace, in: header}}}
            """)
        let overlay = try OverlayKit.overlay(
            Self.header + """
                  - target: $.paths
                    update: {/baz: {}}
                  - target: $.paths['/baz']
                    copy: $.paths['/foo']
                  - target: $.paths['/bar']
                    copy: $.paths['/foo']
                  - target: $.paths.*.get.parameters
                    copy: $.components.parameters.Trace
                """)
        let (result, warnings) = try overlay.apply(to: doc)
        #expect(warnings.isEmpty)
        // Copy into an empty path item created by the previous action: a plain copy.
        #expect(result["paths"]?["/baz"]?["get"]?["summary"]?.stringValue == "foo")
        // Copy into an existing one: merged like an update (summary added, description kept, parameters concatenated).
        let bar = result["paths"]?["/bar"]?["get"]
        #expect(bar?["description"]?.stringValue == "bar" && bar?["summary"]?.stringValue == "foo")
        #expect(OverlayKit.names(bar?["parameters"]) == ["b", "a", "X-Trace"])
        #expect(OverlayKit.names(result["paths"]?["/foo"]?["get"]?["parameters"]) == ["a", "X-Trace"])
        #expect(OverlayKit.names(result["paths"]?["/baz"]?["get"]?["parameters"]) == ["a", "X-Trace"])
        // The source is unchanged by being copied.
        #expect(result["components"] == doc["components"])
    }

    @Test(arguments: [("$.paths['/nope']", 0), ("$.paths.*", 2)])
    func copyMustSelectExactlyOneNode(_ source: String, _ count: Int) throws {
        let doc = try OverlayKit.yaml("paths: {/a: {}, /b: {}}\n")
        let error = try #require(
            OverlayKit.error(
                Self.header + """
                      - target: $.paths['/a']
                        description: bad copy
                        copy: "\(source)"
                    """, applyingTo: doc, file: "copy.overlay.yaml"))
        #expect(error.code == "overlay.invalid-copy")
        #expect(error.message.contains("selects \(count)"), "\(error)")
        #expect(error.message.contains(#"action 1 ("bad copy")"#), "\(error)")
        #expect(error.location.file.path == "copy.overlay.yaml")
        #expect(error.location.line == 6 && error.location.column == 11, "\(error)")
        #expect(error.description.hasPrefix("copy.overlay.yaml:6:11: "))
    }

    @Test func copyInA10OverlayIsRejected() {
        let error = OverlayKit.error("overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions:\n  - target: $.a\n    copy: $.b\n")
        #expect(error?.code == "overlay.invalid")
        #expect(error?.location.line == 5, "\(String(describing: error))")
    }

    @Test(arguments: [
        // (action lines, expected code, expected line, expected column)
        ("  - target: $.info[\n", "overlay.invalid-target", 4, 13),
        ("  - target: $.paths[?@.a ==]\n", "overlay.invalid-target", 4, 13),
        ("  - target: '$.x'\n  - target: \"$['a'\"\n", "overlay.invalid-target", 5, 13),
        ("  - target: $.a\n    copy: $[\n", "overlay.invalid-target", 5, 11),
        ("  - target: info.title\n", "overlay.invalid", 4, 13),
        ("  - target: 42\n", "overlay.invalid", 4, 13),
        ("  - update: {a: 1}\n", "overlay.invalid", 4, 5),
        ("  - target: $.a\n    remove: 'yes'\n", "overlay.invalid", 5, 13),
        ("  - target: $.a\n    updates: {a: 1}\n", "overlay.invalid", 5, 14),
        ("  - target: $.a\n    description: [x]\n", "overlay.invalid", 5, 18),
        ("  - [target, $.a]\n", "overlay.invalid", 4, 5),
    ])
    func invalidTargetsAndActionShapesAreLocated(_ actions: String, _ code: String, _ line: Int, _ column: Int) throws {
        let error = try #require(OverlayKit.error(Self.header + actions, file: "shape.overlay.yaml"))
        #expect(error.code == code, "\(error)")
        #expect(error.location.file.path == "shape.overlay.yaml")
        #expect(error.location.line == UInt32(line), "\(error)")
        #expect(error.location.column == UInt32(column), "\(error)")
    }

    @Test(arguments: [
        ("overlay: 1.2.0\n", "overlay.unsupported-version"), ("overlay: 2.0.0\n", "overlay.unsupported-version"),
        ("openapi: 3.1.0\n", "overlay.invalid"),
    ])
    func notASupportedOverlay(_ first: String, _ code: String) throws {
        let error = try #require(OverlayKit.error(first + "info: {title: t, version: '1'}\nactions:\n  - target: $\n"))
        #expect(error.code == code)
        #expect(error.location.line == 1)
    }

    @Test func dashedMemberNamesAreReadLenientlyWithANote() throws {
        let doc = try OverlayKit.yaml("info: {title: t, x-logo: {url: a}}\npaths: {/p: {get: {x-oai-traits: {paged: true}}}}\n")
        let overlay = try OverlayKit.overlay(
            Self.header + """
                  - target: $.info.x-logo
                    update: {alt: logo}
                  - target: $.paths[?@.get.x-oai-traits.paged].get
                    update: {x-paged: true}
                  - target: "$.info[?@.x-y == 'a.b-c']"
                    update: {never: true}
                """, file: "dashed.overlay.yaml")
        #expect(overlay.notes.count == 3)
        #expect(overlay.notes.first?.message.contains(#"read as "$.info['x-logo']""#) == true, "\(overlay.notes)")
        #expect(overlay.notes.first?.location.line == 4)
        let (result, warnings) = try overlay.apply(to: doc)
        #expect(result["info"]?["x-logo"]?["alt"]?.stringValue == "logo")
        #expect(result["paths"]?["/p"]?["get"]?["x-paged"] == .bool(true))
        // The notes come first, then the third action (a string literal is not rewritten) selects nothing.
        #expect(overlay.notes.last?.message.contains(#"read as "$.info[?@['x-y'] == 'a.b-c']""#) == true, "\(overlay.notes)")
        #expect(warnings.count == 4)
        #expect(warnings.last?.message.contains("action 3") == true)
    }

    @Test func dashedNamesAfterADescendantSegment() throws {
        let doc = try OverlayKit.yaml("a: {x-internal: true}\nb: {c: {x-internal: false}}\n")
        let overlay = try OverlayKit.overlay(Self.header + "  - target: $..x-internal\n    remove: true\n")
        #expect(overlay.notes.first?.message.contains(#"read as "$..['x-internal']""#) == true, "\(overlay.notes)")
        let (result, _) = try overlay.apply(to: doc)
        #expect(result == (try OverlayKit.yaml("a: {}\nb: {c: {}}\n")))
    }

    @Test func unquotedBracketNamesAreNotRFC9535() throws {
        // `[get,post]` (JSONPath-Plus) is rejected, located, rather than guessed at.
        let error = try #require(OverlayKit.error(Self.header + "  - target: $.paths.*[get,post].parameters\n    update: {name: a}\n"))
        #expect(error.code == "overlay.invalid-target")
        #expect(error.message.contains("at character 11"), "\(error)")
        #expect(error.location.line == 4 && error.location.column == 13)
    }

    /// Overlay 1.1 §Action Object: a primitive replaces a primitive, arrays concatenate, objects
    /// merge, and "other property value combinations are incompatible and result in an error".
    @Test(arguments: [("{description: {text: x}}", 27), ("{description: [x]}", 27), ("{tags: x}", 20), ("{nested: x}", 22)])
    func incompatibleUpdateIsAnError(_ update: String, _ column: Int) throws {
        let doc = try OverlayKit.yaml("info: {description: plain, tags: [a], nested: {k: v}}\n")
        let error = try #require(
            OverlayKit.error(
                Self.header + "  - target: $.info\n    update: \(update)\n", applyingTo: doc, file: "incompatible.overlay.yaml"))
        #expect(error.code == "overlay.incompatible-update", "\(error)")
        #expect(error.location.file.path == "incompatible.overlay.yaml")
        #expect(error.location.line == 5 && error.location.column == UInt32(column), "\(error)")
    }

    @Test func primitiveUpdateOnAnArrayTargetIsAppended() throws {
        let (result, _) = try OverlayKit.overlay(
            Self.header + "  - target: $.tags\n    update: c\n  - target: $.tags\n    update: [d, e]\n"
        )
        .apply(to: OverlayKit.yaml("tags: [a, b]\n"))
        #expect(result == (try OverlayKit.yaml("tags: [a, b, c, d, e]\n")))
    }

    @Test func nullAndPrimitiveUpdatesReplacePrimitives() throws {
        let (result, _) = try OverlayKit.overlay(Self.header + "  - target: $.info\n    update: {title: null, version: 2, flag: false}\n")
            .apply(to: OverlayKit.yaml("info: {title: t, version: '1', flag: true}\n"))
        #expect(result == (try OverlayKit.yaml("info: {title: null, version: 2, flag: false}\n")))
    }

    @Test func worksOnDocumentsThatAreNotOpenAPI() throws {
        let doc = try OverlayKit.yaml(
            """
            asyncapi: 3.0.0
            channels:
              orders: {address: orders.v1, messages: {created: {payload: {type: object}}}}
              users: {address: users.v1}
            """)
        let (result, warnings) = try OverlayKit.overlay(
            Self.header + """
                  - target: $.channels.*
                    update: {x-owner: platform}
                  - target: $.channels.users
                    remove: true
                """
        ).apply(to: doc)
        #expect(warnings.isEmpty)
        #expect(
            result
                == (try OverlayKit.yaml(
                    """
                    asyncapi: 3.0.0
                    channels:
                      orders: {address: orders.v1, messages: {created: {payload: {type: object}}}, x-owner: platform}
                    """)))
    }
}
