import ContractCorpus
import Foundation
import SpecSource

/// Reads the JSON Lines files of a `validate` command line on another thread while ArgumentParser
/// parses it, as ``SpecReadAhead`` reads the spec.
///
/// Before any line of a JSON Lines file is checked, the whole file is read and cut into chunks:
/// for 10,000 requests (4 MB) about 4 ms, which followed the 6 ms of parsing the command line
/// and the loading of the spec on the way to the first chunk, while the second core waited. Read
/// ahead, they overlap. As with the spec, the guess is made from the raw arguments and only ever
/// saves work: the command asks for the text of each JSON Lines path it has parsed, and gets it
/// only when that path was read ahead and is within its `--max-instance-size`; any other path,
/// a file that is not a regular file (a FIFO is read once, by the command itself), a file that
/// could not be read (the command reads it again and reports why) or a larger one is read by the
/// command as before.
///
/// Nothing is read ahead for `--help`, `-h` or `--version`, for files together over ``maxBytes``
/// (a command line that turns out to be wrong would have read them for nothing), or when no
/// thread can be started.
enum InstanceReadAhead {
    /// Arguments after which nothing is read.
    private static let skipping: Set<String> = ["--help", "-h", "--version"]
    /// Options whose value is a file that is not an instance (not read ahead even when named `.jsonl`).
    private static let fileOptions: Set<String> = ["--spec", "--overlay", "--schema-file", "--output"]
    /// The most bytes read ahead, all files together.
    static let maxBytes = 64 << 20

    /// A file read ahead and cut into chunks.
    struct Read: Sendable {
        let text: JSONLinesText
        let chunks: [JSONLinesText.Chunk]
    }

    nonisolated(unsafe) private static var pending: Pending<[String: Read]>?
    /// What the reads gave, once waited for (files not yet handed out).
    nonisolated(unsafe) private static var done: [String: Read] = [:]

    /// Starts reading the JSON Lines paths among `arguments` (the process's, the program name
    /// first) when its subcommand is `validate`.
    static func start(_ arguments: [String]) {
        let paths = jsonLinesPaths(arguments)
        guard !paths.isEmpty else { return }
        let reading = Pending { () -> [String: Read] in
            var read: [String: Read] = [:]
            var budget = maxBytes
            for path in paths where read[path] == nil {
                var info = stat()
                guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG, Int(info.st_size) <= budget else { continue }
                guard let text = try? SourceLoader.readJSONLines(contentsOf: path, limits: LoadLimits(maxBytes: budget)) else { continue }
                budget -= text.byteCount
                read[path] = Read(text: text, chunks: text.chunks())
            }
            return read
        }
        if reading.isRunning { pending = reading }
    }

    /// The arguments of a `validate` command line that look like JSON Lines files: not an
    /// option, not the value of an option naming another kind of file; none when an argument
    /// says nothing may be read.
    static func jsonLinesPaths(_ arguments: [String]) -> [String] {
        guard arguments.count > 2, arguments[1] == "validate" else { return [] }
        var paths: [String] = []
        var options = true
        var previous = ""
        for argument in arguments.dropFirst(2) {
            defer { previous = argument }
            if options {
                if argument == "--" {
                    options = false
                    continue
                }
                if skipping.contains(argument) { return [] }
                if argument.hasPrefix("-") || fileOptions.contains(previous) { continue }
            }
            if InstanceFiles.isJSONLines(argument) { paths.append(argument) }
        }
        return paths
    }

    /// The text of `path` read ahead (waiting for the reads to finish), when it was read and
    /// holds at most `limits.maxBytes`; `nil` otherwise. Hands each file out once.
    /// Called from one thread at a time (the command's listing of its inputs).
    static func read(_ path: String, limits: LoadLimits) -> Read? {
        if let started = pending {
            done = started.wait()
            pending = nil
        }
        guard let read = done.removeValue(forKey: path) else { return nil }
        return read.text.byteCount <= limits.maxBytes ? read : nil
    }
}
