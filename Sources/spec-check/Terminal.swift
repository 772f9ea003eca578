import Foundation

/// Output styling: colour only when standard output is a terminal and `NO_COLOR` is unset.
struct Style: Sendable {
    let enabled: Bool

    static let current = Style(enabled: isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil)

    func red(_ s: String) -> String { enabled ? "\u{1B}[31m\(s)\u{1B}[0m" : s }
    func green(_ s: String) -> String { enabled ? "\u{1B}[32m\(s)\u{1B}[0m" : s }
    func bold(_ s: String) -> String { enabled ? "\u{1B}[1m\(s)\u{1B}[0m" : s }
    func dim(_ s: String) -> String { enabled ? "\u{1B}[2m\(s)\u{1B}[0m" : s }
}

/// Buffered standard output (one `write` per many lines keeps large runs fast). A failed write
/// ends the run with exit 2 (see ``StandardStreams``).
struct OutputBuffer {
    private var buffer = ""

    mutating func line(_ s: String) {
        buffer += s
        buffer += "\n"
        if buffer.utf8.count > 1 << 16 { flush() }
    }

    mutating func flush() {
        guard !buffer.isEmpty else { return }
        StandardStreams.output(buffer)
        buffer = ""
    }
}
