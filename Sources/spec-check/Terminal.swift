import ArgumentParser
import Foundation

/// Output styling: colour and source snippets, decided once per run (``TerminalOptions/apply()``).
///
/// Colour (`--color auto`, the default): on when standard output is a terminal; `NO_COLOR` (set
/// and not empty) turns it off, `FORCE_COLOR` (set, not empty and not `0`) turns it on even when
/// piped, and wins over `NO_COLOR` as the more specific request. `--color always|never` wins over
/// both. Snippets (the spec and instance lines under an error) are shown when the output is for a
/// terminal: standard output is one, or colour is forced; `--no-snippets` turns them off.
struct Style: Sendable {
    let enabled: Bool
    /// Whether text reports show the spec and instance lines under each error.
    var snippets = false

    /// The style of this run (set by ``TerminalOptions/apply()`` before any output).
    nonisolated(unsafe) static var current = Style.resolve(
        .auto, snippets: false,
        environment: ProcessInfo.processInfo.environment,
        isTerminal: isatty(STDOUT_FILENO) == 1)

    /// The style for a `--color` choice, the environment and whether standard output is a terminal.
    static func resolve(_ choice: ColorChoice, snippets wanted: Bool, environment: [String: String], isTerminal: Bool) -> Style {
        let forced = environment["FORCE_COLOR"].map { !$0.isEmpty && $0 != "0" } ?? false
        let refused = environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        let colour: Bool
        switch choice {
        case .always: colour = true
        case .never: colour = false
        case .auto: colour = forced || (isTerminal && !refused)
        }
        let forTerminal = isTerminal || choice == .always || (choice == .auto && forced)
        return Style(enabled: colour, snippets: wanted && forTerminal)
    }

    /// The escape sequence that starts `colour`, or `nil` when colour is off (``OutputLine/styled(_:_:)``).
    func code(_ colour: Colour) -> StaticString? {
        guard enabled else { return nil }
        switch colour {
        case .red: return "\u{1B}[31m"
        case .green: return "\u{1B}[32m"
        case .bold: return "\u{1B}[1m"
        case .dim: return "\u{1B}[2m"
        case .cyan: return "\u{1B}[36m"
        }
    }

    /// The styles ``code(_:)`` gives sequences for.
    enum Colour { case red, green, bold, dim, cyan }

    func red(_ s: String) -> String { wrap(s, .red) }
    func green(_ s: String) -> String { wrap(s, .green) }
    func bold(_ s: String) -> String { wrap(s, .bold) }
    func dim(_ s: String) -> String { wrap(s, .dim) }
    func cyan(_ s: String) -> String { wrap(s, .cyan) }

    /// `s` between ``code(_:)`` of `colour` and the reset sequence; `s` when colour is off.
    private func wrap(_ s: String, _ colour: Colour) -> String {
        guard let code = code(colour) else { return s }
        return "\(code)\(s)\u{1B}[0m"
    }
}

/// `--color auto|always|never`.
enum ColorChoice: String, ArgumentChoice, Sendable {
    case auto, always, never
}

/// The terminal options of the commands that report instances (`validate`, `corpus`, `har`).
struct TerminalOptions: ParsableArguments {
    @Option(
        name: .long,
        help: "Colour: auto (on a terminal; NO_COLOR turns it off, FORCE_COLOR on), always or never. always also shows snippets when piped."
    )
    var color: ColorChoice = .auto

    @Flag(name: .customLong("no-snippets"), help: "Do not show the spec and instance lines under each error (shown on a terminal only).")
    var noSnippets = false

    /// Sets ``Style/current`` for this run.
    func apply() {
        Style.current = Style.resolve(
            color, snippets: !noSnippets, environment: ProcessInfo.processInfo.environment,
            isTerminal: isatty(STDOUT_FILENO) == 1)
    }
}

/// Buffered standard output (one `write` per many lines keeps large runs fast). A failed write
/// ends the run with exit 2 (see ``StandardStreams``).
struct OutputBuffer {
    private static let flushSize = 1 << 16
    private var buffer = ""

    mutating func line(_ s: String) {
        // One storage for the whole run, grown once: a fresh string per flush grew by doubling
        // and was freed after each write, from whichever core was printing, taking the lock of
        // the allocator arena it came from and trimming that arena's heap.
        if buffer.isEmpty { buffer.reserveCapacity(Self.flushSize + 4096) }
        buffer += s
        buffer += "\n"
        if buffer.utf8.count > Self.flushSize { flush() }
    }

    mutating func flush() {
        guard !buffer.isEmpty else { return }
        ProgressMeter.pausing { StandardStreams.output(buffer) }
        buffer.removeAll(keepingCapacity: true)
    }
}

/// `1 instance`, `2 instances`, `1,200 instances`: `n` (``grouped(_:)``) and the noun its number
/// calls for (`plural` defaults to `singular` + "s").
func counted(_ n: Int, _ singular: String, _ plural: String? = nil) -> String {
    "\(grouped(n)) \(noun(n, singular, plural))"
}

/// `n` with thousands separated by commas (`3,731`), whatever the locale, as in every count the
/// command prints.
func grouped(_ n: Int) -> String { LoadErrorReport.grouped(n) }

/// `singular` when `n` is 1, else `plural` (by default `singular` + "s").
func noun(_ n: Int, _ singular: String, _ plural: String? = nil) -> String {
    n == 1 ? singular : plural ?? singular + "s"
}
