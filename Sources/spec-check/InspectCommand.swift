import ArgumentParser
import OpenAPIContract
import SchemaValidation
import SpecSource

/// `spec-check inspect`: loads and compiles a document, then summarises it (and lists its
/// operations with `--operations`).
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Load and compile an OpenAPI document (reporting every problem), then summarise it.",
        discussion: """
            Prints one line: the OpenAPI version and schema dialect, and how many operations, component schemas \
            and compiled schema nodes the document has. A document with problems (exit 2) has them on standard \
            error and the line counts them instead of the compiled schema nodes. --operations also lists each \
            operation (method, path, operationId and documented responses), one per line.
            """)

    @Option(name: .long, help: ArgumentHelp("The OpenAPI 3.0/3.1/3.2 document (YAML or JSON).", valueName: "FILE"))
    var spec: String

    @Option(name: .long, help: ArgumentHelp("An overlay applied before compiling (repeatable).", valueName: "FILE"))
    var overlay: [String] = []

    @Option(
        name: .customLong("allow-ref-root"),
        help: ArgumentHelp(
            "Let $refs read files below DIR too (repeatable). By default a file $ref must stay inside the folder of the document it starts from (symbolic links resolved).",
            valueName: "DIR"))
    var allowRefRoot: [String] = []

    @Flag(name: .long, help: "Also list the operations.")
    var operations = false

    @Flag(name: .long, help: "Print every problem (by default, a problem that repeats is counted after the first 10).")
    var verbose = false

    func run() throws {
        var options = SchemaOptions()
        options.resolver.advice = .commandLine(mapsURLs: false, allowsReferenceRoots: true)
        for root in allowRefRoot { options.resolver.allowFileReferences(under: root) }
        let document: OpenAPIDocument
        do {
            document = try OpenAPIDocument.load(
                contentsOf: spec, overlays: overlay, options: options, compilation: .eager, findsOperations: true,
                readAhead: SpecReadAhead.tree(for: spec))
            Self.loaded = document
        } catch {
            var report = LoadErrorReport(verbose: verbose)
            let count = report.print(error.errors)
            summarise(errorCount: count, options: options)
            throw Exit.unreadable
        }
        for warning in document.overlayWarnings { printError(warning.description) }
        var out = OutputBuffer()
        out.line(
            JSONWriter.singleLine(
                "\(spec): OpenAPI \(document.version) (\(document.dialect)), \(counted(document.operations.count, "operation")), \(counted(document.schemaNames.count, "component schema")), \(counted(document.schemaCount, "compiled schema node"))"
            ))
        list(document, to: &out)
        out.flush()
    }

    /// The summary of a document with `errorCount` problems (already printed): what a lazy load
    /// (``OpenAPIDocument/Compilation/lazy``, which reads no schema and defers broken references)
    /// still finds — version, dialect, the operations that can be read, the component schemas —
    /// and the number of problems; no count of compiled schema nodes, as not all compiled. A
    /// document that does not even load lazily (it does not parse, or is not OpenAPI) is
    /// `FILE: not loaded, N errors`.
    private func summarise(errorCount: Int, options: SchemaOptions) {
        var out = OutputBuffer()
        let errors = counted(errorCount, "error")
        if let document = try? OpenAPIDocument.load(contentsOf: spec, overlays: overlay, options: options, compilation: .lazy) {
            Self.loaded = document
            out.line(
                JSONWriter.singleLine(
                    "\(spec): OpenAPI \(document.version) (\(document.dialect)), \(counted(document.operations.count, "operation")), \(counted(document.schemaNames.count, "component schema")), \(errors)"
                ))
            list(document, to: &out)
        } else {
            out.line(JSONWriter.singleLine("\(spec): not loaded, \(errors)"))
        }
        out.flush()
    }

    /// With `--operations`, one line per operation.
    private func list(_ document: OpenAPIDocument, to out: inout OutputBuffer) {
        if operations {
            for op in document.operations {
                let responses = op.responses.map(\.status).joined(separator: " ")
                out.line(
                    JSONWriter.singleLine(
                        "  \(op.method.uppercased()) \(op.path)\(op.operationId.map { " (\($0))" } ?? "")  responses: \(responses)"))
            }
        }
    }

    /// The document of this run, kept until the process exits (see `ValidateCommand.loaded`):
    /// tearing down the tree and the compiled graph node by node took a tenth of the run.
    nonisolated(unsafe) static var loaded: OpenAPIDocument?
}
