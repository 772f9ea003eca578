import Foundation
import SchemaValidation
import SpecSource
import Testing

/// Error texts built on first use (`LazyText`: absolute keyword locations, `enum` lists) are
/// the same whichever thread builds them first. Run under ThreadSanitizer in CI's concurrency
/// step too (`--filter LazyText`).
@Suite("error texts built once, from many threads")
struct LazyTextTests {
    @Test func concurrentFirstErrorsAgree() async throws {
        let schema = try Schema.compile(
            SourceLoader.parse(
                ##"{"$defs": {"c": {"enum": ["red", "green", "blue"]}}, "type": "array", "items": {"$ref": "#/$defs/c"}}"##,
                format: .json))
        let instance = try SourceLoader.parse(#"["red", "purple", "blue", "grey"]"#, format: .json)
        let reports = await withTaskGroup(of: [String].self) { group in
            for _ in 0..<16 {
                group.addTask {
                    schema.validate(instance).errors.map { "\($0.instanceLocation) \($0.absoluteKeywordLocation) \($0.message)" }
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(reports.count == 16)
        #expect(reports[0].count == 2)
        #expect(reports[0][0].contains("#/$defs/c/enum"))
        #expect(reports[0][0].contains(#"is not one of "red", "green", "blue""#))
        #expect(Set(reports).count == 1)
    }
}
