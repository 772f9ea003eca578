import ContractCorpus
import Foundation
import SpecSource

/// Lists the folders and reads the JSON Lines files of a `validate` command line on another
/// thread while ArgumentParser parses it, as ``SpecReadAhead`` reads the spec.
///
/// Before any instance is checked, every folder given is listed (10,000 files: about 10 ms) and
/// every JSON Lines file read whole and cut into chunks (4 MB: about 4 ms). That came after the
/// 6 ms of parsing the command line, while the second core waited. Read ahead, they overlap. As
/// with the spec, the guess is made from the raw arguments and only ever saves work: the command
/// asks for the listing or the text of each path it has parsed, and gets it only when that path
/// was read ahead (a text only within its `--max-instance-size`); any other path, a file that is
/// not a regular file (a FIFO is read once, by the command itself), a file that could not be read
/// (the command reads it again and reports why) or a larger one is read by the command as before.
///
/// Nothing is read ahead for `--help`, `-h` or `--version`, when standard input (`-`) is among the
/// paths (the command reads the others after it), for a JSON Lines file over the command line's
/// `--max-instance-size` (refused unread) or files together over ``maxBytes`` (a command line
/// that turns out to be wrong would have read them for nothing), or when no thread can be
/// started.
enum InstanceReadAhead {
    /// Arguments after which nothing is read.
    private static let skipping: Set<String> = ["--help", "-h", "--version"]
    /// `validate`'s options that take a value (the argument after one is not a path).
    static let valueOptions: Set<String> = [
        "--spec", "--overlay", "--schema", "--schema-file", "--request", "--response", "--status", "--content-type", "--format",
        "--output", "--shard", "--dialect", "--formats", "--discriminator", "--map-url", "--max-instance-size", "--allow-ref-root",
        "--stdin-name", "--color",
    ]
    /// The most bytes of JSON Lines read ahead, all files together.
    static let maxBytes = 64 << 20

    /// A JSON Lines file read ahead and cut into chunks.
    struct Read: Sendable {
        let text: JSONLinesText
        let chunks: [JSONLinesText.Chunk]
    }

    /// A folder listed ahead (``ContractCorpus/InstanceFiles/list(_:include:)``).
    typealias Listing = (files: [InstanceFiles.ListedFile], problems: [SourceError])

    /// What the thread read: texts by path, listings by path.
    private struct Found: Sendable {
        var texts: [String: Read] = [:]
        var listings: [String: Listing] = [:]
    }

    nonisolated(unsafe) private static var pending: Pending<Found>?
    /// What the thread read, once waited for (what is not handed out yet).
    nonisolated(unsafe) private static var found = Found()

    /// Starts listing the folders and reading the JSON Lines files among the paths of
    /// `arguments` (the process's, the program name first) when its subcommand is `validate`.
    static func start(_ arguments: [String]) {
        let paths = instancePaths(arguments)
        guard !paths.isEmpty, let limit = instanceSizeLimit(arguments) else { return }
        let reading = Pending { () -> Found in
            var found = Found()
            var budget = maxBytes
            for path in paths {
                var info = stat()
                guard stat(path, &info) == 0 else { continue }
                if info.st_mode & S_IFMT == S_IFDIR {
                    if found.listings[path] == nil {
                        found.listings[path] = InstanceFiles.list(path, include: InstanceFiles.listsAsInstance)
                    }
                    continue
                }
                guard InstanceFiles.isJSONLines(path), found.texts[path] == nil, info.st_mode & S_IFMT == S_IFREG,
                    Int(info.st_size) <= min(budget, limit),
                    let text = try? SourceLoader.readJSONLines(contentsOf: path, limits: LoadLimits(maxBytes: min(budget, limit)))
                else { continue }
                budget -= text.byteCount
                found.texts[path] = Read(text: text, chunks: text.chunks())
            }
            return found
        }
        if reading.isRunning { pending = reading }
    }

    /// The `--max-instance-size` of a command line (the last one, as ArgumentParser keeps), or the
    /// default; `nil` when one cannot be read (the command will say why, having read nothing).
    static func instanceSizeLimit(_ arguments: [String]) -> Int? {
        var limit = InstanceFiles.defaultMaxInstanceSize
        var previous = ""
        for argument in arguments.prefix(while: { $0 != "--" }) {
            defer { previous = argument }
            let value: String
            if previous == "--max-instance-size" {
                value = argument
            } else if argument.hasPrefix("--max-instance-size=") {
                value = String(argument.dropFirst("--max-instance-size=".count))
            } else {
                continue
            }
            guard let size = InstanceFiles.parseSize(value) else { return nil }
            limit = size
        }
        return limit
    }

    /// The arguments of a `validate` command line that are paths: neither an option nor the
    /// value of one; none when an argument says nothing may be read, or when standard input
    /// (`-`) is among them: the command reads the other paths only once it has read standard
    /// input, and they must be read as they are then.
    static func instancePaths(_ arguments: [String]) -> [String] {
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
                if argument == "-" && !valueOptions.contains(previous) { return [] }
                if argument.hasPrefix("-") || valueOptions.contains(previous) { continue }
            }
            if argument == "-" { return [] }
            if !argument.isEmpty { paths.append(argument) }
        }
        return paths
    }

    /// Waits for the thread, once.
    private static func collect() {
        if let started = pending {
            found = started.wait()
            pending = nil
        }
    }

    /// The text of the JSON Lines file `path` read ahead (waiting for the thread to finish), when
    /// it was read and holds at most `limits.maxBytes`; `nil` otherwise. Hands each file out once.
    /// Called from one thread at a time (the command's listing of its inputs).
    static func read(_ path: String, limits: LoadLimits) -> Read? {
        collect()
        guard let read = found.texts.removeValue(forKey: path) else { return nil }
        return read.text.byteCount <= limits.maxBytes ? read : nil
    }

    /// The listing of the folder `path` made ahead (waiting for the thread to finish), with
    /// ``ContractCorpus/InstanceFiles/listsAsInstance(_:)``; `nil` when it was not listed. Hands
    /// each folder out once. Called from one thread at a time.
    static func listing(_ path: String) -> Listing? {
        collect()
        return found.listings.removeValue(forKey: path)
    }
}
