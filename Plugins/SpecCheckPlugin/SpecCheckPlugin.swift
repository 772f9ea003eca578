import Foundation
import PackagePlugin

/// `swift package spec-check <subcommand> …`: runs the spec-check CLI, built from this package,
/// in the root folder of the package it is invoked on, so relative paths (`Corpus/`,
/// `specs/api.yaml`) mean the same as in a terminal there.
///
/// It asks for no permission: `validate`, `corpus`, `inspect` and `overlay` without `--output`
/// only read files. `overlay --output FILE` writes into the package; that is the
/// `spec-check-write` command, which asks for permission to write:
/// `swift package --allow-writing-to-package-directory spec-check-write overlay … --output FILE`.
@main
struct SpecCheckPlugin: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) async throws {
        if arguments.first == "overlay", arguments.contains(where: { $0 == "--output" || $0.hasPrefix("--output=") }) {
            throw PluginFailure(
                """
                overlay --output writes a file into the package; run it with permission to write:
                  swift package --allow-writing-to-package-directory spec-check-write \(arguments.joined(separator: " "))
                (or leave out --output to print the result)
                """)
        }
        try SpecCheckTool.run(try context.tool(named: "spec-check").url, arguments, in: context.package.directoryURL)
    }
}

/// A failure the plugin reports as its error message.
struct PluginFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

enum SpecCheckTool {
    /// Runs the CLI with `arguments` in `directory`, its output going straight to the terminal.
    /// - Throws: ``PluginFailure`` when it exits with a status other than 0 (1: an instance is
    ///   invalid or a corpus expectation failed; 2: usage error or unreadable input).
    static func run(_ tool: URL, _ arguments: [String], in directory: URL) throws {
        let process = Process()
        process.executableURL = tool
        process.arguments = arguments
        process.currentDirectoryURL = directory
        try process.run()
        process.waitUntilExit()
        if process.terminationReason == .uncaughtSignal {
            throw PluginFailure("spec-check was ended by signal \(process.terminationStatus)")
        }
        if process.terminationStatus != 0 {
            throw PluginFailure("spec-check exited with status \(process.terminationStatus)")
        }
    }
}
