import Testing

@testable import SpecSource

/// Parses `text` as YAML (shared by the YAMLReader suites).
func yaml(_ text: String, limits: LoadLimits = LoadLimits()) throws(SourceError) -> JSONValue {
    try YAMLReader.parse(Array(text.utf8), file: .none, limits: limits)
}

/// The error parsing `bytes` throws (records a test failure when it parses).
func yamlError(_ bytes: [UInt8], limits: LoadLimits = LoadLimits(), sourceLocation: Testing.SourceLocation = #_sourceLocation)
    -> SourceError?
{
    do {
        let value = try YAMLReader.parse(bytes, file: .none, limits: limits)
        Issue.record("expected an error, got \(value)", sourceLocation: sourceLocation)
        return nil
    } catch {
        return error
    }
}

func yamlError(_ text: String, limits: LoadLimits = LoadLimits(), sourceLocation: Testing.SourceLocation = #_sourceLocation)
    -> SourceError?
{
    yamlError(Array(text.utf8), limits: limits, sourceLocation: sourceLocation)
}

/// A location in an in-memory text.
func at(_ line: UInt32, _ column: UInt32) -> SpecSource.SourceLocation {
    SpecSource.SourceLocation(file: .none, line: line, column: column)
}
