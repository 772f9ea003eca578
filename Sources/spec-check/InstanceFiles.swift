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

    /// Every file below `directory` that is not a folder (relative names joined to it), sorted,
    /// skipping hidden ones. Uses `readdir`'s entry types, so a folder of ten thousand fixtures
    /// costs no `stat`s.
    ///
    /// Symbolic links are followed, but each real folder (device and inode) is walked once: a
    /// link loop, or two links to one folder, cannot repeat work. Entries are visited in name
    /// order, so which of two links to one folder is walked does not depend on the file system.
    /// - Returns: The files, and one problem per folder that cannot be read (never skipped
    ///   silently).
    static func walk(_ directory: String) -> (files: [String], problems: [SourceError]) {
        var result: [String] = []
        var problems: [SourceError] = []
        var visited = Set<FileIdentity>()
        var pending = [directory.hasSuffix("/") && directory.count > 1 ? String(directory.dropLast()) : directory]
        while let dir = pending.popLast() {
            guard let handle = opendir(dir) else {
                problems.append(folderError(errno, dir))
                continue
            }
            defer { closedir(handle) }
            var info = stat()
            guard fstat(dirfd(handle), &info) == 0, visited.insert(FileIdentity(info)).inserted else { continue }
            var folders: [String] = []
            errno = 0
            while let entry = readdir(handle) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
                }
                if name.hasPrefix(".") { continue }
                let full = dir + "/" + name
                var type = Int32(entry.pointee.d_type)
                if type == Int32(DT_UNKNOWN) || type == Int32(DT_LNK) {
                    // Some file systems do not report types; links are followed like the rest of
                    // the tool. A link to nothing is kept as a file: reading it says so.
                    var target = stat()
                    type = stat(full, &target) == 0 && target.st_mode & S_IFMT == S_IFDIR ? Int32(DT_DIR) : Int32(DT_REG)
                }
                if type == Int32(DT_DIR) {
                    folders.append(full)
                } else {
                    result.append(full)
                }
                errno = 0
            }
            if errno != 0 { problems.append(folderError(errno, dir)) }
            // Popped in name order (the stack is last in, first out).
            pending += folders.sorted().reversed()
        }
        return (result.sorted(), problems)
    }

    /// A folder's device and inode: its identity, whatever path reached it.
    struct FileIdentity: Hashable {
        let device: UInt64
        let inode: UInt64
        init(_ info: stat) {
            device = UInt64(info.st_dev)
            inode = UInt64(info.st_ino)
        }
    }

    private static func folderError(_ code: Int32, _ dir: String) -> SourceError {
        let location = SourceLocation(file: SourceFileID.intern(dir), line: 0, column: 0)
        let error = SourceLoader.openError(code, path: dir, location: location)
        return SourceError(code: error.code, message: "folder cannot be read: \(error.message)", location: location)
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
                batches.append(.lines(load(file, limits: limits)))
            } else {
                run.append(file)
            }
        }
        if !run.isEmpty { batches.append(.files(run)) }
        return batches
    }

    /// Reads a file's instances (one, or one per line for JSON Lines).
    static func load(_ path: String, limits: LoadLimits = LoadLimits(maxBytes: defaultMaxInstanceSize)) -> [InstanceInput] {
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
