import Foundation
import SpecSource

/// What a rule is set to: off, or the severity its findings get.
public enum LintLevel: String, Sendable, Hashable, CaseIterable {
    /// The rule does not run.
    case off
    /// Findings are warnings.
    case warning
    /// Findings are errors.
    case error

    /// The severity, or `nil` for ``off``.
    public var severity: LintSeverity? {
        switch self {
        case .off: return nil
        case .warning: return .warning
        case .error: return .error
        }
    }
}

/// Which rules run and at which severity, and what else the rules should know.
///
/// Read from `.spec-check.yaml` at the repository root (see <doc:LintConfigurationFile>) and from
/// `--rule ID=LEVEL` options, which win over the file:
///
/// ```yaml
/// lint:
///   rules:
///     component-unused: off
///     oas30-schema-example: error
///   formats: [currency-code, phone]   # formats your own checkers know
/// ```
public struct LintConfiguration: Sendable, Equatable {
    /// Rule identifier → level, for the rules whose default is changed.
    public var levels: [String: LintLevel]
    /// `format` values that are known although spec-check has no checker for them (your
    /// ``SchemaValidation/SchemaOptions/customFormats``): `format-unknown` skips them.
    public var knownFormats: Set<String>

    /// Creates a configuration; every rule not in `levels` keeps its default severity.
    public init(levels: [String: LintLevel] = [:], knownFormats: Set<String> = []) {
        self.levels = levels
        self.knownFormats = knownFormats
    }

    /// The severity findings of `rule` get, or `nil` when it is off.
    public func severity(of rule: LintRule) -> LintSeverity? {
        guard let level = levels[rule.id] else { return rule.defaultSeverity }
        return level.severity
    }

    /// The file name looked for at the repository root.
    public static let fileName = ".spec-check.yaml"

    /// The `.spec-check.yaml` that applies in `directory`: the nearest one in it or a parent
    /// directory, stopping at the repository root (the first directory holding `.git`).
    /// - Returns: Its path, or `nil` when there is none.
    public static func findFile(from directory: String) -> String? {
        var url = URL(fileURLWithPath: directory, isDirectory: true).standardizedFileURL
        let manager = FileManager.default
        for _ in 0..<256 {
            let candidate = url.appendingPathComponent(fileName).path
            if manager.fileExists(atPath: candidate) { return candidate }
            if manager.fileExists(atPath: url.appendingPathComponent(".git").path) { return nil }
            let parent = url.deletingLastPathComponent()
            if parent.path == url.path { return nil }
            url = parent
        }
        return nil
    }

    /// Reads the `lint` section of a `.spec-check.yaml` file (other top-level sections are left
    /// to the commands they belong to).
    /// - Throws: ``SpecSource/SourceError`` for a file that cannot be read, an unknown rule or
    ///   level, or a value of the wrong type, located in the file.
    public static func load(contentsOf path: String) throws(SourceError) -> LintConfiguration {
        try LintConfiguration(parsing: try SourceLoader.load(contentsOf: path))
    }

    /// Reads the `lint` section of a parsed configuration document.
    /// - Throws: ``SpecSource/SourceError`` for an unknown key, rule or level, located.
    public init(parsing document: JSONValue) throws(SourceError) {
        self.init()
        guard let root = document.objectValue else {
            if document.isNull { return }  // an empty file
            throw SourceError(
                code: "config.invalid", message: "a configuration file must be a mapping, found \(document.typeName)",
                location: document.location)
        }
        guard let lint = root.member("lint") else { return }
        guard let section = lint.value.objectValue else {
            if lint.value.isNull { return }
            throw SourceError(
                code: "config.invalid", message: "lint must be a mapping, found \(lint.value.typeName)", location: lint.value.location)
        }
        for member in section {
            switch member.key {
            case "rules":
                guard let rules = member.value.objectValue else {
                    throw SourceError(
                        code: "config.invalid", message: "lint.rules must be a mapping of rule identifiers to off, warning or error",
                        location: member.value.location)
                }
                for rule in rules {
                    guard LintRule.named(rule.key) != nil else {
                        throw SourceError(
                            code: "config.unknown-rule",
                            message: "unknown lint rule \(JSONWriter.quoted(rule.key))" + Self.suggestion(for: rule.key),
                            location: rule.keyLocation)
                    }
                    // `off` is a string in YAML 1.2; `false` is accepted for those who think in 1.1.
                    let level = rule.value.boolValue == false ? LintLevel.off : rule.value.stringValue.flatMap(LintLevel.init(rawValue:))
                    guard let level else {
                        throw SourceError(
                            code: "config.invalid", message: "the level of \(rule.key) must be off, warning or error, found \(rule.value)",
                            location: rule.value.location)
                    }
                    levels[rule.key] = level
                }
            case "formats":
                guard let list = member.value.arrayValue, list.allSatisfy({ $0.stringValue != nil }) else {
                    throw SourceError(
                        code: "config.invalid", message: "lint.formats must be a list of format names", location: member.value.location)
                }
                knownFormats.formUnion(list.compactMap(\.stringValue))
            default:
                throw SourceError(
                    code: "config.invalid", message: "unknown key \(JSONWriter.quoted(member.key)) in lint (expected rules or formats)",
                    location: member.keyLocation)
            }
        }
    }

    /// Applies one `ID=LEVEL` option (`component-unused=off`).
    /// - Throws: ``LintConfigurationError`` naming the problem.
    public mutating func apply(option: String) throws(LintConfigurationError) {
        guard let equals = option.firstIndex(of: "=") else {
            throw LintConfigurationError("--rule takes ID=off|warning|error, found \(JSONWriter.quoted(option))")
        }
        let id = String(option[..<equals])
        let value = String(option[option.index(after: equals)...])
        guard LintRule.named(id) != nil else {
            throw LintConfigurationError("unknown lint rule \(JSONWriter.quoted(id))" + Self.suggestion(for: id))
        }
        guard let level = LintLevel(rawValue: value) else {
            throw LintConfigurationError("the level of \(id) must be off, warning or error, found \(JSONWriter.quoted(value))")
        }
        levels[id] = level
    }

    private static func suggestion(for id: String) -> String {
        let close = LintRule.all.map(\.id).filter { $0.hasPrefix(id.prefix(6)) || id.hasPrefix($0.prefix(6)) }
        return close.isEmpty
            ? "; `spec-check lint --list-rules` lists them"
            : "; did you mean \(close.prefix(3).map { JSONWriter.quoted($0) }.joined(separator: " or "))?"
    }
}

/// A `--rule` option that names no rule or no level.
public struct LintConfigurationError: Error, Sendable, CustomStringConvertible {
    /// What is wrong.
    public let message: String
    init(_ message: String) { self.message = message }
    /// A short, human-readable form of the value.
    public var description: String { message }
}
