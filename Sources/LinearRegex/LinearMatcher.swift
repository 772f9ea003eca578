/// A regular expression compiled to a Thompson NFA and run by simulating all its states at once
/// (a Pike VM without captures): time O(input × program), memory O(program), no backtracking.
///
/// A search reads the input once, scalar by scalar (UTF-8 decoded in place), keeping the set of
/// NFA states that are alive; it stops at the first state that reaches the end of the pattern.
/// Since only "is there a match" is asked, there are no thread priorities and no captures, and
/// lazy and greedy quantifiers are the same.
///
/// Counted repetition is expanded (`x{2,4}` is `xx(x(x)?)?`), so the program can grow large; the
/// initializer refuses programs above a size limit, so the caller can choose another strategy.
///
/// Values are immutable and `Sendable`; one matcher can be used from any number of tasks.
public struct LinearMatcher: Sendable {
    let program: Program
    /// Whether a match can only start at the beginning of the input.
    public let isAnchoredAtStart: Bool

    /// The program was larger than the limit given to ``init(_:instructionLimit:)``.
    public struct ProgramTooLarge: Error, Sendable, Hashable, CustomStringConvertible {
        /// The limit that was exceeded, in instructions.
        public let limit: Int
        /// `the regular expression expands to more than N NFA states`.
        public var description: String { "the regular expression expands to more than \(limit) NFA states" }
    }

    /// The result of a search.
    public enum Outcome: Sendable, Hashable {
        /// The input contains a match.
        case match
        /// The input contains no match.
        case noMatch
        /// The step budget ran out after `steps` steps; nothing is known about a match.
        case budgetExhausted(steps: Int)
    }

    /// The default limit on program size, in NFA instructions.
    public static let defaultInstructionLimit = 10_000

    /// The largest limit honoured (instruction addresses are 16-bit, which halves the scratch
    /// memory of a search, so typical programs search without a heap allocation).
    public static let maximumInstructionLimit = 65_000

    /// Compiles `node`.
    ///
    /// - Parameters:
    ///   - node: The expression.
    ///   - instructionLimit: The most NFA instructions the program may have (a scalar set, a
    ///     split or an assertion is one; `x{n,m}` costs about `m` times `x`); at most
    ///     ``maximumInstructionLimit``.
    /// - Throws: ``ProgramTooLarge`` when the expanded program would exceed the limit.
    public init(_ node: RegexNode, instructionLimit: Int = defaultInstructionLimit) throws(ProgramTooLarge) {
        let limit = min(instructionLimit, Self.maximumInstructionLimit)
        guard let size = Self.size(of: node, limit: limit), size + 1 <= limit else {
            throw ProgramTooLarge(limit: limit)
        }
        var builder = ProgramBuilder()
        builder.code.reserveCapacity(size + 1)
        builder.emit(node)
        builder.code.append(Instruction(op: .match, a: 0, b: 0))
        isAnchoredAtStart = node.isAnchoredAtStart
        program = Program(code: builder.code, sets: builder.sets, anchored: isAnchoredAtStart)
    }

    /// The number of instructions in the program.
    public var instructionCount: Int { program.code.count }

    /// Whether `string` contains a match anywhere (unanchored search; anchoring is written in the
    /// pattern with ``RegexAssertion/inputStart`` / ``RegexAssertion/inputEnd``).
    ///
    /// - Parameter budget: The most steps (one step is one NFA state visited at one input
    ///   position) before giving up; the default never gives up. ASCII text that the program's DFA
    ///   runs costs no steps (it is one table lookup per byte).
    public func search(_ string: String, budget: Int = .max) -> Outcome {
        if let outcome = string.utf8.withContiguousStorageIfAvailable({ search($0, budget: budget) }) {
            return outcome
        }
        var copy = string
        return copy.withUTF8 { search($0, budget: budget) }
    }

