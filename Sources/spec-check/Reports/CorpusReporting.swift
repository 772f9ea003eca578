import ContractCorpus
import Foundation
import SchemaValidation
import SpecSource

/// What `corpus` adds to its report for each event, in the chosen `--format`: a JSON line, a case
/// of a JUnit or SARIF report (a test suite per group), GitHub annotations.
///
/// A fixture that behaves as its manifest says passes, and its (expected) errors are not listed
/// as findings; a fixture that does not fails with the expectation's message and every error and
/// warning it produced, each located in the fixture file.
struct CorpusReporting {
    let format: CaseReportFormat
    /// The corpus folder with a trailing `/`.
    let root: String

    /// A line (JSON or annotations; empty for none) and a case (for JUnit, SARIF and annotations).
    struct Item {
        var line: String
        var record: CaseRecord?
    }

    /// Adds `item` to standard output (when it is the report) or to the `--output` report.
    func emit(_ item: Item, _ out: inout OutputBuffer, _ sink: inout RunOutput, text: Bool) {
        if let record = item.record { sink.add(record) }
        guard !item.line.isEmpty else { return }
        if sink.textOnTerminal { sink.add(line: item.line) } else if !text { out.line(item.line) }
    }

    func fixture(_ result: FixtureResult, group: String) -> Item {
        let (file, line) = Self.split(result.name)
        let status: CaseRecord.Status =
            result.passed
            ? .passed
            : result.notChecked || result.failure?.hasPrefix("cannot be parsed") == true ? .error : .failed
        var record = CaseRecord(
            suite: group, name: result.name, file: root + file,
            position: line.map { SourceLocation(file: SourceFileID.intern(root + file), line: UInt32($0), column: 1) },
            status: status, message: result.failure,
            messageCode: status == .passed ? nil : status == .error ? "check.failed" : "corpus.expectation-failed")
        if (!result.passed || !result.unchecked.isEmpty) && format != .json && format != .text {
            let instance =
                (result.errors.isEmpty && result.warnings.isEmpty && result.unchecked.isEmpty) ? nil : instanceValue(file: file, line: line)
            record.findings = CaseFindings.findings(
                result.passed ? [] : result.errors, warnings: result.passed ? [] : result.warnings, unchecked: result.unchecked,
                in: instance)
        }
        guard format == .json || format == .github else { return Item(line: "", record: record) }
        if format == .github { return Item(line: GitHubAnnotations.render(record), record: nil) }
        var json =
            "{\"group\":" + JSONWriter.quoted(group) + ",\"fixture\":" + JSONWriter.quoted(result.name)
            + ",\"passed\":" + (result.passed ? "true" : "false") + ",\"expected\":" + JSONWriter.quoted(result.expectation.description)
        if let failure = result.failure { json += ",\"failure\":" + JSONWriter.quoted(failure) }
        json +=
            ",\"errors\":[" + result.errors.map(Report.json).joined(separator: ",") + "],\"warnings\":["
            + result.warnings.map(Report.json).joined(separator: ",") + "],\"unchecked\":["
            + result.unchecked.map(Report.json).joined(separator: ",") + "]}"
        return Item(line: json, record: nil)
    }

    func missingFixture(_ location: SourceLocation, group: String) -> Item {
        let record = CaseRecord(
            suite: group, name: location.description, file: location.file.path, position: location, status: .failed,
            message: "listed fixture does not exist", messageCode: "corpus.fixture-missing", messageLocation: location)
        return item(
            record,
            json: "{\"group\":" + JSONWriter.quoted(group) + ",\"missingFixture\":" + JSONWriter.quoted(location.description)
                + ",\"passed\":false,\"failure\":\"listed fixture does not exist\"}")
    }

    func uncovered(_ fixture: String) -> Item {
        let record = CaseRecord(
            suite: "uncovered fixtures", name: fixture, file: root + fixture, status: .failed,
            message: "not covered by any group of the manifest", messageCode: "corpus.fixture-uncovered")
        return item(
            record,
            json: "{\"fixture\":" + JSONWriter.quoted(fixture)
                + ",\"passed\":false,\"failure\":\"not covered by any group of the manifest\"}")
    }

    func groupNotRun(_ group: CorpusManifest.Group, _ first: SourceError?) -> Item {
        let message = "group is not run: its target does not load" + (first.map { " (\($0.description))" } ?? "")
        let record = CaseRecord(
            suite: group.name, name: "group \(group.name)", file: group.location.file.path, position: group.location,
            status: .error, message: message, messageCode: first?.code, messageLocation: first?.location ?? group.location)
        return item(
            record,
            json: "{\"group\":" + JSONWriter.quoted(group.name) + ",\"passed\":false,\"failure\":" + JSONWriter.quoted(message)
                + ",\"source\":" + JSONWriter.quoted(group.location.description) + "}")
    }

    func groupFailed(_ group: CorpusManifest.Group, _ message: String) -> Item {
        let record = CaseRecord(
            suite: group.name, name: "group \(group.name)", file: group.location.file.path, position: group.location,
            status: .error, message: message, messageLocation: group.location)
        return item(
            record,
            json: "{\"group\":" + JSONWriter.quoted(group.name) + ",\"passed\":false,\"failure\":" + JSONWriter.quoted(message)
                + ",\"source\":" + JSONWriter.quoted(group.location.description) + "}")
    }

    private func item(_ record: CaseRecord, json: String) -> Item {
        switch format {
        case .json: return Item(line: json, record: nil)
        case .github: return Item(line: GitHubAnnotations.render(record), record: nil)
        default: return Item(line: "", record: record)
        }
    }

    /// `FILE`, `FILE:LINE` (JSON Lines) or `FILE#INDEX` (a HAR entry) → the file and the line.
    static func split(_ name: String) -> (file: String, line: Int?) {
        if let hash = name.lastIndex(of: "#"), name[name.index(after: hash)...].allSatisfy(\.isNumber),
            String(name[..<hash]).lowercased().hasSuffix(".har")
        {
            return (String(name[..<hash]), nil)
        }
        if let colon = name.lastIndex(of: ":"), let line = Int(name[name.index(after: colon)...]),
            InstanceFiles.isJSONLines(String(name[..<colon]))
        {
            return (String(name[..<colon]), line)
        }
        return (name, nil)
    }

    /// The fixture's instance, read again to locate errors (only for failures with errors).
    private func instanceValue(file: String, line: Int?) -> JSONValue? {
        let inputs = InstanceFiles.load(root + file)
        if let line { return inputs.first { $0.name.hasSuffix(":\(line)") }.flatMap { try? $0.value.get() } }
        return inputs.count == 1 ? try? inputs[0].value.get() : nil
    }
}
