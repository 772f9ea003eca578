import Foundation
import PackagePlugin

/// `swift package --allow-writing-to-package-directory spec-check-write overlay --spec … --overlay … --output FILE`
/// (or `validate`, `corpus`, `har`, `merge-reports` with `--output FILE`): the spec-check commands
/// that write into the package, run with the permission they need (SwiftPM asks for it, or takes
/// `--allow-writing-to-package-directory`). Everything else runs through `swift package spec-check`,
/// which asks for nothing.
@main
struct SpecCheckWritePlugin: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) async throws {
        let writing = ["overlay", "validate", "corpus", "har", "merge-reports"]
        guard let command = arguments.first, writing.contains(command),
            command == "overlay" || arguments.contains(where: { $0 == "--output" || $0.hasPrefix("--output=") })
        else {
            throw PluginFailure(
                "spec-check-write runs `\(writing.joined(separator: "|")) … --output FILE` only; run other commands with `swift package spec-check \(arguments.first ?? "<subcommand>") …`"
            )
        }
        let process = Process()
        process.executableURL = try context.tool(named: "spec-check").url
        process.arguments = arguments
        process.currentDirectoryURL = context.package.directoryURL
        try process.run()
        process.waitUntilExit()
        if process.terminationReason == .uncaughtSignal || process.terminationStatus != 0 {
            throw PluginFailure("spec-check exited with status \(process.terminationStatus)")
        }
    }
}

/// A failure the plugin reports as its error message.
struct PluginFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
