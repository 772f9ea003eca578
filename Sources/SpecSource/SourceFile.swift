import Foundation

extension SourceLoader {
    /// Reads a whole regular file as bytes.
    ///
    /// Whatever lies at `path`, this neither blocks nor reads without bound:
    /// - the path is checked with `stat` first and only a regular file is opened: a FIFO (which
    ///   would block until a writer comes), a device (`/dev/zero` never ends, `/dev/tty` waits), a
    ///   socket or a folder is refused by name without being opened;
    /// - the file is opened `O_NONBLOCK | O_NOCTTY` and checked again with `fstat` (it may have been
    ///   swapped since the `stat`);
    /// - its size is checked against ``LoadLimits/maxBytes`` before anything is read, and a file
    ///   that grows while it is read (or reports no size, like `/proc` files) is read only up to the
    ///   limit.
    ///
    /// POSIX `open`/`fstat`/`read`: a handful of system calls per file, which matters when a run
    /// reads ten thousand fixtures.
    /// - Parameters:
    ///   - path: The file; it is never modified.
    ///   - file: The interned file, for the errors' locations.
    ///   - limits: ``LoadLimits/maxBytes`` bounds the size.
    /// - Returns: The file's bytes.
    /// - Throws: ``SourceError`` located at the file (no line): `file.not-found` (no such file, or a
    ///   symbolic link to nothing), `file.permission-denied`, `file.not-regular` (a folder, FIFO,
    ///   device or socket), `file.too-large`, `file.unreadable` (any other system error).
    public static func readFile(_ path: String, file: SourceFileID, limits: LoadLimits = LoadLimits()) throws(SourceError) -> [UInt8] {
        try readFile(path, file: file, listedRegular: false, limits: limits)
    }

