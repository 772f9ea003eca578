import Foundation
import SpecSource

/// Reads the `--spec` document on another thread while ArgumentParser parses the command line.
///
/// Parsing the command line costs a run about as much as reading a small contract (ArgumentParser
/// reflects the command's properties, and each runtime type lookup that needs scans the whole
/// static binary's conformance records), and both come before any instance is checked. Read
/// ahead, the two overlap on a second core. The guess is made from the raw arguments and only
/// ever saves work: a command asks for the tree of the path its parsed `--spec` names, and any
/// other path or a file that is not a regular file (a FIFO is read once, by the command itself)
/// leaves the command to read the file as before. A read that failed hands its error over, so a
/// broken document is not parsed twice (on a large one the second parse took as long as the first).
///
/// A run that may not read the spec at all reads nothing ahead: `--help`, `-h`, `--version`, and
/// `validate --schema-file` (which checks against that file, not the document). Neither does a
/// document over ``maxBytes``: a command line that turns out to be wrong would otherwise have
/// read a large file for nothing, and start-up matters for small documents only. Nor a run where
/// no thread can be started.
enum SpecReadAhead {
    /// The subcommands whose `--spec` is read whole before anything else.
    private static let commands: Set<String> = ["validate", "har", "inspect"]
    /// Arguments after which the spec may not be read.
    private static let skipping: Set<String> = ["--help", "-h", "--version", "--schema-file"]
    /// The largest document read ahead, in bytes (the OpenAI description is 2.9 MB).
    static let maxBytes = 8 << 20
    nonisolated(unsafe) private static var pending: (path: String, tree: Pending<Result<JSONValue, SourceError>>)?

    /// Starts reading the `--spec FILE` (or `--spec=FILE`) of `arguments` (the process's, the
    /// program name first), if its subcommand reads one, nothing says it may not, and FILE is a
    /// regular file of at most ``maxBytes``.
    static func start(_ arguments: [String]) {
        guard arguments.count > 2, commands.contains(arguments[1]), let path = specPath(arguments.dropFirst(2)) else { return }
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_size <= maxBytes else { return }
        let reading = Pending { () -> Result<JSONValue, SourceError> in
            do throws(SourceError) {
                return .success(try SourceLoader.load(contentsOf: path))
            } catch {
                return .failure(error)
            }
        }
        if reading.isRunning { pending = (path, reading) }
    }

    /// The last `--spec` value before `--`: the one ArgumentParser keeps; `nil` when there is
    /// none, or when an argument before `--` says the spec may not be read (``skipping``).
    static func specPath(_ arguments: ArraySlice<String>) -> String? {
        var found: String?
        var i = arguments.startIndex
        while i < arguments.endIndex {
            let argument = arguments[i]
            if argument == "--" { break }
            if skipping.contains(argument) || argument.hasPrefix("--schema-file=") { return nil }
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

    /// The tree read ahead for `path`, or the error its read threw (waiting for the read to
    /// finish); `nil` when none was started for that path. Hands the result out once.
    static func tree(for path: String) -> Result<JSONValue, SourceError>? {
        guard let started = pending, started.path == path else { return nil }
        pending = nil
        return started.tree.wait()
    }
}
