import ContractCorpus
import Foundation
import SpecSource

extension InstanceFiles {
    /// Expands files and directories into instance files: every `.json`, `.yaml`, `.yml`,
    /// `.jsonl`, `.ndjson` below a directory, sorted; hidden entries and corpus manifests are skipped.
    /// - Throws: a message for paths that do not exist.
    static func expand(_ paths: [String]) throws -> [String] {
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw InputError(message: "\(path): no such file or directory")
            }
            if isDirectory.boolValue {
                files += walk(path).filter { file in
                    return !file.hasSuffix("/" + manifestName) && isInstanceFile(file)
                }
            } else {
                files.append(path)
            }
        }
        return files
    }

    /// Work in the order given: runs of ordinary files (read and validated in parallel), and the
    /// lines of each JSON Lines file (read first, then validated in parallel).
    enum Batch {
        case files([String])
        case lines([InstanceInput])
    }

    static func batches(_ files: [String]) -> [Batch] {
        var batches: [Batch] = []
        var run: [String] = []
        for file in files {
            if isJSONLines(file) {
                if !run.isEmpty { batches.append(.files(run)); run = [] }
                batches.append(.lines(load(file)))
            } else {
                run.append(file)
            }
        }
        if !run.isEmpty { batches.append(.files(run)) }
        return batches
    }
}

/// A problem with the command's inputs (exit 2).
struct InputError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
