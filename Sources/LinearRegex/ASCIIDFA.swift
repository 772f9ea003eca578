// A deterministic automaton for ASCII input, built eagerly from a ``LinearMatcher`` program when the
// program is DFA-friendly and the automaton stays small.
//
// A DFA state is a "kernel": the NFA states a search holds between two input scalars, before their
// epsilon closure (the targets of the last consumed scalar, plus the start state when the search is
// unanchored). The closure of a kernel is the same at every position except the first (`^` holds
// there) and the last (`$` holds there), so a program whose only assertions are `^` and `$` (no
// `\b`, no multiline anchors, which look at the neighbouring scalars) has a DFA whose states carry
// two answers: "a match ends here" and "a match ends here if this is the end". The initial state is
// kept apart from any later state with the same kernel because only it sees `^` hold.
//
// ASCII bytes are grouped into classes that no scalar set of the program tells apart, so the
// transition table is states × classes. A non-ASCII byte hands the search over to the NFA
// simulation, starting from the current state's kernel, so the DFA never needs Unicode sets.

struct ASCIIDFA: Sendable {
    /// Byte (0…127) → class.
    let classOf: [UInt8]
    let classCount: Int
    /// `transitions[state * classCount + class]`: the next state.
    let transitions: [UInt16]
    /// Per state: bit 0, a match ends at the current position (whatever follows); bit 1, a match
    /// ends here if this is the end of the input.
    let accepts: [UInt8]
    /// Per state, its NFA kernel, for handing over to the NFA simulation on non-ASCII input.
    let kernels: [[UInt16]]
    /// The state with an empty kernel (an anchored search that can no longer match), or -1.
    let dead: Int

    /// Most DFA states built before the automaton is abandoned (the NFA then runs alone).
    static let stateLimit = 256

    static let acceptsNow: UInt8 = 1
    static let acceptsAtEnd: UInt8 = 2

    /// Builds the automaton, or returns nil if the program has assertions other than `^`/`$` or
    /// needs more than ``stateLimit`` states.
    init?(code: [Instruction], sets: [ScalarSet], anchored: Bool) {
        for instruction in code {
            if case .assert = instruction.op,
                instruction.a != UInt16(RegexAssertion.inputStart.rawValue),
                instruction.a != UInt16(RegexAssertion.inputEnd.rawValue)
            {
                return nil
            }
        }
        // Byte classes: bytes with the same membership in every set are interchangeable.
        var signatures: [[Bool]: UInt8] = [:]
        var classOf = [UInt8](repeating: 0, count: 128)
        var representatives: [UInt32] = []
        for byte in UInt32(0)..<128 {
            let signature = sets.map { $0.contains(byte) }
            if let known = signatures[signature] {
                classOf[Int(byte)] = known
            } else {
                let index = UInt8(representatives.count)
                signatures[signature] = index
                representatives.append(byte)
                classOf[Int(byte)] = index
            }
        }
        var builder = Builder(code: code)
        var ids: [[UInt16]: Int] = [:]  // kernels of the states after the first
        var kernels: [[UInt16]] = [[0]]
        var transitions: [UInt16] = []
        var accepts: [UInt8] = []
        var dead = -1
        var state = 0
        while state < kernels.count {
            let kernel = kernels[state]
            let isInitial = state == 0
            let now = builder.closure(kernel, atStart: isInitial, atEnd: false)
            let atEnd = builder.closure(kernel, atStart: isInitial, atEnd: true)
            accepts.append((now.match ? Self.acceptsNow : 0) | (atEnd.match ? Self.acceptsAtEnd : 0))
            if kernel.isEmpty { dead = state }
            for representative in representatives {
                if now.match {
                    // A match is reported as soon as this state is reached; no transitions needed.
                    transitions.append(UInt16(state))
                    continue
                }
                var next: [UInt16] = []
                for pc in now.consumes where sets[Int(code[Int(pc)].a)].contains(representative) {
                    next.append(pc + 1)
                }
                if !anchored { next.append(0) }
                next = Array(Set(next)).sorted()
                if let id = ids[next] {
                    transitions.append(UInt16(id))
                } else {
                    guard kernels.count < Self.stateLimit else { return nil }
                    ids[next] = kernels.count
                    transitions.append(UInt16(kernels.count))
                    kernels.append(next)
                }
            }
            state += 1
        }
        self.classOf = classOf
        self.classCount = representatives.count
        self.transitions = transitions
        self.accepts = accepts
        self.kernels = kernels
        self.dead = dead
    }

    /// Epsilon closures over the program, with a reusable visit stamp per instruction.
    private struct Builder {
        let code: [Instruction]
        var stamps: [Int]
        var stamp = 0

        init(code: [Instruction]) {
            self.code = code
            stamps = [Int](repeating: -1, count: code.count)
        }

        /// The `consume` states reachable from `kernel` without input, and whether `match` is.
        mutating func closure(_ kernel: [UInt16], atStart: Bool, atEnd: Bool) -> (consumes: [UInt16], match: Bool) {
            stamp += 1
            var stack = kernel
            var consumes: [UInt16] = []
            var match = false
            while let pc = stack.popLast() {
                let index = Int(pc)
                if stamps[index] == stamp { continue }
                stamps[index] = stamp
                let instruction = code[index]
                switch instruction.op {
                case .consume: consumes.append(pc)
                case .split: stack += [instruction.b, instruction.a]
                case .jump: stack.append(instruction.a)
                case .assert:
                    let holds =
                        instruction.a == UInt16(RegexAssertion.inputStart.rawValue) ? atStart : atEnd
                    if holds { stack.append(pc + 1) }
                case .match: match = true
                }
            }
            return (consumes.sorted(), match)
        }
    }
}
