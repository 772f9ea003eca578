import ArgumentParser
import Foundation
import OpenAPIContract
import SpecSource

/// `spec-check overlay`: applies overlays to a document and prints (or writes) the result.
struct OverlayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "overlay",
        abstract: "Apply OpenAPI Overlays (1.0/1.1) to any YAML or JSON document and print the result.",
        discussion: "Warnings (targets that select nothing) go to standard error. The inputs are never modified.")

    @Option(name: .long, help: ArgumentHelp("The document to patch (OpenAPI, AsyncAPI or any YAML/JSON).", valueName: "FILE"))
    var spec: String

    @Option(name: .long, help: ArgumentHelp("An overlay, applied in the order given (repeatable).", valueName: "FILE"))
    var overlay: [String]

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Write the result here instead of standard output: a new file or a regular file, replaced atomically (a temporary file in the same folder, then a rename); directories, devices, FIFOs and symbolic links are refused.",
            valueName: "FILE"))
    var output: String?

    @Option(name: .long, help: "Output syntax: yaml or json (default: the document's own).")
    var format: DocumentFormat?

    func validate() throws {
        guard !overlay.isEmpty else { throw ValidationError("give at least one --overlay") }
        if let output {
            let target = URL(fileURLWithPath: output).standardizedFileURL.resolvingSymlinksInPath().path
            for input in [spec] + overlay where URL(fileURLWithPath: input).standardizedFileURL.resolvingSymlinksInPath().path == target {
                throw ValidationError("--output \(output) is one of the inputs; inputs are never overwritten")
            }
        }
    }

    func run() throws {
        var document: JSONValue
        do {
            document = try SourceLoader.load(contentsOf: spec)
            for path in overlay {
                let (patched, warnings) = try Overlay.load(contentsOf: path).apply(to: document)
                for warning in warnings { printError(warning.description) }
                document = patched
            }
        } catch {
            var report = LoadErrorReport(verbose: true)
            report.print([error])
            throw Exit.unreadable
        }
        let syntax = format ?? (SourceFormat(path: spec) == .json ? .json : .yaml)
        let text = syntax == .json ? JSONWriter.string(from: document, pretty: true) + "\n" : YAMLWriter.string(from: document)
        guard let output else {
            StandardStreams.output(text)
            return
        }
        do {
            try OutputFile.write(text, to: output)
        } catch {
            printError("error: \(error)")
            throw Exit.unreadable
        }
    }
}

enum DocumentFormat: String, ArgumentChoice {
    case yaml, json
}
