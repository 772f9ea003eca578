import ContractCorpus
import Foundation
import OpenAPIContract
import Testing

/// Credentials in what reports print of a HAR entry: its URL (query values named like a
/// credential, declared or not) and the lines of the HAR file shown under a finding.
@Suite("HAR credentials are never printed")
struct HARRedactionTests {
    @Test(arguments: [
        ("api_key", true), ("apiKey", true), ("access_token", true), ("token", true), ("key", true), ("password", true),
        ("secret", true), ("client_secret", true), ("signature", true), ("X-Amz-Signature", true), ("X-Amz-Credential", true),
        ("sig", true), ("auth", true), ("refreshToken", true), ("SESSION", true),
        ("limit", false), ("keyword", false), ("author", false), ("monkey", false), ("q", false), ("sort", false),
    ])
    func credentialLikeNames(_ name: String, _ matches: Bool) {
        #expect(CredentialLikeName.matches(name) == matches, "\(name)")
    }

    @Test func credentialLikeQueryValuesAreRedacted() throws {
        let har = try archive([
            entry(url: "https://api.example.com/v2/items?limit=1&access_token=tok-SECRET-1&sig=abcSECRET2&Password=SECRET3&q=kept")
        ])
        let shown = try har.exchange(0).displayURL(for: try itemsDocument())
        #expect(shown == "https://api.example.com/v2/items?limit=1&access_token=REDACTED&sig=REDACTED&Password=REDACTED&q=kept")
        #expect(!shown.contains("SECRET"))
        // Without a document (no API key declared) too; a value-less name stays as written.
        #expect(
            RecordedExchange.displayURL("/x?token=SECRET&token&a%5Fkey=SECRET#frag", for: nil)
                == "/x?token=REDACTED&token&a%5Fkey=REDACTED#frag")
        // Split byte by byte, as the checks read it: a combining mark after `=` or `&` (one
        // Character with it) hides neither the delimiter nor the value.
        let marked = RecordedExchange.displayURL("https://me:p\u{303}w@h/x?token=\u{303}SECRET&\u{303}a=1&sig=S\u{303}ECRET", for: nil)
        #expect(marked == "https://REDACTED@h/x?token=REDACTED&\u{303}a=1&sig=REDACTED", "\(marked)")
    }

    /// Snippets show lines of the HAR file: every credential they may hold is masked, keeping
    /// the line's length so the caret stays under the value.
    @Test(arguments: [
        (
            #"{"request": {"url": "https://me:pw@h/x?limit=1&api_key=SECRET1&q=ok", "headers": [{"name": "Authorization", "value": "Bearer SECRET2"}]}}"#,
            #"{"request": {"url": "https://*****@h/x?limit=1&api_key=*******&q=ok", "headers": [{"name": "Authorization", "value": "**************"}]}}"#
        ),
        (
            #"  "queryString": [{"name": "access_token", "value": "SE\"CRET"}, {"name": "limit", "value": "5"}],"#,
            #"  "queryString": [{"name": "access_token", "value": "********"}, {"name": "limit", "value": "5"}],"#
        ),
        (#""url": "https://h/x?Signature=SECRET#frag""#, #""url": "https://h/x?Signature=******#frag""#),
        (
            #""cookies": [{"name": "sid", "value": "kept"}], "text": "a=b&password=SECRET""#,
            #""cookies": [{"name": "sid", "value": "kept"}], "text": "a=b&password=******""#
        ),
    ])
    func snippetLinesAreMasked(_ line: String, _ expected: String) throws {
        let masked = RecordedExchange.maskingCredentials(in: line, for: try itemsDocument())
        #expect(masked == expected)
        #expect(masked.unicodeScalars.count == line.unicodeScalars.count)
    }
}
