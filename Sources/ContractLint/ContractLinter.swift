import OpenAPIContract
import SchemaValidation
import SpecSource

/// Checks an OpenAPI 3.0 / 3.1 / 3.2 description against itself: its structure against the
/// official schema, its examples and defaults against their schemas, its discriminators, its
/// operations and path templates, and the 3.0 spellings and other bends that spec-check reads
/// one way while the specification says another.
///
/// ```swift
/// let linter = ContractLinter(configuration: try LintConfiguration.load(contentsOf: ".spec-check.yaml"))
/// let report = try linter.lint(contentsOf: "openapi.yaml")
/// for finding in report.findings { print(finding) }   // file:line:col: error: … [example-invalid]
/// ```
///
/// Every finding carries a rule identifier from ``LintRule/all``, its severity after
/// configuration, and the file, line, column and JSON pointer of the offending node (in the file
/// that holds it, for multi-file descriptions). Rules that are off do no work.
public struct ContractLinter: Sendable {
    /// Which rules run, at which severity.
    public var configuration: LintConfiguration
    /// How schemas compile (formats, custom formats, where referenced documents come from);
    /// examples and defaults are validated with these options.
    public var options: SchemaOptions

    /// Creates a linter.
    public init(configuration: LintConfiguration = LintConfiguration(), options: SchemaOptions = SchemaOptions()) {
        self.configuration = configuration
        self.options = options
    }

    /// Reads a description (YAML or JSON), applies overlays in order, and lints the result.
    /// - Parameters:
    ///   - path: The OpenAPI document; documents it references are read relative to it.
    ///   - overlays: OpenAPI Overlay files applied before linting.
    /// - Returns: The findings, and notes (overlay targets that selected nothing).
    /// - Throws: ``SpecSource/SourceErrors`` when the document or an overlay cannot be read or
    ///   applied, or the document is not an OpenAPI 3.0–3.2 document: nothing can be linted.
    public func lint(contentsOf path: String, overlays: [String] = []) throws(SourceErrors) -> LintReport {
        var document: JSONValue
        var notes: [String] = []
        do {
            document = try SourceLoader.load(contentsOf: path)
            for overlayPath in overlays {
                let overlay = try Overlay.load(contentsOf: overlayPath)
                let (applied, warnings) = try overlay.apply(to: document)
                document = applied
                notes += warnings.map(\.description)
            }
        } catch {
            throw SourceErrors([error])
        }
        var report = try lint(document, uri: SchemaGraphBuilder.fileURI(forPath: path))
        report.notes = notes + report.notes
        return report
    }

    /// Lints a parsed description.
    /// - Parameters:
    ///   - document: The OpenAPI document.
    ///   - uri: Its retrieval URI (relative references resolve against it).
    /// - Throws: ``SpecSource/SourceErrors`` when it is not an OpenAPI 3.0–3.2 document.
    public func lint(_ document: JSONValue, uri: String) throws(SourceErrors) -> LintReport {
        var findings: [LintFinding] = []
        var notes: [String] = []
        if let severity = configuration.severity(of: .oasSchema) {
            switch OASSchemaRule.check(document, severity: severity) {
            case .success(let found): findings += found
            case .failure(let note): notes.append(note.text)
            }
        }
        let loaded: OpenAPIDocument
        do {
            // References that do not resolve are reported, and the rules check everything else.
            loaded = try OpenAPIDocument(
                document: document, uri: uri, options: options, compilation: .onDemand, overlayWarnings: [], findsOperations: true,
                keepsReferenceErrors: true)
        } catch {
            // Not an OpenAPI 3.x document at all: there is nothing to lint.
            if let fatal = error.errors.first(where: { $0.code.hasPrefix("openapi.") }) { throw SourceErrors([fatal]) }
            findings += loadFindings(error.errors)
            notes.append("the other rules need a document that loads: fix the errors above and lint again")
            return LintReport(
                findings: Self.withPointers(findings) { file in file == document.location.file ? document : nil }, notes: notes)
        }
        let unresolved = loaded.referenceErrors
        findings += loadFindings(unresolved)
        let context = LintContext(
            document: loaded, configuration: configuration, unresolvedReferences: Set(unresolved.map(\.location)))
        run(context)
        if context.hasUnresolvedReferences {
            notes.append(Self.unresolvedNote(count: context.unresolvedReferences.count, context))
        }
        // A compile error that a rule explains better (a mapping naming nothing) is left to it, and
        // a reference that does not resolve is reported once, from the load. A reference error is
        // explained only by a discriminator mapping finding: a warning at the same place (the
        // `properties-ref` a broken `properties: {$ref}` is also written as) does not replace it.
        let loadLocations = Set(unresolved.map(\.location))
        let explained = Set(context.findings.map(\.location))
        let explainedReferences = Set(context.findings.filter { $0.rule.hasPrefix("discriminator-mapping-") }.map(\.location))
        let compiled = loadFindings(
            compileErrors(loaded).filter { error in
                !loadLocations.contains(error.location)
                    && !(error.code.hasPrefix("ref.") ? explainedReferences : explained).contains(error.location)
            })
        var all = Self.withPointers(findings + compiled + context.findings) { file in
            file == document.location.file ? document : context.resolve(SchemaGraphBuilder.fileURI(forPath: file.path), from: uri)?.value
        }
        // A value the official schema rejects (`type: strng`) also fails to compile: one finding,
        // the `oas-schema` one, which names the official schema's rule and the nearest valid value.
        // (Only an error replaces it: an `oas-schema` configured as a warning must not lower the verdict.)
        // (A pointer is a fragment in its finding's file: the same one in two files is two places.)
        let rejected = Set(
            all.filter { $0.rule == LintRule.oasSchema.id && $0.severity == .error }.map { [$0.location.file.path, $0.pointer] })
        all.removeAll { $0.rule == LintRule.schemaCompile.id && rejected.contains([$0.location.file.path, $0.pointer]) }
        var report = LintReport(findings: all, notes: notes + context.notes)
        report.skippedRules = context.skippedRules.filter { configuration.severity(of: $0) != nil }.map(\.id)
        return report
    }

