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
        /// Not checked on purpose (a HAR entry to another origin, a CORS preflight): neither passed
        /// nor failed (JUnit `skipped`, SARIF `notApplicable`); ``CaseRecord/message`` says why.
        case skipped
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
    /// How a finding counts: an error fails its case; a warning and a note do not. A note says
    /// what could not be checked (a binary body, a body sent but not recorded): SARIF `note`,
    /// GitHub `notice`.
    enum Level: Sendable {
        case error, warning, note
    }

    var error: SchemaViolation
    var level = Level.error
    /// The instance's file:line:column of ``error``'s `instanceLocation`, when found.
    var instancePosition: SourceLocation?

    var isWarning: Bool { level == .warning }
    var isError: Bool { level == .error }

    /// The word before a finding that is not an error (`warning: `, `not checked: `).
    var label: String {
        switch level {
        case .error: ""
        case .warning: "warning: "
        case .note: "not checked: "
        }
    }
}

/// Joins a case's errors with where they are in the instance's own file.
enum CaseFindings {
    /// The findings of `errors` and `warnings`: each error's own ``SchemaValidation/SchemaViolation/instancePosition``
    /// (set by validation, HAR and exchange checks), else the position of its instance location in
    /// `instance` (``SpecSource/InstancePosition``).
    static func findings(
        _ errors: [SchemaViolation], warnings: [SchemaViolation] = [], unchecked: [SchemaViolation] = [],
        in instance: JSONValue?
    ) -> [Finding] {
        func position(_ error: SchemaViolation) -> SourceLocation? {
            error.instancePosition ?? instance.flatMap { SpecSource.InstancePosition.location(of: error.instanceLocation, in: $0) }
        }
        return errors.map { Finding(error: $0, instancePosition: position($0)) }
            + warnings.map { Finding(error: $0, level: .warning, instancePosition: position($0)) }
            + unchecked.map { Finding(error: $0, level: .note, instancePosition: position($0)) }
    }
}
