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

    /// Whether `path` names an instance file (by extension, ignoring case).
    static func isInstanceFile(_ path: String) -> Bool {
        instanceExtensions.contains { path.hasSuffix(caseInsensitive: $0) }
    }

    /// Whether `path` is a JSON Lines file.
    static func isJSONLines(_ path: String) -> Bool {
        path.hasSuffix(caseInsensitive: ".jsonl") || path.hasSuffix(caseInsensitive: ".ndjson")
    }

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

    /// Every regular file below `directory` (relative names joined to it), sorted, skipping hidden
    /// ones. Uses `readdir`'s entry types, so a folder of ten thousand fixtures costs no `stat`s.
    static func walk(_ directory: String) -> [String] {
        var result: [String] = []
        var pending = [directory.hasSuffix("/") ? String(directory.dropLast()) : directory]
        while let dir = pending.popLast() {
            guard let handle = opendir(dir) else { continue }
            defer { closedir(handle) }
            while let entry = readdir(handle) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
                }
                if name.hasPrefix(".") { continue }
                let full = dir + "/" + name
                var type = Int32(entry.pointee.d_type)
                if type == Int32(DT_UNKNOWN) || type == Int32(DT_LNK) {
                    // Some file systems do not report types; follow links like the rest of the tool.
                    var info = stat()
                    guard stat(full, &info) == 0 else { continue }
                    type = (info.st_mode & S_IFMT) == S_IFDIR ? Int32(DT_DIR) : Int32(DT_REG)
                }
                if type == Int32(DT_DIR) {
                    pending.append(full)
                } else if type == Int32(DT_REG) {
                    result.append(full)
                }
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

    /// Reads a file's instances (one, or one per line for JSON Lines).
    static func load(_ path: String) -> [InstanceInput] {
        if isJSONLines(path) {
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
