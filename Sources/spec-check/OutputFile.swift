import Foundation

/// Writes a result file (`overlay --output`) without ever damaging what is already there.
///
/// The text goes to a new temporary file in the destination's own folder (created with `O_EXCL`,
/// so nothing existing is opened), is flushed to disk, and then renamed over the destination in
/// one step: readers see the old file or the new one, never a half-written one. Only a regular
/// file (or a name that does not exist yet) is replaced: a directory, a device (`/dev/null`,
/// a disk), a FIFO, a socket or a symbolic link is refused before anything is written, because
/// a rename would put a regular file in its place (a symbolic link would be replaced, not
/// followed). A regular file keeps its permission bits.
enum OutputFile {
    /// Why the file was not written.
    struct Failure: Error, CustomStringConvertible {
        let path: String
        let reason: String
        var description: String { "\(path): cannot be written: \(reason)" }
    }

    /// Writes `text` to `path` atomically (see ``OutputFile``).
    /// - Throws: ``Failure`` naming the reason; the destination and its folder are then unchanged.
    static func write(_ text: String, to path: String) throws(Failure) {
        func fail(_ reason: String) -> Failure { Failure(path: path, reason: reason) }
        var mode: mode_t = 0o666 & ~currentUmask()
        var info = stat()
        if lstat(path, &info) == 0 {
            if let kind = refusedKind(info.st_mode) {
                throw fail("it is \(kind); --output replaces only a regular file (or creates a new one)")
            }
            mode = info.st_mode & 0o7777
        } else if errno != ENOENT {
            throw fail(describe(errno))
        }
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { $0 == path.startIndex ? "/" : String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        var template = Array(((directory == "/" ? "/" : directory + "/") + "." + name + ".spec-check-XXXXXX").utf8CString)
        let fd = mkstemp(&template)
        guard fd >= 0 else {
            let reason =
                errno == ENOENT
                ? "the folder \(directory) does not exist" : "no temporary file can be created in \(directory): \(describe(errno))"
            throw fail(reason)
        }
        let temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var failure: Int32 = 0
        var text = text
        failure = text.withUTF8 { StandardStreams.writeAll(UnsafeRawBufferPointer($0), to: fd) }
        if failure == 0 && fchmod(fd, mode) != 0 { failure = errno }
        if failure == 0 && fsync(fd) != 0 { failure = errno }
        if close(fd) != 0 && failure == 0 { failure = errno }
        if failure == 0 {
            // The destination may have changed since it was checked; a rename never follows it.
            if lstat(path, &info) == 0, let kind = refusedKind(info.st_mode) {
                unlink(temporary)
                throw fail("it became \(kind) while writing; nothing was replaced")
            }
            if rename(temporary, path) != 0 { failure = errno }
        }
        if failure != 0 {
            unlink(temporary)
            throw fail(describe(failure))
        }
    }

    /// What a file of this type is, when it is not one ``write(_:to:)`` may replace.
    static func refusedKind(_ mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFDIR: return "a directory"
        case S_IFLNK: return "a symbolic link"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFIFO: return "a FIFO (named pipe)"
        case S_IFSOCK: return "a socket"
        default: return "not a regular file"
        }
    }

    /// A system error as a short phrase (`permission denied`, `no such file or directory`).
    static func describe(_ code: Int32) -> String {
        switch code {
        case ENOENT: return "no such file or directory"
        case EACCES, EPERM: return "permission denied"
        default: return String(cString: strerror(code))
        }
    }

    private static func currentUmask() -> mode_t {
        let mask = umask(0o022)
        umask(mask)
        return mask
    }
}
