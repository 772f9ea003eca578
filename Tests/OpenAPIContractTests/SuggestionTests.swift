import Foundation
import SpecSource
import Testing

@testable import OpenAPIContract

/// "Did you mean" hints over many names: equal ignoring case, then names that start with or
/// contain the input, then names near it by spelling; five at most, never the alphabet's first.
@Suite struct SuggestionTests {
    /// Names like a large document's schemas: 1,400 unrelated ones (`AaaSchema0000`…, first in
    /// alphabetical order) and a few related ones.
    static let names: [String] =
        (0..<1_400).map { "AaaSchema" + String(1_000_000 + $0).dropFirst(3) }
        + [
            "ChatCompletionList", "CreateChatCompletionRequest", "ChatCompletionRequestMessage", "Image", "CompletionUsage",
            "UsageResponse", "Response", "ResponseError", "CreateChatCompletionResponse",
        ]

    @Test(arguments: [
        // Equal ignoring case, alone.
        ("createchatcompletionrequest", #"did you mean "CreateChatCompletionRequest"?"#),
        // The nearest by spelling, when it stands out.
        ("Imgae", #"did you mean "Image"?"#),
        ("Respons", #"did you mean "Response"?"#),
        // Names that contain the input rank before one a few edits away ("Image" is two from
        // "Usage"), starting with it first.
        ("Usage", #"did you mean one of "UsageResponse", "CompletionUsage", "Image"?"#),
        // A misspelled part of a longer name ranks before a name with as many edits to the whole.
        (
            "ChatCompletionRequst",
            #"did you mean one of "CreateChatCompletionRequest", "ChatCompletionRequestMessage", "CreateChatCompletionResponse", "ChatCompletionList"?"#
        ),
        // The input's words among a name's, in order, rank before names near it by spelling
        // ("CreateBatchRequest" is two edits from a part); a word may be the start of one.
        ("ChatRequest", #"did you mean one of "CreateChatCompletionRequest", "ChatCompletionRequestMessage"?"#),
        ("chat_req", #"did you mean one of "CreateChatCompletionRequest", "ChatCompletionRequestMessage"?"#),
        // Names that hold the input from one of their words rank with those that start with it,
        // nearest first; held in the middle of a word, it is not related.
        (
            "ChatCompletionRequest",
            #"did you mean one of "CreateChatCompletionRequest", "ChatCompletionRequestMessage", "CreateChatCompletionResponse", "ChatCompletionList"?"#
        ),
        ("sageres", #"none is close; the nearest by spelling: "UsageResponse", "Image", "Response", "ResponseError", "AaaSchema0000", …"#),
    ])
    func hintsRankRelatedNames(_ input: String, _ expected: String) {
        #expect(suggestionHint(for: input, among: Self.names) == expected)
    }

    @Test func atMostFiveAreShownWithHowManyMore() {
        let widgets = (0..<12).map { "Widget\($0)" }
        let hint = suggestionHint(for: "widget", among: Self.names + widgets)
        #expect(hint == #"did you mean one of "Widget0", "Widget1", "Widget2", "Widget3", "Widget4"? (and 7 more)"#)
    }

    @Test func unrelatedInputsGetTheNearestNamesNotTheAlphabetsFirst() throws {
        // "Qxqxzzzz" sorts after 1,400 others, but is the nearest.
        let hint = try #require(suggestionHint(for: "Qxqxqxq", among: Self.names + ["Qxqxzzzz"]))
        #expect(hint.hasPrefix(#"none is close; the nearest by spelling: "Qxqxzzzz", "#), "\(hint)")
        // A handful of candidates are all listed, sorted.
        #expect(suggestionHint(for: "zzz", among: ["b", "a"]) == #"available: "a", "b""#)
        #expect(suggestionHint(for: "zzz", among: []) == nil)
    }

    @Test func aHugeInputIsNotCompared() {
        let huge = String(repeating: "Chat", count: 250_000)
        let started = Date()
        let hint = suggestionHint(for: huge, among: Self.names)
        #expect(Date().timeIntervalSince(started) < 5)
        #expect(hint?.hasPrefix("none is close") == true)
    }

    /// A hostile document's names: many long ones, and a huge one. Equal, prefix and containment
    /// matches are still found past the work budget.
    @Test func manyLongNamesAreBoundedWork() {
        let long = (0..<2_000).map { "N\($0)" + String(repeating: "abcdefghij", count: 100) }
        let huge = String(repeating: "x", count: 5_000_000)
        let input = String(repeating: "klmnopqrst", count: 25)
        let started = Date()
        let hint = suggestionHint(for: input, among: long + [huge, "N1999" + input + "z"])
        // Unbounded, a billion steps; with the budget, a fraction of a second in a release build.
        #expect(Date().timeIntervalSince(started) < 20)
        #expect(hint == "did you mean \(JSONWriter.quoted("N1999" + input + "z"))?")
    }

    @Test func wordsSplitCaseDigitsAndSeparators() {
        #expect(NameRanking.words("CreateChatCompletionRequest") == ["create", "chat", "completion", "request"])
        #expect(NameRanking.words("HTTPRequest_v2-beta.json") == ["http", "request", "v", "2", "beta", "json"])
        #expect(NameRanking.words("aspect_ratio") == ["aspect", "ratio"])
        #expect(NameRanking.words("") == [])
    }

    @Test func partDistanceCountsEditsToTheBestPart() {
        func d(_ input: String, _ candidate: String) -> Int {
            NameRanking.partDistance(input.unicodeScalars.map(\.value), in: candidate.unicodeScalars.map(\.value))
        }
        #expect(d("usage", "completionusage") == 0)
        #expect(d("requst", "createrequest") == 1)
        #expect(d("reqeust", "createrequest") == 1)  // a swap of neighbours is one edit
        #expect(d("xyz", "abc") == 3)
        #expect(d("abc", "") == 3)
    }
}