    /// Whether the UTF-8 text `bytes` (which must be valid UTF-8, as a `String`'s is) contains a match.
    ///
    /// ASCII text runs on the DFA when the program has one (one table lookup per byte, far below
    /// any budget); the NFA simulation takes over at the first non-ASCII byte.
    func search(_ bytes: UnsafeBufferPointer<UInt8>, budget: Int) -> Outcome {
        guard let dfa = program.dfa else {
            return simulate(bytes, budget: budget, kernel: Self.startKernel, position: 0, previous: Simulation.none)
        }
        return dfa.transitions.withUnsafeBufferPointer { transitions in
            dfa.classOf.withUnsafeBufferPointer { classOf in
                dfa.accepts.withUnsafeBufferPointer { accepts in
                    var state = 0
                    var position = 0
                    while position < bytes.count {
                        if accepts[state] & ASCIIDFA.acceptsNow != 0 { return .match }
                        let byte = bytes[position]
                        if byte >= 0x80 {
                            let previous = position > 0 ? UInt32(bytes[position - 1]) : Simulation.none
                            return simulate(
                                bytes, budget: budget, kernel: dfa.kernels[state], position: position, previous: previous)
                        }
                        state = Int(transitions[state &* dfa.classCount &+ Int(classOf[Int(byte)])])
                        if state == dfa.dead { return .noMatch }
                        position += 1
                    }
                    return accepts[state] != 0 ? .match : .noMatch
                }
            }
        }
    }

    /// The NFA states alive before the first scalar: the start state.
    private static let startKernel: [UInt16] = [0]

    /// Runs the NFA simulation from `kernel` at byte offset `position` (after the scalar `previous`).
    private func simulate(
        _ bytes: UnsafeBufferPointer<UInt8>, budget: Int, kernel: [UInt16], position: Int, previous: UInt32
    ) -> Outcome {
        let count = program.code.count
        // marks | current list | next list | closure stack (each pushed state pushes at most two).
        let scratch = 4 * count + 2
        return withUnsafeTemporaryAllocation(of: UInt16.self, capacity: scratch) { buffer in
            program.code.withUnsafeBufferPointer { code in
                program.asciiMasks.withUnsafeBufferPointer { masks in
                    var simulation = Simulation(
                        code: code, sets: program.sets, masks: masks, bytes: bytes, anchored: isAnchoredAtStart,
                        budget: budget, scratch: buffer)
                    return simulation.run(kernel: kernel, position: position, previous: previous)
                }
            }
        }
    }

    // MARK: - Size

    /// The instruction count of `node`, or nil above `limit`.
    static func size(of node: RegexNode, limit: Int) -> Int? {
        func check(_ value: Int) -> Int? { value <= limit ? value : nil }
        switch node {
        case .empty: return 0
        case .scalars, .assertion: return 1
        case .sequence(let items):
            var total = 0
            for item in items {
                guard let size = size(of: item, limit: limit) else { return nil }
                total += size
                if total > limit { return nil }
            }
            return total
        case .alternation(let alternatives):
            var total = 2 * max(0, alternatives.count - 1)
            for alternative in alternatives {
                guard let size = size(of: alternative, limit: limit) else { return nil }
                total += size
                if total > limit { return nil }
            }
            return check(total)
        case .repetition(let inner, let minimum, let maximum):
            guard let size = size(of: inner, limit: limit) else { return nil }
            if size == 0 { return 0 }
            guard let maximum else {
                // x{n,}: n-1 copies, then `L: x; split L, out` (or `L: split body, out; body: x; jmp L`).
                let (copies, overflow) = size.multipliedReportingOverflow(by: max(minimum, 1))
                return overflow ? nil : check(copies + (minimum == 0 ? 2 : 1))
            }
            let (required, overflow1) = size.multipliedReportingOverflow(by: minimum)
            let (optional, overflow2) = (size + 1).multipliedReportingOverflow(by: maximum - minimum)
            guard !overflow1, !overflow2 else { return nil }
            let (total, overflow3) = required.addingReportingOverflow(optional)
            return overflow3 ? nil : check(total)
        }
    }
}

