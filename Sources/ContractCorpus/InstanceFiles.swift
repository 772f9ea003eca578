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

    /// Every file below `directory` that is not a folder (relative names joined to it), sorted,
    /// skipping hidden ones. Uses `readdir`'s entry types, so a folder of ten thousand fixtures
    /// costs no `stat`s.
    ///
    /// Symbolic links are followed, but each real folder (device and inode) is walked once: a
    /// link loop, or two links to one folder, cannot repeat work. Entries are visited in name
    /// order, so which of two links to one folder is walked does not depend on the file system.
    ///
    /// An entry whose name is not UTF-8 cannot be named by a Swift path: it is a problem (the
    /// name shown with `\xFF` escapes) when `include` accepts that shown name, else skipped.
    /// - Parameters:
    ///   - directory: The folder to walk.
    ///   - include: Which entries with names that are not UTF-8 the caller would have read.
    /// - Returns: The files, and one problem per folder that cannot be read and per name that is
    ///   not UTF-8 (never skipped silently).
    public static func walk(_ directory: String, include: (String) -> Bool = { _ in true }) -> (files: [String], problems: [SourceError]) {
        let listed = list(directory, include: include)
        return (listed.files.map(\.path), listed.problems)
    }

    /// A file found below a folder by ``list(_:include:)``.
    package struct ListedFile: Sendable {
        /// The folder's path joined with the file's name.
        package let path: String
        /// Whether the folder's listing gave the entry as a regular file (`DT_REG`): not a
        /// symbolic link, and not an entry of a type the file system did not say.
        package let isRegular: Bool

        /// A file: `isRegular` only when a folder's listing has just said so.
        package init(path: String, isRegular: Bool) {
            self.path = path
            self.isRegular = isRegular
        }
    }

    /// ``walk(_:include:)``, with what the listing said of each file's type.
    package static func list(_ directory: String, include: (String) -> Bool = { _ in true }) -> (
        files: [ListedFile], problems: [SourceError]
    ) {
        var result: [ListedFile] = []
        var problems: [SourceError] = []
        var visited = Set<FileIdentity>()
        // Whether every path is ASCII, so that bytes give the order of `<`.
        var allASCII = true
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
            // Made once per folder: two appends per entry were a fifth of a walk of 10,000 files.
            let prefix = Array((dir + "/").utf8)
            allASCII = allASCII && prefix.allSatisfy { $0 < 0x80 }
            errno = 0
            while let entry = readdir(handle) {
                // The name's bytes in place (copying the 256-byte `d_name` tuple looked up its
                // type's metadata for every entry).
                let raw = UnsafeRawPointer(entry) + nameOffset
                let bytes = UnsafeBufferPointer(
                    start: raw.assumingMemoryBound(to: UInt8.self),
                    count: strnlen(raw.assumingMemoryBound(to: CChar.self), nameCapacity))
                if bytes.first == UInt8(ascii: ".") { continue }
                let ascii = bytes.allSatisfy { $0 < 0x80 }
                guard ascii || String(validating: bytes, as: UTF8.self) != nil else {
                    // Swift paths are UTF-8 strings: this entry cannot be named, so it cannot be
                    // opened. Said where it is: always for a folder (its files may be instances),
                    // for a file unless the caller would skip it anyway.
                    var type = Int32(entry.pointee.d_type)
                    if type == Int32(DT_UNKNOWN) || type == Int32(DT_LNK) {
                        var target = stat()
                        let path = prefix + bytes + [0]
                        let found = path.withUnsafeBytes { stat($0.baseAddress!.assumingMemoryBound(to: CChar.self), &target) == 0 }
                        type = found && target.st_mode & S_IFMT == S_IFDIR ? Int32(DT_DIR) : Int32(DT_REG)
                    }
                    let shown = dir + "/" + SourceFileName.escaping(bytes)
                    let isFolder = type == Int32(DT_DIR)
                    if isFolder || include(shown) { problems.append(nonUTF8Name(shown, isFolder: isFolder)) }
                    continue
                }
                allASCII = allASCII && ascii
                // The folder's prefix and the name in one string (validated above).
                let full = String(unsafeUninitializedCapacity: prefix.count + bytes.count) { buffer in
                    _ = buffer.initialize(fromContentsOf: prefix)
                    _ = buffer[prefix.count...].initialize(fromContentsOf: bytes)
                    return prefix.count + bytes.count
                }
                let listedType = Int32(entry.pointee.d_type)
                var type = listedType
                if type == Int32(DT_UNKNOWN) || type == Int32(DT_LNK) {
                    // Some file systems do not report types; links are followed like the rest of
                    // the tool. A link to nothing is kept as a file: reading it says so.
                    var target = stat()
                    type = stat(full, &target) == 0 && target.st_mode & S_IFMT == S_IFDIR ? Int32(DT_DIR) : Int32(DT_REG)
                }
                if type == Int32(DT_DIR) {
                    folders.append(full)
                } else {
                    result.append(ListedFile(path: full, isRegular: listedType == Int32(DT_REG)))
                }
                errno = 0
            }
            if errno != 0 { problems.append(folderError(errno, dir)) }
            // Popped in name order (the stack is last in, first out).
            pending += folders.sorted().reversed()
        }
        // ASCII strings are in NFC, where `<` is the order of their bytes: compared with
        // `memcmp`, a sort of 10,000 paths costs a third of what `<` does.
        if allASCII { result.sort { utf8Less($0.path, $1.path) } } else { result.sort { $0.path < $1.path } }
        return (result, problems)
    }

    /// Where `d_name` lies in a `dirent`, and how many bytes it holds.
    private static let nameOffset = MemoryLayout<dirent>.offset(of: \dirent.d_name)!
    private static let nameCapacity = MemoryLayout.size(ofValue: dirent().d_name)

    /// Whether `a`'s UTF-8 bytes sort before `b`'s: for strings in NFC, the order of `a < b`.
    static func utf8Less(_ a: String, _ b: String) -> Bool {
        let less = a.utf8.withContiguousStorageIfAvailable { x in
            b.utf8.withContiguousStorageIfAvailable { y -> Bool in
                let shared = min(x.count, y.count)
                let order = shared == 0 ? 0 : memcmp(x.baseAddress!, y.baseAddress!, shared)
                return order != 0 ? order < 0 : x.count < y.count
            }
        }
        return (less ?? nil) ?? (a < b)
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

    private static func nonUTF8Name(_ shown: String, isFolder: Bool) -> SourceError {
        let location = SourceLocation(file: SourceFileID.intern(shown), line: 0, column: 0)
        let what = isFolder ? "folder" : "file"
        return SourceError(
            code: "file.unreadable",
            message: "the \(what) name is not UTF-8 (bytes that are not UTF-8 are shown as \\xNN): spec-check reads names as UTF-8, so "
                + (isFolder ? "none of its files can be read" : "it cannot be read") + "; give it a UTF-8 name",
            location: location)
    }

    private static func folderError(_ code: Int32, _ dir: String) -> SourceError {
        let location = SourceLocation(file: SourceFileID.intern(dir), line: 0, column: 0)
        let error = SourceLoader.openError(code, path: dir, location: location)
        return SourceError(code: error.code, message: "folder cannot be read: \(error.message)", location: location)
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
