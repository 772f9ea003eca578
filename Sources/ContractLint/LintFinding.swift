import SpecSource

/// One problem `spec-check lint` found in a description.
public struct LintFinding: Sendable, Hashable, CustomStringConvertible {
    /// The rule's stable identifier (see ``LintRule``).
    public var rule: String
    /// The severity after configuration.
    public var severity: LintSeverity
    /// What is wrong and, for dialect slips, how spec-check reads it.
    public var message: String
    /// Where it is: the file (as the document or the reference that reached it names it), line and
    /// column of the offending keyword or value.
    public var location: SourceLocation
    /// The RFC 6901 URI fragment of the offending node inside the file of ``location``
    /// (`#/paths/~1videos/post`).
    public var pointer: String

    /// Creates a finding.
    public init(rule: String, severity: LintSeverity, message: String, location: SourceLocation, pointer: String) {
        self.rule = rule
        self.severity = severity
        self.message = message
        self.location = location
        self.pointer = pointer
    }

    /// `file:line:col: severity: message [rule]`.
    public var description: String {
        "\(location): \(severity.rawValue): \(message) [\(rule)]"
    }
}

/// The outcome of linting one description.
public struct LintReport: Sendable {
    /// Every finding, sorted by file, line, column and rule; none twice.
    public var findings: [LintFinding]
    /// Remarks that are not findings about the description: overlay targets that selected
    /// nothing, rules that could not run because the document does not load.
    public var notes: [String]
    /// The identifiers of switched-on rules that did not run: those whose findings would rest on
    /// the whole description (`component-unused`) when some of its references do not resolve.
    /// ``notes`` says so too.
    public var skippedRules: [String] = []

    /// Creates a report, sorting and de-duplicating `findings`.
    public init(findings: [LintFinding], notes: [String] = []) {
        var seen = Set<LintFinding>()
        self.findings = findings.filter { seen.insert($0).inserted }.sorted {
            ($0.location.file.path, $0.location.line, $0.location.column, $0.rule, $0.message)
                < ($1.location.file.path, $1.location.line, $1.location.column, $1.rule, $1.message)
        }
        self.notes = notes
    }

    /// The number of findings with severity ``LintSeverity/error``.
    public var errorCount: Int { findings.count { $0.severity == .error } }
    /// The number of findings with severity ``LintSeverity/warning``.
    public var warningCount: Int { findings.count { $0.severity == .warning } }
    /// Whether some finding is an error (`spec-check lint` then exits with status 1).
    public var hasErrors: Bool { findings.contains { $0.severity == .error } }

    /// The number of findings per rule identifier.
    public var countsByRule: [String: Int] {
        var counts: [String: Int] = [:]
        for finding in findings { counts[finding.rule, default: 0] += 1 }
        return counts
    }
}
