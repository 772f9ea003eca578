import Foundation
import Testing

@testable import SpecSource

/// The value of `v: <scalar>`.
private func scalar(_ text: String) throws(SourceError) -> JSONValue {
    try yaml("v: \(text)\n")["v"]!
}

private func num(_ literal: String) -> JSONValue { .number(JSONNumber(literal: literal)!) }

@Suite("YAMLReader")
struct YAMLReaderTests {
    // MARK: Core schema

    @Test("null forms", arguments: ["null", "Null", "NULL", "~", ""])
    func nulls(_ text: String) throws {
        #expect(try scalar(text).isNull)
    }

    @Test(
        "bool forms",
        arguments: [
            ("true", true), ("True", true), ("TRUE", true), ("false", false), ("False", false), ("FALSE", false),
        ])
    func bools(_ text: String, _ expected: Bool) throws {
        #expect(try scalar(text).boolValue == expected)
    }

    @Test(
        "int forms",
        arguments: [
            ("0", "0"), ("42", "42"), ("-17", "-17"), ("+5", "5"), ("012", "12"), ("0o17", "15"), ("0o0", "0"),
            ("0x1F", "31"), ("0xff", "255"), ("0x0", "0"),
            ("123456789012345678901234567890", "123456789012345678901234567890"),
            ("-9223372036854775809", "-9223372036854775809"),
            ("0xFFFFFFFFFFFFFFFFFFFF", "1208925819614629174706175"),
            ("0o7777777777777777777777", "73786976294838206463"),
        ])
    func ints(_ text: String, _ expected: String) throws {
        let value = try scalar(text)
        #expect(value.numberValue == JSONNumber(literal: expected)!)
        #expect(value.numberValue?.isInteger == true)
    }

    @Test(
        "float forms",
        arguments: [
            ("1.5", "1.5"), ("0.1", "0.1"), (".5", "0.5"), ("-.5", "-0.5"), ("+1.", "1"), ("1e3", "1000"),
            ("1.5E-3", "0.0015"), ("6.02e+23", "602000000000000000000000"), ("-0.0", "0"),
            ("3.14159265358979323846264338327950288", "3.14159265358979323846264338327950288"),
        ])
    func floats(_ text: String, _ expected: String) throws {
        #expect(try scalar(text).numberValue == JSONNumber(literal: expected)!)
    }

    @Test("0.1 is exactly one tenth")
    func exactDecimal() throws {
        let n = try #require(try scalar("0.1").numberValue)
        #expect(n == JSONNumber(significand: 1, exponent: -1))
        #expect(n.description == "0.1")
        #expect(try scalar("0.3").numberValue!.isMultiple(of: n))
    }

    @Test(
        "plain scalars that stay strings",
        arguments: [
            "16:9", "yes", "no", "on", "off", "y", "n", "2001-12-14", "1_000", "01ai", "0b101", "+.5e", "1e", "+", "-a",
            ".", "0x", "0o", "0o8", "0xG", "-0x1F", "+0o7", "nulL", "nil", "None", "tRUE", "truex", "falsey", "~~",
            "1.2.3", "3.1.0", "-.nan", "+.nan", ".infinity", "inf", "NaN", "1e+", "e5", "hello world", "ünïcödé",
        ])
    func strings(_ text: String) throws {
        #expect(try scalar(text).stringValue == text)
    }

    @Test(
        "infinities and NaN are not JSON numbers", arguments: [".inf", ".Inf", ".INF", "-.inf", "+.Inf", "-.INF", ".nan", ".NaN", ".NAN"])
    func nonJSONNumbers(_ text: String) throws {
        let error = try #require(yamlError("a: 1\nv: \(text)\n"))
        #expect(error.code == "yaml.non-json-number")
        #expect(error.location == at(2, 4))
        #expect(error.message == "`\(text)` is not representable in JSON")
    }

    @Test(
        "quoted scalars are strings",
        arguments: [
            ("'true'", "true"), ("\"123\"", "123"), ("'null'", "null"), ("''", ""), ("\"\"", ""), ("'~'", "~"),
            ("\"0x1F\"", "0x1F"), ("'.inf'", ".inf"), ("\"a\\tb\\u00e9\"", "a\tbé"), ("'it''s'", "it's"),
        ])
    func quoted(_ text: String, _ expected: String) throws {
        #expect(try scalar(text).stringValue == expected)
    }

    @Test("block scalars are strings")
    func blockScalars() throws {
        let doc = try yaml(
            """
            lit: |
              123
              true
            fold: >
              null
              ~
            keep: |+
              x

            strip: |-
              42
            """)
        #expect(doc["lit"]?.stringValue == "123\ntrue\n")
        #expect(doc["fold"]?.stringValue == "null ~\n")
        #expect(doc["keep"]?.stringValue == "x\n\n")
        #expect(doc["strip"]?.stringValue == "42")
    }

