import Foundation

/// Standard output and standard error, written with `write(2)`.
///
/// `FileHandle.write` traps when a write fails (a full disk under a CI redirect, `> /dev/full`, a
/// closed pipe), which killed the process with SIGILL. Here every failure is an error:
/// - standard output that cannot be written is reported on standard error and ends the run at once
///   with exit 2 (the report is lost, so going on would only waste work);
/// - standard error that cannot be written cannot report anything: the run goes on and ends with
///   exit 2 instead of 0 or 1 (``exit(_:)``).
///
/// `SIGPIPE` is ignored (``start()``), so a closed pipe is the `EPIPE` error of the write instead
/// of a silent death.
enum StandardStreams {
    /// Whether a write to standard error failed in this run.
    nonisolated(unsafe) private(set) static var standardErrorFailed = false

    /// Call once before writing anything: a closed pipe then fails the write (`EPIPE`).
    static func start() {
        signal(SIGPIPE, SIG_IGN)
    }

    /// Writes `text` to standard output; on failure, reports it and exits with status 2.
    static func output(_ text: String) {
        let failure = write(text, to: STDOUT_FILENO)
        guard failure != 0 else { return }
        error("error: standard output cannot be written: \(String(cString: strerror(failure)))\n")
        Foundation.exit(2)
    }

    /// Writes `text` to standard error; a failure is remembered for ``exit(_:)``.
    static func error(_ text: String) {
        if write(text, to: STDERR_FILENO) != 0 { standardErrorFailed = true }
    }

    /// Ends the process with `code`, or with 2 when standard error could not be written (the run
    /// could not report everything it had to).
    static func exit(_ code: Int32) -> Never {
        Foundation.exit(standardErrorFailed && code < 2 ? 2 : code)
    }

    /// Writes all of `text` to `fd`, retrying interrupted and partial writes (and waiting when the
    /// descriptor is non-blocking and full).
    /// - Returns: 0, or the `errno` of the failure.
    static func write(_ text: String, to fd: Int32) -> Int32 {
        var text = text
        return text.withUTF8 { buffer in writeAll(UnsafeRawBufferPointer(buffer), to: fd) }
    }

    /// Writes all of `bytes` to `fd` (see ``write(_:to:)``).
    /// - Returns: 0, or the `errno` of the failure.
    static func writeAll(_ bytes: UnsafeRawBufferPointer, to fd: Int32) -> Int32 {
        guard var next = bytes.baseAddress else { return 0 }
        var left = bytes.count
        while left > 0 {
            let n = systemWrite(fd, next, left)
            if n < 0 {
                switch errno {
                case EINTR: continue
                case EAGAIN:
                    var poller = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
                    _ = poll(&poller, 1, -1)
                    continue
                default: return errno
                }
            }
            if n == 0 { return EIO }
            next += n
            left -= n
        }
        return 0
    }
}

#if canImport(Darwin)
    private let systemWrite = Darwin.write
#else
    private let systemWrite = Glibc.write
#endif