    /// The note of a document some of whose references do not resolve: which rules did not run,
    /// which ran on part of the document, and what no rule could reach.
    static func unresolvedNote(count: Int, _ context: LintContext) -> String {
        let references = count == 1 ? "1 reference does not resolve" : "\(count) references do not resolve"
        var parts: [String] = []
        let skipped = context.skippedRules.filter(context.isOn)
        if !skipped.isEmpty {
            parts.append(
                "\(skipped.count) rule\(skipped.count == 1 ? "" : "s") did not run (\(skipped.map(\.id).joined(separator: ", ")): a component may be used only from what \(count == 1 ? "it designates" : "they designate"))"
            )
        }
        for (rule, count) in context.partialRules where context.isOn(rule) && count > 0 {
            let (place, what) = rule == .pathParameterUndeclared ? ("operation", "parameters") : ("discriminator", "allOf children")
            parts.append("\(rule.id) skipped \(count) \(place)\(count == 1 ? "" : "s") whose \(what) cannot all be read")
        }
        parts.append(
            "what they designate is not checked, nor are examples and defaults whose schema reaches them; the other rules ran on the rest of the document"
        )
        return references + ": " + parts.joined(separator: "; ")
    }

    /// Gives the findings that carry only a position (load and compile errors) the pointer of
    /// the node written there, looked up in the document holding it.
    static func withPointers(_ findings: [LintFinding], root: (SourceFileID) -> JSONValue?) -> [LintFinding] {
        guard findings.contains(where: { $0.pointer.isEmpty }) else { return findings }
        var tables: [SourceFileID: [SourceLocation: JSONPointer]] = [:]
        return findings.map { finding in
            guard finding.pointer.isEmpty, finding.location.isKnown else { return finding }
            let file = finding.location.file
            if tables[file] == nil { tables[file] = root(file).map(pointerTable) ?? [:] }
            var found = finding
            found.pointer = tables[file]?[finding.location].map { "#" + $0.fragment } ?? ""
            return found
        }
    }

    /// Position → pointer of the node written there: a member's key names the member; a value
    /// that starts where nothing else is written names itself.
    private static func pointerTable(_ root: JSONValue) -> [SourceLocation: JSONPointer] {
        var table: [SourceLocation: JSONPointer] = [:]
        var stack: [(JSONValue, JSONPointer)] = [(root, .root)]
        while let (value, pointer) = stack.popLast() {
            if table[value.location] == nil { table[value.location] = pointer }
            switch value.kind {
            case .object(let object):
                for member in object {
                    let child = pointer.appending(member.key)
                    table[member.keyLocation] = child
                    stack.append((member.value, child))
                }
            case .array(let items):
                for (i, item) in items.enumerated() { stack.append((item, pointer.appending(i))) }
            default:
                break
            }
        }
        return table
    }

    /// Every rule that needs the loaded document, in order.
    private func run(_ context: LintContext) {
        let nodes = SchemaTraversal.nodes(context)
        OASSchemaRule.checkOtherFiles(nodes, context)
        SchemaKeywordRules.check(nodes, context)
        DiscriminatorRules.check(nodes, context)
        ExampleRules.check(nodes, context)
        OperationRules.check(context)
        StructureRules.check(context)
    }

    /// Every schema of the document, compiled now: the problems inside schemas that loading on
    /// demand leaves for first use.
    private func compileErrors(_ document: OpenAPIDocument) -> [SourceError] {
        guard configuration.severity(of: .schemaCompile) != nil || configuration.severity(of: .referenceUnresolved) != nil else {
            return []
        }
        do {
            try document.compileAllSchemas()
            return []
        } catch {
            return error.errors
        }
    }

    /// Load and compile errors as findings: unresolvable references, and everything else a schema
    /// compiler reports.
    private func loadFindings(_ errors: [SourceError]) -> [LintFinding] {
        errors.compactMap { error in
            let rule: LintRule = error.code.hasPrefix("ref.") && error.location.file != .none ? .referenceUnresolved : .schemaCompile
            guard let severity = configuration.severity(of: rule) else { return nil }
            return LintFinding(rule: rule.id, severity: severity, message: error.message, location: error.location, pointer: "")
        }
    }
}