    // MARK: Tags

    @Test("explicit tags are honoured")
    func tags() throws {
        let doc = try yaml(
            """
            s: !!str 123
            b: !!str true
            i: !!int "42"
            h: !!int 0x10
            f: !!float 1
            g: !!float "2.5"
            t: !!bool "true"
            n: !!null ""
            m: !!null null
            q: !!seq [1]
            o: !!map {a: 1}
            ns: ! 123
            c: !custom 123
            cq: !custom "123"
            full: !<tag:yaml.org,2002:int> "7"
            """)
        #expect(doc["s"]?.stringValue == "123")
        #expect(doc["b"]?.stringValue == "true")
        #expect(doc["i"]?.numberValue == JSONNumber(42))
        #expect(doc["h"]?.numberValue == JSONNumber(16))
        #expect(doc["f"]?.numberValue == JSONNumber(1))
        #expect(doc["g"]?.numberValue == JSONNumber(literal: "2.5"))
        #expect(doc["t"]?.boolValue == true)
        #expect(doc["n"]?.isNull == true)
        #expect(doc["m"]?.isNull == true)
        #expect(doc["q"] == .array([.number(JSONNumber(1))]))
        #expect(doc["o"]?["a"]?.numberValue == JSONNumber(1))
        #expect(doc["ns"]?.stringValue == "123")
        #expect(doc["c"]?.numberValue == JSONNumber(123))
        #expect(doc["cq"]?.stringValue == "123")
        #expect(doc["full"]?.numberValue == JSONNumber(7))
    }

    @Test(
        "values that don't fit their tag",
        arguments: [
            "!!int abc", "!!int 1.5", "!!int yes", "!!float abc", "!!float 0x10", "!!bool yes", "!!bool 1",
            "!!null 0", "!!map x", "!!seq x", "!!map [1]", "!!seq {a: 1}", "!!str [1]", "!!int {a: 1}",
        ])
    func badTagValues(_ text: String) throws {
        let error = try #require(yamlError("v: \(text)\n"))
        #expect(error.code == "yaml.bad-tag-value")
        #expect(error.location == at(1, 4))
    }

    @Test("!!float .inf is not a JSON number")
    func taggedInfinity() throws {
        #expect(yamlError("v: !!float .inf")?.code == "yaml.non-json-number")
    }

    // MARK: Locations

    @Test("locations of nested values and keys, after multi-byte UTF-8")
    func locations() throws {
        let doc = try yaml(
            """
            root:
              "ключ": [1, {x: é}]
              ü: ab
            list:
              - name: v
            """)
        #expect(doc.location == at(1, 1))
        let root = try #require(doc.objectValue)
        #expect(root.member("root")?.keyLocation == at(1, 1))
        #expect(root.member("root")?.value.location == at(2, 3))
        let inner = try #require(doc["root"]?.objectValue)
        #expect(inner.member("ключ")?.keyLocation == at(2, 3))
        let array = try #require(inner["ключ"])
        #expect(array.location == at(2, 11))
        #expect(array.arrayValue?[0].location == at(2, 12))
        let object = try #require(array.arrayValue?[1])
        #expect(object.location == at(2, 15))
        #expect(object.objectValue?.member("x")?.keyLocation == at(2, 16))
        #expect(object["x"]?.location == at(2, 19))
        #expect(inner.member("ü")?.keyLocation == at(3, 3))
        #expect(inner["ü"]?.location == at(3, 6))
        #expect(doc["list"]?.location == at(5, 3))
        #expect(doc["list"]?.arrayValue?[0].location == at(5, 5))
        #expect(doc["list"]?.arrayValue?[0].objectValue?.member("name")?.keyLocation == at(5, 5))
        #expect(doc["list"]?.arrayValue?[0]["name"]?.location == at(5, 11))
    }

    @Test("locations carry the file")
    func fileInLocation() throws {
        let file = SourceFileID.intern("/tmp/yaml-reader-test.yaml")
        let doc = try YAMLReader.parse(Array("a: [1]".utf8), file: file, limits: LoadLimits())
        #expect(doc["a"]?.arrayValue?[0].location == SpecSource.SourceLocation(file: file, line: 1, column: 5))
    }

