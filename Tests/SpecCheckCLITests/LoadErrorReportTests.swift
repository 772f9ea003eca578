import SpecSource
import Testing

@testable import spec_check

/// `LoadErrorReport` on its own: identical errors, small and large causes, number formatting.
@Suite("LoadErrorReport")
struct LoadErrorReportTests {
    static func error(_ code: String, _ message: String, line: UInt32, file: String = "a.yaml") -> SourceError {
        SourceError(code: code, message: message, location: SourceLocation(file: SourceFileID.intern(file), line: line, column: 3))
    }

    @Test func identicalErrorsArePrintedOnceInARun() {
        var report = LoadErrorReport(verbose: false)
        let same = Self.error("ref.unresolved", "cannot resolve $ref \"x\"", line: 4)
        let other = Self.error("ref.unresolved", "cannot resolve $ref \"y\"", line: 4)
        let (lines, new) = report.render([same, same, other, same])
        #expect(
            lines == [
                #"error: a.yaml:4:3: cannot resolve $ref "x" [ref.unresolved]"#,
                #"error: a.yaml:4:3: cannot resolve $ref "y" [ref.unresolved]"#,
            ])
        #expect(new == 2)
        // Printed before in this run: nothing new.
        let again = report.render([other, same])
        #expect(again.lines.isEmpty && again.new == 0)
    }

    @Test func aCauseOverTheLimitIsSummarisedOthersArePrintedInFull() {
        var errors = (1...1234).map {
            Self.error("ref.unresolved", "cannot resolve $ref \"r\($0)\"", line: UInt32($0), file: "f\($0 % 7).yaml")
        }
        errors.insert(Self.error("schema.invalid-keyword", "minLength must be a non-negative integer, found -1", line: 9), at: 500)
        var report = LoadErrorReport(verbose: false)
        let (lines, new) = report.render(errors)
        #expect(new == 1235)
        #expect(lines.count == 12)
        #expect(
            lines[0] == #"error: 1,234 unresolved references (ref.unresolved) in 7 files; first: f1.yaml:1:3: cannot resolve $ref "r1""#)
        #expect(lines[1] == #"error: f2.yaml:2:3: cannot resolve $ref "r2" [ref.unresolved]"#)
        #expect(lines[9] == #"error: f3.yaml:10:3: cannot resolve $ref "r10" [ref.unresolved]"#)
        #expect(lines[10] == "error: … and 1,224 more unresolved references (--verbose prints every one)")
        #expect(lines[11] == "error: a.yaml:9:3: minLength must be a non-negative integer, found -1 [schema.invalid-keyword]")

        var verbose = LoadErrorReport(verbose: true)
        #expect(verbose.render(errors).lines.count == 1235)
        // Exactly the limit: no summary.
        var atLimit = LoadErrorReport(verbose: false)
        #expect(atLimit.render(Array(errors.prefix(LoadErrorReport.examples))).lines.allSatisfy { !$0.contains("more") })
    }

    @Test(arguments: [(0, "0"), (7, "7"), (999, "999"), (1000, "1,000"), (3731, "3,731"), (1_234_567, "1,234,567"), (-4500, "-4,500")])
    func thousandsAreGrouped(_ n: Int, _ text: String) {
        #expect(LoadErrorReport.grouped(n) == text)
    }
}
