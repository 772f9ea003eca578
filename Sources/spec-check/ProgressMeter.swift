import Foundation
import SpecSource
import Synchronization

/// One updating line on standard error for long runs: `1,234/5,000 instances, 812/s, ETA 5s`.
///
/// Shown only when standard error is a terminal and the run is not `--quiet`, and only once the
/// run has taken ``delay`` (2 s): short runs print nothing extra. Workers count with an atomic
/// (no lock on the validation path); a background thread redraws the line every 250 ms and clears
/// it when the run ends. Standard output written meanwhile (``OutputBuffer``) first clears the
/// line, so report lines and the meter never share a line.
final class ProgressMeter: Sendable {
    /// How long a run goes before the meter appears.
    static let delay: Duration = .seconds(2)

    private let noun: String
    private let plural: String?
    private let done = Atomic<Int>(0)
    private let total = Atomic<Int>(-1)
    private let state = Mutex(State())
    private let start = ContinuousClock.now

    private struct State {
        var stopped = false
        var shown = false
    }

    /// The meter drawing now, if any (``OutputBuffer`` clears its line before writing).
    private static let active = Mutex<ProgressMeter?>(nil)

    private init(noun: String, plural: String?) {
        self.noun = noun
        self.plural = plural
    }

    /// A started meter counting `noun`s (`instance`; `plural` when not `noun` + "s"), or `nil`
    /// when progress is not wanted: `quiet`, or standard error is not a terminal.
    static func start(noun: String, plural: String? = nil, quiet: Bool) -> ProgressMeter? {
        guard !quiet, isatty(STDERR_FILENO) == 1 else { return nil }
        let meter = ProgressMeter(noun: noun, plural: plural)
        active.withLock { $0 = meter }
        let thread = Thread { meter.run() }
        thread.start()
        return meter
    }

    /// Counts `n` more done (any thread).
    func advance(by n: Int = 1) { done.add(n, ordering: .relaxed) }

    /// Sets how many there are in all (the ETA is shown once it is known).
    func setTotal(_ n: Int) { total.store(n, ordering: .relaxed) }

    /// Stops the meter and clears its line.
    func finish() {
        ProgressMeter.active.withLock { if $0 === self { $0 = nil } }
        state.withLock { state in
            state.stopped = true
            if state.shown { StandardStreams.error("\r\u{1B}[K") }
            state.shown = false
        }
    }

    /// Runs `body` (a write to standard output) with the active meter's line cleared.
    static func pausing(_ body: () -> Void) {
        guard let meter = active.withLock({ $0 }) else { return body() }
        meter.state.withLock { state in
            if state.shown { StandardStreams.error("\r\u{1B}[K") }
            state.shown = false
            body()
        }
    }

    private func run() {
        while true {
            Thread.sleep(forTimeInterval: 0.25)
            let elapsed = ContinuousClock.now - start
            let stop = state.withLock { state -> Bool in
                if state.stopped { return true }
                guard elapsed >= Self.delay else { return false }
                StandardStreams.error("\r\u{1B}[K" + line(elapsed: elapsed))
                state.shown = true
                return false
            }
            if stop { return }
        }
    }

    /// The text of the line after `elapsed`.
    func line(elapsed: Duration) -> String {
        Self.line(done: done.load(ordering: .relaxed), total: total.load(ordering: .relaxed), noun: noun, plural: plural, elapsed: elapsed)
    }

    /// `done[/total] nouns, rate/s[, ETA t]` (numbers grouped by thousands); `reading…` before
    /// anything is counted or known.
    static func line(done: Int, total: Int, noun: String, plural: String? = nil, elapsed: Duration) -> String {
        if done == 0 && total < 0 { return "reading \(spec_check.noun(2, noun, plural))…" }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let rate = seconds > 0 ? Double(done) / seconds : 0
        let count = LoadErrorReport.grouped(done) + (total >= 0 ? "/" + LoadErrorReport.grouped(total) : "")
        var text = "\(count) \(spec_check.noun(total >= 0 ? total : done, noun, plural))"
        text += ", \(LoadErrorReport.grouped(Int(rate.rounded())))/s"
        if total >= done, rate > 0 {
            text += ", ETA \(duration(Double(total - done) / rate))"
        }
        return text
    }

    /// `42s`, `3m05s`, `1h02m`.
    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded(.up))
        if s < 60 { return "\(s)s" }
        if s < 3600 { return "\(s / 60)m" + String(format: "%02ds", s % 60) }
        return "\(s / 3600)h" + String(format: "%02dm", (s % 3600) / 60)
    }
}
