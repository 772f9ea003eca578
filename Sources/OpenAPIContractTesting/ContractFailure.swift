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

    /// Records `message` at `at`: a Swift Testing issue when a Swift Testing test is running,
    /// else an XCTest failure.
    static func record(_ message: String, _ at: CallerLocation) {
        #if canImport(Testing)
            if Test.current != nil {
                Issue.record(
                    Comment(rawValue: message),
                    sourceLocation: Testing.SourceLocation(
                        fileID: at.fileID, filePath: "\(at.filePath)", line: Int(at.line), column: Int(at.column)))
                return
            }
        #endif
        #if canImport(XCTest)
            XCTFail(message, file: at.filePath, line: at.line)
        #else
            print("\(at.filePath):\(at.line): error: \(message)")
        #endif
    }
}