    @Test("keys are the scalar text as written")
    func keysAsWritten() throws {
        let doc = try yaml("200: ok\nnull: a\ntrue: b\n0x10: c\n'q': d\n1.50: e\n~: f\n")
        #expect(doc.objectValue?.keys == ["200", "null", "true", "0x10", "q", "1.50", "~"])
        #expect(doc["200"]?.stringValue == "ok")
    }

    // MARK: Anchors and aliases

    @Test("aliases copy the anchored value, located at the alias")
    func aliases() throws {
        let doc = try yaml(
            """
            base: &b {k: 1, l: [x, y]}
            copy: *b
            num: &n 0x10
            again: *n
            list: [*n, *b]
            *n : keyed
            """)
        #expect(doc["copy"] == doc["base"])
        #expect(doc["copy"]?.location == at(2, 7))
        #expect(doc["copy"]?["k"]?.location == at(1, 14))
        #expect(doc["copy"]?.objectValue?.member("k")?.keyLocation == at(1, 11))
        #expect(doc["again"]?.numberValue == JSONNumber(16))
        #expect(doc["again"]?.location == at(4, 8))
        #expect(doc["list"]?.arrayValue?.count == 2)
        #expect(doc["list"]?.arrayValue?[1].location == at(5, 12))
        #expect(doc["0x10"]?.stringValue == "keyed")
    }

    @Test("an anchor can be redefined; aliases see the latest definition")
    func anchorRedefinition() throws {
        let doc = try yaml("a: &x 1\nb: *x\nc: &x two\nd: *x\n")
        #expect(doc["b"]?.numberValue == JSONNumber(1))
        #expect(doc["d"]?.stringValue == "two")
    }

    @Test("alias bomb fails fast with yaml.alias-limit")
    func aliasBomb() throws {
        var text = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
        let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"]
        for i in 1..<names.count {
            let p = names[i - 1]
            text += "\(names[i]): &\(names[i]) [*\(p),*\(p),*\(p),*\(p),*\(p),*\(p),*\(p),*\(p),*\(p)]\n"
        }
        let start = Date()
        let error = try #require(yamlError(text))
        #expect(Date().timeIntervalSince(start) < 1)
        #expect(error.code == "yaml.alias-limit")
        #expect(error.location.line >= 2)
        // Small documents with modest sharing stay under the limit.
        let ok = try yaml("a: &a [1, 2]\nb: [*a, *a, *a]\n", limits: LoadLimits(maxAliasExpansion: 9))
        #expect(ok["b"]?.arrayValue?.count == 3)
        #expect(yamlError("a: &a [1, 2]\nb: [*a, *a, *a, *a]\n", limits: LoadLimits(maxAliasExpansion: 9))?.location == at(2, 17))
    }

    @Test("recursive alias")
    func recursiveAlias() throws {
        let error = try #require(yamlError("a: &r\n  b: [1, *r]\n"))
        #expect(error.code == "yaml.recursive-alias")
        #expect(error.location == at(2, 10))
        #expect(yamlError("&s [*s]")?.code == "yaml.recursive-alias")
    }

    @Test("unknown alias")
    func unknownAlias() throws {
        let error = try #require(yamlError("a: 1\nb: *nope\n"))
        #expect(error.code == "yaml.unknown-alias")
        #expect(error.location == at(2, 4))
    }

    // MARK: Merge keys

    @Test("merge key with one mapping")
    func mergeSingle() throws {
        let doc = try yaml(
            """
            base: &base {a: 1, b: 2}
            derived:
              <<: *base
              c: 3
            """)
        let derived = try #require(doc["derived"]?.objectValue)
        #expect(derived.count == 3)
        #expect(derived["a"]?.numberValue == JSONNumber(1))
        #expect(derived["b"]?.numberValue == JSONNumber(2))
        #expect(derived["c"]?.numberValue == JSONNumber(3))
        #expect(derived["<<"] == nil)
        #expect(derived.member("a")?.keyLocation == at(1, 14))
    }

    @Test("merge key with a sequence: earlier mappings win, own keys always win")
    func mergeSequence() throws {
        let doc = try yaml(
            """
            one: &one {x: 1, y: 1, z: 1}
            two: &two {x: 2, w: 2}
            m:
              x: own
              <<: [*two, *one]
              y: own
            inline:
              <<: {p: 1}
              q: 2
            """)
        let m = try #require(doc["m"]?.objectValue)
        #expect(m.count == 4)
        #expect(m["x"]?.stringValue == "own")
        #expect(m["y"]?.stringValue == "own")
        #expect(m["w"]?.numberValue == JSONNumber(2))
        #expect(m["z"]?.numberValue == JSONNumber(1))
        #expect(doc["inline"] == JSONValue.object(["p": .number(JSONNumber(1)), "q": .number(JSONNumber(2))]))
    }