// MARK: - Program

struct Instruction: Sendable {
    enum Op: UInt8 {
        /// Consume one scalar in `sets[a]`, then continue at the next instruction.
        case consume
        /// Continue at both `a` and `b`.
        case split
        /// Continue at `a`.
        case jump
        /// Continue at the next instruction if assertion `a` holds.
        case assert
        /// The pattern matched.
        case match
    }

    var op: Op
    var a: UInt16
    var b: UInt16
}

final class Program: Sendable {
    let code: [Instruction]
    let sets: [ScalarSet]
    /// Per set, its ASCII members as two 64-bit masks (flat, so the hot loop copies no set).
    let asciiMasks: [UInt64]
    /// The DFA for ASCII input, when the program has one (see ``ASCIIDFA``).
    let dfa: ASCIIDFA?

    init(code: [Instruction], sets: [ScalarSet], anchored: Bool) {
        self.code = code
        self.sets = sets
        dfa = ASCIIDFA(code: code, sets: sets, anchored: anchored)
        var masks: [UInt64] = []
        for set in sets {
            var low: UInt64 = 0
            var high: UInt64 = 0
            for value in UInt32(0)..<128 where set.contains(value) {
                if value < 64 { low |= 1 << UInt64(value) } else { high |= 1 << UInt64(value - 64) }
            }
            masks += [low, high]
        }
        asciiMasks = masks
    }
}

struct ProgramBuilder {
    var code: [Instruction] = []
    var sets: [ScalarSet] = []
    private var setIndex: [ScalarSet: UInt16] = [:]

    private var next: UInt16 { UInt16(code.count) }

    mutating func emit(_ node: RegexNode) {
        switch node {
        case .empty:
            break
        case .scalars(let set):
            let index: UInt16
            if let known = setIndex[set] {
                index = known
            } else {
                index = UInt16(sets.count)
                sets.append(set)
                setIndex[set] = index
            }
            code.append(Instruction(op: .consume, a: index, b: 0))
        case .assertion(let assertion):
            code.append(Instruction(op: .assert, a: UInt16(assertion.rawValue), b: 0))
        case .sequence(let items):
            for item in items { emit(item) }
        case .alternation(let alternatives):
            guard !alternatives.isEmpty else { return }
            var exits: [Int] = []
            for (index, alternative) in alternatives.enumerated() {
                if index == alternatives.count - 1 {
                    emit(alternative)
                } else {
                    let split = code.count
                    code.append(Instruction(op: .split, a: next + 1, b: 0))
                    emit(alternative)
                    exits.append(code.count)
                    code.append(Instruction(op: .jump, a: 0, b: 0))
                    code[split].b = next
                }
            }
            for exit in exits { code[exit].a = next }
        case .repetition(let inner, let minimum, let maximum):
            if LinearMatcher.size(of: inner, limit: .max) == 0 { return }  // only the empty string
            guard let maximum else {
                if minimum == 0 {
                    // L: split body, out; body: x; jmp L; out:
                    let loop = code.count
                    code.append(Instruction(op: .split, a: next + 1, b: 0))
                    emit(inner)
                    code.append(Instruction(op: .jump, a: UInt16(loop), b: 0))
                    code[loop].b = next
                } else {
                    for _ in 0..<(minimum - 1) { emit(inner) }
                    // L: x; split L, out; out:
                    let loop = next
                    emit(inner)
                    code.append(Instruction(op: .split, a: loop, b: next + 1))
                }
                return
            }
            for _ in 0..<minimum { emit(inner) }
            // (x(x(x)?)?)?: each optional copy may exit straight to the end.
            var splits: [Int] = []
            for _ in 0..<(maximum - minimum) {
                splits.append(code.count)
                code.append(Instruction(op: .split, a: next + 1, b: 0))
                emit(inner)
            }
            for split in splits { code[split].b = next }
        }
    }
}
