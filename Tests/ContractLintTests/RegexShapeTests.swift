import Testing

@testable import ContractLint

@Suite("lint: regex shapes")
struct RegexShapeTests {
    @Test(arguments: [
        #"(a+)+"#, #"^(\w*,?)*$"#, #"((ab)*c)*"#, #"(?:x{2,}y)+"#, #"(a{1,3})*"#, #"(?<word>[a-z]+\s?){2,}"#, #"([0-9]+-?)+x"#,
    ])
    func nestedRepetitionsAreFound(_ pattern: String) {
        #expect(RegexShape.nestsQuantifiers(pattern))
    }

    @Test(arguments: [#"(a+)?"#, #"(ab)+"#, #"a+b+"#, #"[(a+)]+"#, #"(a+){1}"#, #"\(a+\)+"#, #"(?=a+)b"#, #"(a+)(b+)"#, #"x{2}(y{0,1})+"#])
    func otherShapesAreNot(_ pattern: String) {
        #expect(!RegexShape.nestsQuantifiers(pattern))
    }

    @Test func theReasonNamesWhatNeedsBacktracking() {
        #expect(RegexShape.backtrackingReason(#"^(?=.*a)(a+)+$"#) == "uses lookaround")
        #expect(RegexShape.backtrackingReason(#"^(a+)+\1$"#) == "uses a back-reference")
        #expect(RegexShape.backtrackingReason(#"^(?i:a+)+$"#) == "uses the (?i:…) modifier")
    }
}
