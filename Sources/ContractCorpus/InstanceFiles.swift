import Foundation
import SpecSource

/// One instance to validate: a file, or one line of a JSON Lines file.
public struct InstanceInput: Sendable {
    /// `path` or `path:LINE` for JSON Lines.
    public let name: String
    /// The parsed instance, or why it could not be read (with its file, line and column).
    public let value: Result<JSONValue, SourceError>

    /// Creates an input.
    public init(name: String, value: Result<JSONValue, SourceError>) {
        self.name = name
        self.value = value
    }
}

/// Instance files on disk: which files hold instances, finding them below a folder, reading them.
public enum InstanceFiles {
    /// The extensions of instance files (compared without case).
    public static let instanceExtensions = [".json", ".yaml", ".yml", ".jsonl", ".ndjson"]
    /// The name of a corpus manifest, which is never an instance.
    public static let manifestName = "spec-check.yaml"

    /// Whether `path` names an instance file (by extension, ignoring case).
    public static func isInstanceFile(_ path: String) -> Bool {
        instanceExtensions.contains { path.hasSuffix(caseInsensitive: $0) }
    }

    /// Whether `path` is a JSON Lines file.
    public static func isJSONLines(_ path: String) -> Bool {
        path.hasSuffix(caseInsensitive: ".jsonl") || path.hasSuffix(caseInsensitive: ".ndjson")
    }

    /// Every regular file below `directory` (relative names joined to it), sorted, skipping hidden
    /// ones. Uses `readdir`'s entry types, so a folder of ten thousand fixtures costs no `stat`s.
    /// Symbolic links are followed; an unreadable folder is skipped.
    public static func walk(_ directory: String) -> [String] {
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

    /// Reads a file's instances: one, or one per non-blank line for JSON Lines (named `path:LINE`).
    /// Never throws: a file or line that cannot be read is an input holding its ``SpecSource/SourceError``.
    public static func load(_ path: String) -> [InstanceInput] {
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