    /// ``readFile(_:file:limits:)``; `listedRegular` as in ``load(contentsOf:format:listedRegular:limits:)``.
    static func readFile(_ path: String, file: SourceFileID, listedRegular: Bool, limits: LoadLimits) throws(SourceError) -> [UInt8] {
        let location = SourceLocation(file: file, line: 0, column: 0)
        let (fd, expected) = try openRegularFile(path, listedRegular: listedRegular, limits: limits, location: location)
        defer { close(fd) }
        // Read straight into an array of the file's size (one more byte detects growth).
        var failure: Int32 = 0
        var bytes = [UInt8](unsafeUninitializedCapacity: expected + 1) { buffer, count in
            count = 0
            while count < buffer.count {
                let n = read(fd, buffer.baseAddress! + count, buffer.count - count)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                if n == 0 { return }
                count += n
                // As many bytes as `fstat` said, in a read shorter than asked: done, without another
                // read to find the end. A file that had grown by then filled the spare byte.
                if count == expected { return }
            }
        }
        if failure == 0 && bytes.count == expected + 1 {
            // The file is longer than it said (it grows, or it is a /proc file of size 0): read the
            // rest in chunks, never past the limit.
            var chunk = [UInt8](repeating: 0, count: 65_536)
            while true {
                let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    break
                }
                if n == 0 { break }
                bytes.append(contentsOf: chunk[0..<n])
                guard bytes.count <= limits.maxBytes else {
                    throw SourceError(
                        code: "file.too-large", message: "is larger than the limit of \(limits.maxBytes) bytes", location: location)
                }
            }
        }
        if failure != 0 {
            throw SourceError(
                code: "file.unreadable", message: "cannot be read (\(String(cString: strerror(failure))))", location: location)
        }
        return bytes
    }

    /// Opens the regular file at `path` for reading (see ``readFile(_:file:limits:)``: checked with
    /// `stat` before opening, opened non-blocking, checked again with `fstat`, size-checked).
    /// - Returns: The descriptor (the caller closes it) and the file's size.
    /// - Parameter listedRegular: A folder's listing has just given `path` as a regular file: it
    ///   is opened at once, not following a symbolic link (an entry that has become a link since
    ///   is looked at with `stat` first, like any other path).
    static func openRegularFile(_ path: String, listedRegular: Bool = false, limits: LoadLimits, location: SourceLocation)
        throws(SourceError)
        -> (fd: Int32, size: Int)
    {
        var info = stat()
        var fd: Int32 = -1
        if listedRegular {
            fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY | O_NOFOLLOW)
            guard fd >= 0 || errno == ELOOP else { throw openError(errno, path: path, location: location) }
        }
        if fd < 0 {
            guard stat(path, &info) == 0 else { throw openError(errno, path: path, location: location) }
            if let kind = nonRegularKind(info.st_mode) {
                throw SourceError(code: "file.not-regular", message: "is \(kind), not a regular file", location: location)
            }
            try checkSize(Int(info.st_size), limits: limits, location: location)
            fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
            guard fd >= 0 else { throw openError(errno, path: path, location: location) }
        }
        guard fstat(fd, &info) == 0 else {
            let code = errno
            close(fd)
            throw SourceError(code: "file.unreadable", message: "cannot be read (\(String(cString: strerror(code))))", location: location)
        }
        do throws(SourceError) {
            if let kind = nonRegularKind(info.st_mode) {
                throw SourceError(code: "file.not-regular", message: "is \(kind), not a regular file", location: location)
            }
            try checkSize(Int(info.st_size), limits: limits, location: location)
        } catch {
            close(fd)
            throw error
        }
        return (fd, max(0, Int(info.st_size)))
    }

    private static func checkSize(_ size: Int, limits: LoadLimits, location: SourceLocation) throws(SourceError) {
        guard size <= limits.maxBytes else {
            throw SourceError(
                code: "file.too-large", message: "is \(size) bytes, more than the limit of \(limits.maxBytes)", location: location)
        }
    }

    /// The error for a failed `stat`, `open` or `opendir` of `path`, telling "no such file"
    /// (`file.not-found`, also for a symbolic link to nothing) from "permission denied"
    /// (`file.permission-denied`); other system errors are `file.unreadable`.
    /// - Parameters:
    ///   - code: The `errno` of the failure.
    ///   - path: The path that failed.
    ///   - location: Where to report it (the file, line 0).
    public static func openError(_ code: Int32, path: String, location: SourceLocation) -> SourceError {
        switch code {
        case ENOENT:
            var info = stat()
            if lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFLNK {
                return SourceError(code: "file.not-found", message: "is a symbolic link to a file that does not exist", location: location)
            }
            return SourceError(code: "file.not-found", message: "no such file" + nearestExisting(path), location: location)
        case EACCES, EPERM:
            return SourceError(code: "file.permission-denied", message: "permission denied", location: location)
        case ENOTDIR:
            return SourceError(code: "file.not-found", message: "no such file (a part of the path is not a folder)", location: location)
        case ELOOP:
            return SourceError(code: "file.unreadable", message: "cannot be opened: too many levels of symbolic links", location: location)
        default:
            return SourceError(
                code: "file.unreadable", message: "cannot be opened for reading (\(String(cString: strerror(code))))", location: location)
        }
    }

    /// What a file of this type is, when it is not a regular file.
    static func nonRegularKind(_ mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFDIR: return "a directory"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFIFO: return "a FIFO (named pipe)"
        case S_IFSOCK: return "a socket"
        default: return "not a regular file"
        }
    }

    /// `; did you mean "Pet.yaml"?` (or `; there is no folder "Schemas"; did you mean "schemas"?`)
    /// for the first component of `path` (relative to the current directory, or absolute) that
    /// does not exist, compared with the names in its folder (``NameSuggestion``); empty when
    /// nothing is near, or when the folder cannot be listed.
    public static func nearestExisting(_ path: String) -> String {
        let full = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        let components = full.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        var folder = "/"
        for (i, name) in components.enumerated() {
            let next = folder == "/" ? "/" + name : folder + "/" + name
            if FileManager.default.fileExists(atPath: next) {
                folder = next
                continue
            }
            guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder),
                let near = NameSuggestion.nearest(to: name, among: entries.sorted())
            else { return "" }
            let missingFolder = i == components.count - 1 ? "" : "; there is no folder \(JSONWriter.quoted(name))"
            return "\(missingFolder); did you mean \(JSONWriter.quoted(near))?"
        }
        return ""
    }
}
