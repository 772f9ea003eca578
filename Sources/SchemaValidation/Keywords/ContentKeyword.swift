import Foundation
import SpecSource

/// Draft 7's `contentEncoding` (`base64`) and `contentMediaType` (`application/json`): a string
/// instance decodes, and its content parses as the media type. Later drafts made these annotations
/// only, so they compile in draft 7 alone. Unknown encodings and media types pass.
final class ContentKeyword: Keyword, @unchecked Sendable {
    /// Assertions in draft 7, annotations in 2019-09 and later.
    static let contentEncoding = KeywordDefinition(
        "contentEncoding", .draft7AndLater, vocabulary: .content, compile: compile, compiledIn: .draft7,
        errors: [
            ErrorCode(
                "contentEncoding", "the string is not valid in its `contentEncoding` (base64)",
                "Draft 7 validation §8.3 (an annotation from 2019-09 on).")
        ])
    static let contentMediaType = KeywordDefinition(
        "contentMediaType", .draft7AndLater, vocabulary: .content, compile: compile, compiledIn: .draft7,
        errors: [
            ErrorCode(
                "contentMediaType", "the (decoded) string is not valid JSON although `contentMediaType` says it is",
                "Draft 7 validation §8.4 (an annotation from 2019-09 on).")
        ])
    /// The schema of the decoded content (2019-09 and later): an annotation.
    static let contentSchema = KeywordDefinition(
        "contentSchema", .draft2019AndLater, vocabulary: .content, subschemas: .single, role: .annotation)

    let base64: Bool
    let json: Bool
    let site: KeywordSite

    init(base64: Bool, json: Bool, site: KeywordSite) {
        self.base64 = base64
        self.json = json
        self.site = site
    }

    static func compile(_ c: inout KeywordCompilationContext, _ value: JSONValue) -> Keyword? {
        let encoding = c.sibling("contentEncoding")?.stringValue?.lowercased()
        let mediaType = c.sibling("contentMediaType")?.stringValue?.lowercased()
        // Compile once per schema object, from whichever of the two keywords comes first.
        let first = c.object.members.first { $0.key == "contentEncoding" || $0.key == "contentMediaType" }?.key
        guard let first, c.object[first] == value else { return nil }
        let base64 = encoding == "base64"
        let json = mediaType.map { $0 == "application/json" || $0.hasSuffix("+json") } ?? false
        guard base64 || json else { return nil }
        return ContentKeyword(base64: base64, json: json, site: c.site(json ? "contentMediaType" : "contentEncoding"))
    }

    override var streamRole: StreamRole { .scalarOnly }

    override var isContextFree: Bool { true }

    override func validate(_ instance: Instance, _ context: inout ValidationContext) -> Bool {
        guard case .string(let s) = instance.kind else { return true }
        var bytes = Array(s.utf8)
        if base64 {
            guard let data = Data(base64Encoded: s) else {
                if context.collectsErrors {
                    context.report(site, code: "contentEncoding", "\(describeValue(instance.pointee, limit: 40)) is not valid base64")
                }
                return false
            }
            bytes = [UInt8](data)
        }
        if json, (try? SourceLoader.parse(bytes, format: .json)) == nil {
            if context.collectsErrors {
                context.report(site, code: "contentMediaType", "\(describeValue(instance.pointee, limit: 40)) is not valid JSON content")
            }
            return false
        }
        return true
    }
}
