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

    /// Expands files and directories into instance files: every `.json`, `.yaml`, `.yml`,
    /// `.jsonl`, `.ndjson` below a directory, sorted; hidden entries and corpus manifests are skipped.
    /// Files that are not regular (a FIFO, a device, a broken symbolic link) stay in the list, so
    /// that reading them reports why they cannot be read.
    /// - Returns: The files, and a problem per path that does not exist, cannot be read or holds a
    ///   folder that cannot be read (reported by the caller, which then exits 2).
    static func expand(_ paths: [String]) -> (files: [String], problems: [SourceError]) {
        var files: [String] = []
        var problems: [SourceError] = []
        for path in paths {
            var info = stat()
            guard stat(path, &info) == 0 else {
                problems.append(SourceLoader.openError(errno, path: path, location: SourceLocation(file: SourceFileID.intern(path), line: 0, column: 0)))
                continue
            }
            if info.st_mode & S_IFMT == S_IFDIR {
                let walked = walk(path)
                files += walked.files.filter { file in
                    return !file.hasSuffix("/" + manifestName) && isInstanceFile(file)
                }
                problems += walked.problems
            } else {
                files.append(path)
            }
        }
        return (files, problems)
    }

    /// Work in the order given: runs of ordinary files (read and validated in parallel), and the
    /// lines of each JSON Lines file (read first, then validated in parallel).
    enum Batch {
        case files([String])
        case lines([InstanceInput])
    }

    static func batches(_ files: [String], limits: LoadLimits = LoadLimits(maxBytes: defaultMaxInstanceSize)) -> [Batch] {
        var batches: [Batch] = []
        var run: [String] = []
        for file in files {
            if isJSONLines(file) {
                if !run.isEmpty { batches.append(.files(run)); run = [] }
                batches.append(.lines(loadInstances(file, limits: limits)))
            } else {
                run.append(file)
            }
        }
        if !run.isEmpty { batches.append(.files(run)) }
        return batches
    }

    /// Reads a file's instances (one, or one per line for JSON Lines).
    static func loadInstances(_ path: String, limits: LoadLimits = LoadLimits(maxBytes: defaultMaxInstanceSize)) -> [InstanceInput] {
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
            return [InstanceInput(name: path, value: .success(try SourceLoader.load(contentsOf: path, limits: limits)))]
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
