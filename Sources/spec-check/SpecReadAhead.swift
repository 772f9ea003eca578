import Foundation
import SpecSource

/// Reads the `--spec` document on another thread while ArgumentParser parses the command line.
///
/// Parsing the command line costs a run about as much as reading a small contract (ArgumentParser
/// reflects the command's properties, and each runtime type lookup that needs scans the whole
/// static binary's conformance records), and both come before any instance is checked. Read
/// ahead, the two overlap on a second core. The guess is made from the raw arguments and only
/// ever saves work: a command asks for the tree of the path its parsed `--spec` names, and any
/// other path, a file that is not a regular file (a FIFO is read once, by the command itself) or a
/// read that failed leaves the command to read the file as before, with its errors.
enum SpecReadAhead {
    /// The subcommands whose `--spec` is read whole before anything else.
    private static let commands: Set<String> = ["validate", "har", "inspect"]
    nonisolated(unsafe) private static var pending: (path: String, tree: Pending<JSONValue?>)?

    /// Starts reading the `--spec FILE` (or `--spec=FILE`) of `arguments` (the process's, the
    /// program name first), if its subcommand reads one and FILE is a regular file.
    static func start(_ arguments: [String]) {
        guard arguments.count > 2, commands.contains(arguments[1]), let path = specPath(arguments.dropFirst(2)) else { return }
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return }
        pending = (path, Pending { try? SourceLoader.load(contentsOf: path) })
    }

    /// The last `--spec` value before `--`: the one ArgumentParser keeps.
    static func specPath(_ arguments: ArraySlice<String>) -> String? {
        var found: String?
        var i = arguments.startIndex
        while i < arguments.endIndex {
            let argument = arguments[i]
            if argument == "--" { break }
            if argument == "--spec", i + 1 < arguments.endIndex {
                found = arguments[i + 1]
                i += 1
            } else if argument.hasPrefix("--spec=") {
                found = String(argument.dropFirst("--spec=".count))
            }
            i += 1
        }
        return found
    }

    /// The tree read ahead for `path` (waiting for the read to finish), or `nil` when none was
    /// started for that path or it failed; hands the tree out once.
    static func tree(for path: String) -> JSONValue? {
        guard let started = pending, started.path == path else { return nil }
        pending = nil
        return started.tree.wait()
    }
}
