import OpenAPIContract

#if canImport(Testing)
    import Testing
#endif
#if canImport(XCTest)
    import XCTest
#endif

/// Where an assertion was called, in the forms both test frameworks take.
struct CallerLocation {
    var fileID: String
    var filePath: StaticString
    var line: UInt
    var column: UInt
}

/// Records failures in whichever framework runs the current test.
enum ContractFailure {
    /// One failure listing every error of `result` (nothing when it is valid).
    static func record(_ result: ExchangeResult, _ at: CallerLocation) {
        if let violation = result.violation { record(violation.description, at) }
    }

    /// Where a failure is sent.
    enum Channel: Equatable {
        /// `Issue.record`, heard by a running Swift Testing run.
        case issue
        /// `XCTFail`, heard by a running XCTest test case.
        case xctFailure
    }

    /// The channels for a failure. Within a Swift Testing test (`Test.current` is set), an issue.
    /// Outside one, which is either an XCTest test or Swift Testing work that left the test's task
    /// (`Task.detached`, a server's handler, a callback), both: measured with Swift 6.3 on Linux,
    /// `Issue.record` inside an XCTest test is dropped without a word and `XCTFail` with no XCTest
    /// case running does nothing, so exactly one of the two is heard. With the issue alone, a
    /// violation found in a detached task passed silently under Swift Testing (a new user's trial).
    static func channels(swiftTestingTestIsCurrent: Bool) -> [Channel] {
        swiftTestingTestIsCurrent ? [.issue] : [.issue, .xctFailure]
    }

    /// Records `message` at `at` on the ``channels(swiftTestingTestIsCurrent:)``.
    static func record(_ message: String, _ at: CallerLocation) {
        #if canImport(Testing)
            let channels = channels(swiftTestingTestIsCurrent: Test.current != nil)
            if channels.contains(.issue) {
                Issue.record(
                    Comment(rawValue: message),
                    sourceLocation: Testing.SourceLocation(
                        fileID: at.fileID, filePath: "\(at.filePath)", line: Int(at.line), column: Int(at.column)))
            }
            guard channels.contains(.xctFailure) else { return }
        #endif
        #if canImport(XCTest)
            XCTFail(message, file: at.filePath, line: at.line)
        #else
            print("\(at.filePath):\(at.line): error: \(message)")
        #endif
    }
}
