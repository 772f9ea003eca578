import ContractCorpus
import Foundation
import SpecSource

extension InstanceFiles {
    /// The largest instance file read by default (`--max-instance-size`): 512 MiB. A JSON instance
    /// takes up to about three times its size in memory while it is validated.
    static let defaultMaxInstanceSize = 512 << 20

    /// Parses a size such as `1048576`, `64K`, `512M` or `2G` (binary multiples) into bytes.
    static func parseSize(_ text: String) -> Int? {
        let units: [Character: Int] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30]
        var digits = Substring(text)
        var factor = 1
        if let last = text.last?.uppercased().first, let unit = units[last] {
            factor = unit
            digits = digits.dropLast()
        }
        guard let n = Int(digits), n > 0 else { return nil }
        let (bytes, overflow) = n.multipliedReportingOverflow(by: factor)
        return overflow ? nil : bytes
    }

    /// Whether a file found below a folder is an instance file: by its extension, and not a
    /// corpus manifest.
    static func listsAsInstance(_ path: String) -> Bool {
        !path.hasSuffix(manifestSuffix) && isInstanceFile(path)
    }
    private static let manifestSuffix = "/" + manifestName

    /// One input of a run, in the order given: an instance file to read, or an input already at
    /// hand (a path that cannot be read, standard input).
    enum Item: Sendable {
        /// A file named on the command line (not known to be regular) or found below a folder.
        case file(ListedFile)
        case input(InstanceInput)
    }

    /// Expands files and directories into instance files: every `.json`, `.yaml`, `.yml`,
    /// `.jsonl`, `.ndjson` below a directory, sorted; hidden entries and corpus manifests are skipped.
    /// Files that are not regular (a FIFO, a device, a broken symbolic link) stay in the list, so
    /// that reading them reports why they cannot be read.
    ///
    /// A path that does not exist or cannot be read, and a folder below a directory that cannot be
    /// read, is an input of its own holding why (the caller reports it among the results and exits
    /// 2), in the place of the path: it never hides the results of the other paths.
    /// - Parameter stdin: Reads standard input, for the path `-` (called once at most).
    static func expand(_ paths: [String], stdin: () -> InstanceInput) -> [Item] {
        var items: [Item] = []
        for path in paths {
            if path == "-" {
                items.append(.input(stdin()))
                continue
            }
            var info = stat()
            guard stat(path, &info) == 0 else {
                let location = SourceLocation(file: SourceFileID.intern(path), line: 0, column: 0)
                items.append(
                    .input(InstanceInput(name: path, value: .failure(SourceLoader.openError(errno, path: path, location: location)))))
                continue
            }
            if info.st_mode & S_IFMT == S_IFDIR {
                let walked = InstanceReadAhead.listing(path) ?? list(path, include: listsAsInstance)
                // A folder that cannot be read is reported where its files would have been: after
                // the files of the same name, problems among themselves in the order found. Merged
                // into the sorted files as they are appended (inserting into a list of ten thousand
                // items, and copying items between lists, was half of a folder's listing).
                let problems = walked.problems.enumerated().sorted {
                    ($0.element.location.file.path, $0.offset) < ($1.element.location.file.path, $1.offset)
                }.map(\.element)
                var next = 0
                items.reserveCapacity(items.count + walked.files.count + problems.count)
                for file in walked.files where listsAsInstance(file.path) {
                    while next < problems.count && problems[next].location.file.path < file.path {
                        items.append(.input(InstanceInput(name: problems[next].location.file.path, value: .failure(problems[next]))))
                        next += 1
                    }
                    items.append(.file(file))
                }
                for problem in problems[next...] {
                    items.append(.input(InstanceInput(name: problem.location.file.path, value: .failure(problem))))
                }
            } else {
                items.append(.file(ListedFile(path: path, isRegular: false)))
            }
        }
        return items
    }

    /// Work in the order given: runs of ordinary files (read and validated in parallel), the lines
    /// of each JSON Lines file (read first, then parsed and validated in parallel, chunk by chunk),
    /// and inputs at hand.
    enum Batch: Sendable {
        case files([ListedFile])
        case lines([InstanceInput])
        /// A JSON Lines file read whole, parsed (and validated) chunk by chunk on all cores.
        case jsonLines(path: String, text: JSONLinesText, chunks: [JSONLinesText.Chunk])

        /// The instances of the batch (for the progress meter).
        var count: Int {
            switch self {
            case .files(let files): return files.count
            case .lines(let inputs): return inputs.count
            case .jsonLines(_, _, let chunks): return chunks.reduce(0) { $0 + $1.entryCount }
            }
        }
    }

    static func batches(_ items: [Item], limits: LoadLimits = LoadLimits(maxBytes: defaultMaxInstanceSize)) -> [Batch] {
        var batches: [Batch] = []
        var run: [ListedFile] = []
        func flush() {
            if !run.isEmpty {
                batches.append(.files(run))
                run = []
            }
        }
        for item in items {
            switch item {
            case .input(let input):
                flush()
                batches.append(.lines([input]))
            case .file(let file) where isJSONLines(file.path):
                flush()
                if let read = InstanceReadAhead.read(file.path, limits: limits) {
                    batches.append(.jsonLines(path: file.path, text: read.text, chunks: read.chunks))
                    continue
                }
                do {
                    let text = try SourceLoader.readJSONLines(contentsOf: file.path, limits: limits)
                    batches.append(.jsonLines(path: file.path, text: text, chunks: text.chunks()))
                } catch {
                    batches.append(.lines([InstanceInput(name: file.path, value: .failure(error))]))
                }
            case .file(let file):
                run.append(file)
            }
        }
        flush()
        return batches
    }

    /// Reads a file's instances (one, or one per line for JSON Lines). A file that its folder's
    /// listing gave as regular is opened without a `stat` first
    /// (``SpecSource/SourceLoader/load(contentsOf:listedRegular:limits:)``).
    static func loadInstances(_ file: ListedFile, limits: LoadLimits = LoadLimits(maxBytes: defaultMaxInstanceSize)) -> [InstanceInput] {
        let path = file.path
        if isJSONLines(path) {
            do {
                return try SourceLoader.loadJSONLines(contentsOf: path, limits: limits).map {
                    InstanceInput(name: "\(path):\($0.line)", value: $0.result)
                }
            } catch {
                return [InstanceInput(name: path, value: .failure(error))]
            }
        }
        do {
            let value = try SourceLoader.load(contentsOf: path, listedRegular: file.isRegular, limits: limits)
            return [InstanceInput(name: path, value: .success(value))]
        } catch {
            return [InstanceInput(name: path, value: .failure(error))]
        }
    }
}

/// A problem with the command's inputs (exit 2).
struct InputError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
