import Foundation

/// A request, response or value that breaks the contract: every error, as a Swift error.
///
/// Thrown by the `check…` methods (the throwing variants of the `validate…` methods), so a test
/// can write `try contract.checkRequest(payload, for: "createVideos")` and a failed `#expect` /
/// `XCTAssertNoThrow`, a log line or `print(error)` shows every violation:
///
/// ```
/// the request of createVideos violates the contract (2 errors):
///   /prompt: expected string, found integer 42 (specs/openrouter-videos.yaml:239:11)
///   /aspect_ratio: "16:10" is not one of "16:9", "9:16", … (specs/openrouter-videos.yaml:189:11)
/// ```
///
/// Each error carries its instance path (a JSON pointer, under `/request` or `/response` for
/// whole exchanges), message and the spec's file:line:column (``SchemaValidation/SchemaViolation``).
/// Lookup failures (an unknown operation, a schema that does not compile) are not violations:
/// they are thrown as ``ContractError``.
public struct ContractViolation: Error, Sendable, CustomStringConvertible {
    /// What was checked: `the request of createVideos`, `response 202 of createVideos`, `the value`.
    public var subject: String
    /// The operation checked against, when there is one.
    public var operation: OpenAPIOperation?
    /// Every violation, in the order found (never empty).
    public var errors: [SchemaViolation]

    /// Creates a violation.
    public init(subject: String, operation: OpenAPIOperation? = nil, errors: [SchemaViolation]) {
        self.subject = subject
        self.operation = operation
        self.errors = errors
    }

    /// A first line naming the subject and the number of errors, then one indented line per error:
    /// `/instance/path: message (file:line:column)`. Control characters in messages are escaped,
    /// so each error stays one line.
    public var description: String {
        let count = errors.count == 1 ? "1 error" : "\(errors.count) errors"
        var text = "\(subject) violates the contract (\(count)):"
        for error in errors {
            text += "\n  " + JSONWriter.singleLine(error.description)
        }
        return text
    }
}

extension ContractViolation: LocalizedError {
    /// The same text as ``description``, for code that logs `localizedDescription`.
    public var errorDescription: String? { description }
}

extension ValidationResult {
    /// Throws the errors as a ``ContractViolation`` about `subject`; does nothing when valid.
    /// - Parameters:
    ///   - subject: What was checked, for the first line of the description.
    ///   - operation: The operation it was checked against.
    /// - Throws: ``ContractViolation`` when there are errors.
    public func throwIfInvalid(subject: String = "the value", operation: OpenAPIOperation? = nil) throws(ContractViolation) {
        if !errors.isEmpty { throw ContractViolation(subject: subject, operation: operation, errors: errors) }
    }
}

extension ExchangeResult {
    /// The errors as a ``ContractViolation`` (`nil` when valid); its subject names the part
    /// (request or response, from the errors' locations) and the operation.
    public var violation: ContractViolation? {
        guard !errors.isEmpty else { return nil }
        let part = errors.allSatisfy { $0.instanceLocation.hasPrefix("/response") } ? "the response" : "the request"
        let subject = operation.map { "\(part) of \($0.displayName)" } ?? part
        return ContractViolation(subject: subject, operation: operation, errors: errors)
    }

    /// Throws ``violation`` when there are errors; returns the result (with its warnings and
    /// unchecked items) otherwise.
    /// - Throws: ``ContractViolation``.
    @discardableResult
    public func throwIfInvalid() throws(ContractViolation) -> ExchangeResult {
        if let violation { throw violation }
        return self
    }
}
