import Foundation
import SpecSource

/// One instance to validate: a file, or one line of a JSON Lines file.
struct InstanceInput: Sendable {
    /// `path` or `path:LINE` for JSON Lines.
    let name: String
    let value: Result<JSONValue, SourceError>
}

enum InstanceFiles {
    static let instanceExtensions = [".json", ".yaml", ".yml", ".jsonl", ".ndjson"]
    static let manifestName = "spec-check.yaml"

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
                    let name = (file as NSString).lastPathComponent
                    return name != manifestName && instanceExtensions.contains { file.lowercased().hasSuffix($0) }
                }
            } else {
                files.append(path)
            }
        }
        return files
    }

    /// Every regular file below `directory` (relative names joined to it), sorted, skipping hidden ones.
    static func walk(_ directory: String) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: directory) else { return [] }
        var result: [String] = []
        while let relative = enumerator.nextObject() as? String {
            let components = relative.split(separator: "/")
            if components.contains(where: { $0.hasPrefix(".") }) { continue }
            let full = directory.hasSuffix("/") ? directory + relative : directory + "/" + relative
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue {
                result.append(full)
            }
        }
        return result.sorted()
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
            let lower = file.lowercased()
            if lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") {
                if !run.isEmpty { batches.append(.files(run)); run = [] }
                batches.append(.lines(load(file)))
            } else {
                run.append(file)
            }
        }
        if !run.isEmpty { batches.append(.files(run)) }
        return batches
    }

    /// Reads a file's instances (one, or one per line for JSON Lines).
    static func load(_ path: String) -> [InstanceInput] {
        let lower = path.lowercased()
        if lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") {
            do {
                return try SourceLoader.loadJSONLines(contentsOf: path).map {
                    InstanceInput(name: "\(path):\($0.line)", value: $0.result)
                }
            } catch {
                return [InstanceInput(name: path, value: .failure(error))]
            }
        }
        do {
            return [InstanceInput(name: path, value: .success(try SourceLoader.load(contentsOf: path)))]
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
