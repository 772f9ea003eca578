import Foundation
import SchemaValidation
import SpecSource

/// One checked unit for the collected report formats (JUnit, SARIF) and GitHub annotations: an
/// instance of `validate`, a fixture of `corpus`, an entry of `har`.
struct CaseRecord: Sendable {
    enum Status: Sendable {
        /// Valid (or, in a corpus, as expected).
        case passed
        /// Invalid (or, in a corpus, not as expected): a test failure.
        case failed
        /// Could not be read or checked: no verdict (JUnit `error`).
        case error
    }

    /// The group the case belongs to (JUnit `testsuite`): the command and target, a corpus group,
    /// a HAR file.
    var suite: String
    /// The case's name (JUnit `testcase` name): `file`, `file:LINE`, `file#N METHOD URL`.
    var name: String
    /// The file the case's results are located in (an instance file, a fixture, a HAR file).
    var file: String
    /// Where the case starts in ``file`` (a JSON Lines line, a HAR entry), when known.
    var position: SourceLocation?
    var status: Status
    /// What went wrong, in one line, for a case without findings (a corpus expectation, a file
    /// that cannot be read) or as the failure's summary.
    var message: String?
    /// The catalogue code of ``message`` (a load error's code), when it has one.
    var messageCode: String?
    /// Where ``message`` points, when it has a location (a parse error).
    var messageLocation: SourceLocation?
    var findings: [Finding] = []
    /// Seconds spent checking the case.
    var time: Double = 0
}

/// One error or warning of a case, with where it is in the instance.
struct Finding: Sendable {
    var error: SchemaValidation.ValidationError
    var isWarning = false
    /// The instance's file:line:column of ``error``'s `instanceLocation`, when found.
    var instancePosition: SourceLocation?
}

/// The position of an instance location in the instance's file. A stand-in until errors carry
/// their own `instancePosition` (which will replace this lookup).
enum InstancePosition {
    /// Where `instanceLocation` (a JSON pointer) is in `instance`: the node it names, else its
    /// deepest ancestor that exists (a `required` error names the object, which exists; a pointer
    /// into an exchange's `/request/body` names nothing of a fixture file, whose root is then
    /// given). `nil` when the instance has no position (it was not read from a file).
    static func locate(_ instanceLocation: String, in instance: JSONValue) -> SourceLocation? {
        var node = instance
        if instanceLocation.hasPrefix("/") {
            for raw in instanceLocation.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
                let token = raw.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
                if let object = node.objectValue, let member = object.member(token) {
                    node = member.value
                } else if let array = node.arrayValue, let index = JSONPointer.arrayIndex(token), index < array.count {
                    node = array[index]
                } else {
                    break
                }
            }
        }
        return node.location.isKnown ? node.location : nil
    }

    /// The findings of `errors` and `warnings` located in `instance`.
    static func findings(
        _ errors: [SchemaValidation.ValidationError], warnings: [SchemaValidation.ValidationError] = [],
        in instance: JSONValue?
    ) -> [Finding] {
        func position(_ error: SchemaValidation.ValidationError) -> SourceLocation? {
            instance.flatMap { locate(error.instanceLocation, in: $0) }
        }
        return errors.map { Finding(error: $0, instancePosition: position($0)) }
            + warnings.map { Finding(error: $0, isWarning: true, instancePosition: position($0)) }
    }
}
