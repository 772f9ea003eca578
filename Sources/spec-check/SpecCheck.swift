import ArgumentParser
import Foundation
import OpenAPIContract
import SpecSource

/// `spec-check`: checks JSON against OpenAPI contracts and JSON Schemas.
///
/// Exit status: 0 all valid, 1 an instance is invalid (or a corpus expectation failed),
/// 2 usage error or a spec, overlay, manifest or instance that cannot be read or parsed.
@main
struct SpecCheck: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spec-check",
        abstract: "Check JSON against an OpenAPI 3.0/3.1/3.2 contract or a JSON Schema.",
        discussion: """
            Exit status: 0 all valid; 1 an instance is invalid or a corpus expectation failed; \
            2 usage error, or a spec, overlay, manifest or instance that cannot be read or parsed.
            """,
        version: specCheckVersion,
        subcommands: [
            ValidateCommand.self,
            CorpusCommand.self,
            HarCommand.self,
            LintCommand.self,
            OverlayCommand.self,
            InspectCommand.self,
            ExplainCommand.self,
            MergeReportsCommand.self,
        ])

    static func main() {
        StandardStreams.start()
        if let message = nonUTF8Argument() {
            StandardStreams.error("error: " + message + "\n")
            StandardStreams.exit(2)
        }
        SpecReadAhead.start(CommandLine.arguments)
        InstanceReadAhead.start(CommandLine.arguments)
        do {
            var command = try parseAsRoot()
            try command.run()
            StandardStreams.exit(0)  // without tearing down what the command loaded
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                StandardStreams.output(fullMessage(for: error) + "\n")
                StandardStreams.exit(0)
            }
            if let exit = error as? ExitCode {
                StandardStreams.exit(exit.rawValue)
            }
            // Usage errors and anything unexpected: exit 2 (ArgumentParser would use 64), with the
            // same lower-case `error:` prefix as every other error.
            var message = fullMessage(for: error)
            if message.hasPrefix("Error: ") { message = "error: " + message.dropFirst("Error: ".count) }
            StandardStreams.error(message + "\n")
            StandardStreams.exit(2)
        }
    }
}

/// The error for the first command-line argument that is not UTF-8, or `nil`. Swift reads
/// arguments as UTF-8 strings, replacing bytes that are not with U+FFFD, so such a file name
/// would then name no file: say what is wrong instead of "no such file".
func nonUTF8Argument() -> String? {
    for i in 1..<Int(CommandLine.argc) {
        guard let argument = CommandLine.unsafeArgv[i] else { continue }
        let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(argument).assumingMemoryBound(to: UInt8.self), count: strlen(argument))
        if String(validating: bytes, as: UTF8.self) == nil {
            return
                "argument \(i) (\(SourceFileName.escaping(bytes)), bytes that are not UTF-8 shown as \\xNN) is not UTF-8: spec-check reads paths and names as UTF-8; use a UTF-8 name"
        }
    }
    return nil
}

/// Exit codes shared by the subcommands.
enum Exit {
    static let invalid = ExitCode(1)
    static let unreadable = ExitCode(2)
}

/// Writes `message` to standard error as one line (line breaks and other control characters in it,
/// from file names, keys or instance values, are escaped).
func printError(_ message: String) {
    StandardStreams.error(JSONWriter.singleLine(message) + "\n")
}

/// Writes `error` to standard error after `error: `: a ``OpenAPIContract/ContractError`` whose
/// message has several lines (a list of causes) as those lines, each escaped by itself; anything
/// else as one line.
func printError(_ error: any Error) {
    guard let contract = error as? ContractError, !contract.lines.isEmpty else { return printError("error: \(error)") }
    for (i, line) in contract.lines.enumerated() { printError(i == 0 ? "error: " + line : line) }
}
