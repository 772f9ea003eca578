import Foundation
import SpecSource

/// Merges JUnit and SARIF reports (`spec-check merge-reports`).
enum ReportMerger {
    struct Failure: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }

    /// JUnit when the text starts (after a byte order mark and white space) with `<`, SARIF with `{`.
    static func kind(of text: String) -> CollectedFormat? {
        let start = text.unicodeScalars.first { $0 != "\u{FEFF}" && !$0.properties.isWhitespace }
        // A SARIF log is one object with `runs`; JSON Lines (`--format json`) also starts with `{`.
        return start == "<" ? .junit : start == "{" && text.contains("\"runs\"") ? .sarif : nil
    }

    // MARK: JUnit

    /// One `<testsuite>`: its attributes, and its test cases as written.
    struct Suite {
        var attributes: [(String, String)]
        var testcases: String

        func attribute(_ name: String) -> String? { attributes.first { $0.0 == name }?.1 }
    }

    /// The suites of every report, those of the same name joined, under one `<testsuites>`.
    /// - Throws: ``Failure`` naming a file whose suites cannot be read.
    static func junit(_ reports: [(file: String, text: String)]) throws -> String {
        var order: [String] = []
        var merged: [String: Suite] = [:]
        for (file, text) in reports {
            for suite in try suites(text, file: file) {
                let name = suite.attribute("name") ?? ""
                guard var existing = merged[name] else {
                    order.append(name)
                    merged[name] = suite
                    continue
                }
                for counter in ["tests", "failures", "errors", "skipped"] {
                    let sum = (Int(existing.attribute(counter) ?? "") ?? 0) + (Int(suite.attribute(counter) ?? "") ?? 0)
                    if existing.attribute(counter) != nil || suite.attribute(counter) != nil { existing.set(counter, "\(sum)") }
                }
                let time =
                    (Decimal(string: existing.attribute("time") ?? "0") ?? 0) + (Decimal(string: suite.attribute("time") ?? "0") ?? 0)
                existing.set("time", "\(time)")
                if let stamp = suite.attribute("timestamp"), let current = existing.attribute("timestamp"), stamp < current {
                    existing.set("timestamp", stamp)
                }
                existing.testcases += suite.testcases
                merged[name] = existing
            }
        }
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n"
        for (id, name) in order.enumerated() {
            var suite = merged[name]!
            suite.set("id", "\(id)")
            out += "  <testsuite" + suite.attributes.map { " \($0.0)=\"\($0.1)\"" }.joined() + ">\n    <properties/>\n"
            out += suite.testcases
            out += "    <system-out/>\n    <system-err/>\n  </testsuite>\n"
        }
        return out + "</testsuites>\n"
    }

    /// The `<testsuite>` elements of a JUnit report (a `<testsuites>` root or a lone `<testsuite>`).
    /// Attribute values are kept as written (already escaped); the test cases are the text between
    /// `<properties>` and `<system-out>` (or the end of the suite).
    static func suites(_ text: String, file: String) throws -> [Suite] {
        var suites: [Suite] = []
        var rest = text[...]
        func fail(_ why: String) -> Failure { Failure(message: "\(file): not a JUnit report spec-check can merge: \(why)") }
        while let open = rest.range(of: "<testsuite") {
            let after = rest[open.upperBound...]
            guard let next = after.first else { throw fail("it ends inside a tag") }
            if next == "s" {
                rest = after
                continue
            }  // <testsuites>
            guard next == " " || next == ">" || next == "\n" || next == "\t" || next == "/" else {
                rest = after
                continue
            }
            guard let close = after.firstIndex(of: ">") else { throw fail("a <testsuite> tag is not closed") }
            let tag = after[..<close]
            let attributes = try parseAttributes(tag.hasSuffix("/") ? tag.dropLast() : tag, fail)
            if tag.hasSuffix("/") {
                suites.append(Suite(attributes: attributes, testcases: ""))
                rest = after[after.index(after: close)...]
                continue
            }
            let body = after[after.index(after: close)...]
            guard let end = body.range(of: "</testsuite>") else { throw fail("a <testsuite> is not closed") }
            var content = body[..<end.lowerBound]
            if let properties = content.range(of: "<properties/>") ?? content.range(of: "</properties>") {
                content = content[properties.upperBound...]
            }
            // The suite's own output follows its last test case (a test case may hold output too:
            // what could not be checked).
            let lastCase = content.range(of: "</testcase>", options: .backwards)?.upperBound ?? content.startIndex
            let tail = content[lastCase...]
            if let out = tail.range(of: "<system-out") ?? tail.range(of: "<system-err") { content = content[..<out.lowerBound] }
            var cases = String(content).trimmingCharacters(in: .whitespacesAndNewlines)
            if !cases.isEmpty { cases = "    " + cases + "\n" }
            suites.append(Suite(attributes: attributes, testcases: cases))
            rest = body[end.upperBound...]
        }
        if suites.isEmpty && !text.contains("<testsuites") { throw fail("no <testsuites> or <testsuite> element") }
        return suites
    }

    /// `name="value"` pairs (either quote), values kept escaped as written.
    static func parseAttributes(_ tag: Substring, _ fail: (String) -> Failure) throws -> [(String, String)] {
        var attributes: [(String, String)] = []
        var i = tag.startIndex
        while i < tag.endIndex {
            while i < tag.endIndex, tag[i].isWhitespace { i = tag.index(after: i) }
            guard i < tag.endIndex else { break }
            guard let equals = tag[i...].firstIndex(of: "=") else { throw fail("an attribute without a value") }
            let name = tag[i..<equals].trimmingCharacters(in: .whitespaces)
            var q = tag.index(after: equals)
            while q < tag.endIndex, tag[q].isWhitespace { q = tag.index(after: q) }
            guard q < tag.endIndex, tag[q] == "\"" || tag[q] == "'" else { throw fail("attribute \(name) is not quoted") }
            let quote = tag[q]
            let start = tag.index(after: q)
            guard let endQuote = tag[start...].firstIndex(of: quote) else { throw fail("attribute \(name) is not closed") }
            var value = String(tag[start..<endQuote])
            if quote == "'" { value = value.replacingOccurrences(of: "\"", with: "&quot;") }
            attributes.append((name, value))
            i = tag.index(after: endQuote)
        }
        return attributes
    }

    // MARK: SARIF

    /// The logs' runs, those of the same tool (`tool.driver.name`) merged: rules joined by `id`
    /// (first description kept), results concatenated with `ruleIndex` into the joined rules.
    /// - Throws: ``Failure`` naming a file that is not a SARIF log.
    static func sarif(_ reports: [(file: String, text: String)]) throws -> String {
        var first: JSONObject?
        var order: [String] = []
        var runs: [String: (run: JSONObject, rules: [JSONValue], ruleIndex: [String: Int], results: [JSONValue])] = [:]
        for (file, text) in reports {
            let log: JSONValue
            do { log = try SourceLoader.parse(text, format: .json, file: SourceFileID.intern(file)) } catch {
                throw Failure(message: "\(error)")
            }
            guard let object = log.objectValue, let list = log["runs"]?.arrayValue else {
                throw Failure(message: "\(file): not a SARIF log (no \"runs\" array)")
            }
            if first == nil { first = object }
            for run in list {
                guard let runObject = run.objectValue, let name = run["tool"]?["driver"]?["name"]?.stringValue else {
                    throw Failure(message: "\(file): a run has no tool.driver.name")
                }
                var entry = runs[name] ?? (run: runObject, rules: [], ruleIndex: [:], results: [])
                if runs[name] == nil { order.append(name) }
                let rules = run["tool"]?["driver"]?["rules"]?.arrayValue ?? []
                for rule in rules {
                    guard let id = rule["id"]?.stringValue, entry.ruleIndex[id] == nil else { continue }
                    entry.ruleIndex[id] = entry.rules.count
                    entry.rules.append(rule)
                }
                for result in run["results"]?.arrayValue ?? [] {
                    guard var members = result.objectValue else {
                        throw Failure(message: "\(file): a result of run \(name) is not an object")
                    }
                    var id = result["ruleId"]?.stringValue
                    if id == nil, let old = result["ruleIndex"]?.numberValue.flatMap({ Int("\($0)") }), old >= 0, old < rules.count {
                        id = rules[old]["id"]?.stringValue
                    }
                    members.removeAll { $0.key == "ruleIndex" }
                    if let id, let index = entry.ruleIndex[id] {
                        var list = members.members
                        let at = (list.firstIndex { $0.key == "ruleId" } ?? -1) + 1
                        list.insert(JSONObject.Member(key: "ruleIndex", value: .number(JSONNumber(Int64(index)))), at: at)
                        if !list.contains(where: { $0.key == "ruleId" }) {
                            list.insert(JSONObject.Member(key: "ruleId", value: .string(id)), at: 0)
                        }
                        members = JSONObject(list)
                    }
                    entry.results.append(JSONValue(.object(members)))
                }
                runs[name] = entry
            }
        }
        var mergedRuns: [JSONValue] = []
        for name in order {
            let entry = runs[name]!
            mergedRuns.append(
                replacing(
                    JSONValue(.object(entry.run)),
                    [
                        (["tool", "driver", "rules"], .array(entry.rules)),
                        (["results"], .array(entry.results)),
                    ]))
        }
        var log = first ?? JSONObject()
        log = replacing(JSONValue(.object(log)), [(["runs"], .array(mergedRuns))]).objectValue ?? log
        return JSONWriter.string(from: JSONValue(.object(log)), pretty: true) + "\n"
    }

    /// `value` with the members at `paths` set (created when absent).
    static func replacing(_ value: JSONValue, _ changes: [([String], JSONValue)]) -> JSONValue {
        var result = value
        for (path, replacement) in changes { result = set(result, path[...], replacement) }
        return result
    }

    private static func set(_ value: JSONValue, _ path: ArraySlice<String>, _ replacement: JSONValue) -> JSONValue {
        guard let key = path.first else { return replacement }
        var members = value.objectValue?.members ?? []
        if let i = members.firstIndex(where: { $0.key == key }) {
            members[i].value = set(members[i].value, path.dropFirst(), replacement)
        } else {
            members.append(JSONObject.Member(key: key, value: set(JSONValue(.object(JSONObject())), path.dropFirst(), replacement)))
        }
        return JSONValue(.object(JSONObject(members)))
    }
}

extension ReportMerger.Suite {
    mutating func set(_ name: String, _ value: String) {
        if let i = attributes.firstIndex(where: { $0.0 == name }) { attributes[i].1 = value } else { attributes.append((name, value)) }
    }
}