    @Test("quoted << is an ordinary key")
    func quotedMergeKey() throws {
        let doc = try yaml("a: {'<<': {b: 1}}")
        #expect(doc["a"]?["<<"]?["b"]?.numberValue == JSONNumber(1))
    }

    @Test("merge of a non-mapping", arguments: ["<<: 1", "<<: [{a: 1}, 2]", "<<: x", "<<: [[1]]"])
    func badMerge(_ text: String) throws {
        let error = try #require(yamlError("m:\n  \(text)\n"))
        #expect(error.code == "yaml.bad-merge")
        #expect(error.location.line == 2)
    }

    // MARK: Structural errors

    @Test("duplicate keys name both positions")
    func duplicateKey() throws {
        let error = try #require(yamlError("x: 0\nm:\n  a: 1\n  b: 2\n  a: 3\n"))
        #expect(error.code == "yaml.duplicate-key")
        #expect(error.location == at(5, 3))
        #expect(error.related == [at(3, 3)])
        #expect(error.message == "duplicate key \"a\" (first at line 3, column 3)")
        // Keys compare by text: `1` and `'1'` collide.
        #expect(yamlError("{1: a, '1': b}")?.code == "yaml.duplicate-key")
        // ...but `1` and `01` do not.
        #expect(try yaml("{1: a, 01: b}").objectValue?.count == 2)
        // Large mappings (indexed lookups) detect duplicates too.
        let many = (0..<50).map { "k\($0): \($0)" }.joined(separator: "\n") + "\nk7: again\n"
        #expect(yamlError(many)?.location == at(51, 1))
    }

    @Test("a duplicate key in a mapping nested in a large one is found among the inner members only")
    func duplicateKeyNested() throws {
        // Inner mappings share the builder's scratch buffer with the open outer one: a key of the
        // outer mapping repeated inside is not a duplicate, a key repeated in the inner one is.
        let outer = (0..<20).map { "k\($0): \($0)" }.joined(separator: "\n")
        let inner = "\nn:\n  k1: a\n  k2: b\n  m: [1, {k3: c}]\n"
        let value = try yaml(outer + inner)
        #expect(value["n"]?["k1"]?.stringValue == "a")
        #expect(value["n"]?["m"]?.arrayValue?[1]["k3"]?.stringValue == "c")
        #expect(value["k19"] == .number(JSONNumber(19)))
        let error = try #require(yamlError(outer + inner + "  k2: again\n"))
        #expect(error.code == "yaml.duplicate-key")
        #expect(error.related == [at(23, 3)])
    }

    @Test("containers are stored at their exact size, in order, and large mappings are indexed", arguments: [3, 12, 13, 200])
    func exactContainers(_ n: Int) throws {
        let mapping = (0..<n).map { "  key\($0): [\((0..<$0 % 5).map(String.init).joined(separator: ", "))]\n" }.joined()
        let list = "list: [" + (0..<n).map(String.init).joined(separator: ", ") + "]\n"
        let value = try yaml("root:\n" + mapping + list)
        let object = try #require(value["root"]?.objectValue)
        #expect(object.count == n)
        #expect(object.members.capacity == n)
        #expect(object.keys == (0..<n).map { "key\($0)" })
        for i in 0..<n {
            #expect(object.indexOf("key\(i)") == i)
            #expect(object["key\(i)"]?.arrayValue?.count == i % 5)
            #expect(object["key\(i)"]?.arrayValue?.capacity == i % 5)
        }
        #expect(object["key\(n)"] == nil)
        let items = try #require(value["list"]?.arrayValue)
        #expect(items == (0..<n).map { .number(JSONNumber($0)) })
        #expect(items.capacity == n)
    }

    @Test("repeated long keys and strings share storage; canonically equivalent ones stay apart")
    func longStringsArePooled() throws {
        let long = "components/schemas/SomethingLong"
        let precomposed = "caf\u{E9} au lait, s'il vous pla\u{EE}t"
        let decomposed = "cafe\u{301} au lait, s'il vous pla\u{EE}t"
        let value = try yaml(
            "a: '\(long)'\nb: \(long)\nc: \"\(long)\"\napplication/json-with-suffix: 1\n"
                + "list: [{application/json-with-suffix: 2}]\nnfc: \(precomposed)\nnfd: \(decomposed)\n")
        /// Where a string's UTF-8 is stored (for comparing identity only).
        func storage(_ string: String?) -> UInt? {
            guard var string else { return nil }
            return string.withUTF8 { UInt(bitPattern: $0.baseAddress) }
        }
        #expect(value["a"]?.stringValue == long)
        #expect(storage(value["a"]?.stringValue) == storage(value["b"]?.stringValue))
        #expect(storage(value["a"]?.stringValue) == storage(value["c"]?.stringValue))
        let outerKey = try #require(value.objectValue?.members[3].key)
        let innerKey = try #require(value["list"]?.arrayValue?.first?.objectValue?.members.first?.key)
        #expect(outerKey == "application/json-with-suffix")
        #expect(storage(outerKey) == storage(innerKey))
        // Swift's == calls these equal; JSON compares code points, and so does the pool.
        #expect(Array(try #require(value["nfc"]?.stringValue).utf8) == Array(precomposed.utf8))
        #expect(Array(try #require(value["nfd"]?.stringValue).utf8) == Array(decomposed.utf8))
        #expect(value["nfc"] != value["nfd"])
    }

    @Test("strings the pool's hash cannot tell apart are all kept, each with its own text")
    func pooledCollisions() throws {
        // Same length, same first, middle and last 8 bytes: one hash for all 2,000 strings.
        func text(_ i: Int) -> String {
            let digits = String(i)
            return "aaaaaaaa" + String(repeating: "0", count: 4 - digits.count) + digits + "bbbbbbbbbbbb" + "cccc" + "dddddddd"
        }
        #expect(text(7).utf8.count == 36)
        let value = try yaml((0..<2_000).map { "k\($0): \(text($0))\n" + "r\($0): '\(text($0))'\n" }.joined())
        for i in 0..<2_000 {
            #expect(value["k\(i)"]?.stringValue == text(i))
            #expect(value["r\(i)"]?.stringValue == text(i))
        }
    }

    @Test("the pool keeps sharing after its table grows")
    func pooledAfterGrowth() throws {
        // 1,000 distinct long strings, each written twice: the 256-slot table of a short text
        // grows three times, rehashing from the pooled strings' bytes.
        func text(_ i: Int) -> String { "\(i) is one pooled string of many" }
        let value = try yaml((0..<1_000).map { "k\($0): \(text($0))\nr\($0): '\(text($0))'\n" }.joined())
        func storage(_ string: String?) -> UInt? {
            guard var string else { return nil }
            return string.withUTF8 { UInt(bitPattern: $0.baseAddress) }
        }
        var shared = 0
        for i in 0..<1_000 {
            #expect(value["k\(i)"]?.stringValue == text(i))
            #expect(value["r\(i)"]?.stringValue == text(i))
            if storage(value["k\(i)"]?.stringValue) == storage(value["r\(i)"]?.stringValue) { shared += 1 }
        }
        // A string whose probe sequence is full after ``StringPool/maximumProbes`` slots is not
        // pooled (by design). How many depends on the process's hash seed: 14 in a thousand in one
        // CI run, so the bound asks only that sharing goes on after growth (none would without it).
        #expect(shared >= 900)
    }

    @Test("empty streams are null", arguments: ["", "\n", "# just a comment\n", "---\n", "--- ~\n"])
    func emptyStream(_ text: String) throws {
        #expect(try yaml(text).isNull)
    }

    @Test("JSON is YAML")
    func jsonInput() throws {
        let doc = try yaml(#"{"a": [1, 2.5, true, null, "s"], "b": {"c": -1e2}}"#)
        #expect(
            doc
                == .object([
                    "a": .array([.number(JSONNumber(1)), num("2.5"), .bool(true), .null, .string("s")]),
                    "b": .object(["c": .number(JSONNumber(-100))]),
                ]))
    }

    // MARK: Real document

    /// `<repo>/../shared/testdata/specs/openai/openapi.yaml` (opt-in: present on development machines and CI).
    static let openAISpecPath = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("shared/testdata/specs/openai/openapi.yaml").path

    @Test(
        "OpenAI spec loads",
        .enabled(if: FileManager.default.fileExists(atPath: openAISpecPath), "../shared/testdata/specs/openai is absent on this machine"))
    func openAISpec() throws {
        let path = Self.openAISpecPath
        let doc = try SourceLoader.load(contentsOf: path, format: .yaml)
        #expect(doc["openapi"]?.stringValue == "3.1.0")
        #expect(doc["info"]?["title"]?.stringValue == "OpenAI API")
        #expect(doc["info"]?["version"]?.stringValue == "2.3.0")
        #expect(doc["servers"]?.arrayValue?.first?["url"]?.stringValue == "https://api.openai.com/v1")
        #expect(doc.objectValue?.member("info")?.keyLocation.line == 2)
        #expect(doc["info"]?.location.line == 3)
        #expect((doc["paths"]?.objectValue?.count ?? 0) > 100)
    }
}
