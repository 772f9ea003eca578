// The NFA simulation behind ``LinearMatcher/search(_:budget:)``.
//
// Two lists hold the states that wait to consume a scalar (only `consume` instructions are kept);
// a state joins the next list through its epsilon closure (splits, jumps and assertions, which are
// evaluated with the scalars on both sides of the current position). A generation stamp per
// instruction makes each state join a list at most once per position, which bounds the work per
// input scalar by the program size, however the pattern nests its quantifiers.

struct Simulation {
    let code: UnsafeBufferPointer<Instruction>
    let sets: [ScalarSet]
    let masks: UnsafeBufferPointer<UInt64>
    let bytes: UnsafeBufferPointer<UInt8>
    let anchored: Bool
    let budget: Int
    /// Per instruction: the generation in which it last joined a list (`.max`: never).
    let marks: UnsafeMutableBufferPointer<UInt16>
    var current: UnsafeMutableBufferPointer<UInt16>
    var next: UnsafeMutableBufferPointer<UInt16>
    let stack: UnsafeMutableBufferPointer<UInt16>
    var currentCount = 0
    var nextCount = 0
    var generation: UInt16 = 0
    var steps = 0

    /// Sentinel for "no scalar" (before the start / after the end of the input).
    static let none: UInt32 = .max

    init(
        code: UnsafeBufferPointer<Instruction>, sets: [ScalarSet], masks: UnsafeBufferPointer<UInt64>,
        bytes: UnsafeBufferPointer<UInt8>, anchored: Bool, budget: Int, scratch: UnsafeMutableBufferPointer<UInt16>
    ) {
        self.code = code
        self.sets = sets
        self.masks = masks
        self.bytes = bytes
        self.anchored = anchored
        self.budget = budget
        let count = code.count
        let base = scratch.baseAddress!
        marks = UnsafeMutableBufferPointer(start: base, count: count)
        current = UnsafeMutableBufferPointer(start: base + count, count: count)
        next = UnsafeMutableBufferPointer(start: base + 2 * count, count: count)
        stack = UnsafeMutableBufferPointer(start: base + 3 * count, count: count + 2)
        marks.initialize(repeating: .max)
    }

    /// Searches from byte offset `start`, where the states of `kernel` are alive (before their
    /// closure) and `previous` is the scalar before (`none` at the start of the input).
    mutating func run(kernel: [UInt16], position start: Int, previous before: UInt32) -> LinearMatcher.Outcome {
        var position = start
        var previous = before
        var scalar = position < bytes.count ? Self.decode(bytes, &position) : Self.none
        generation = 0
        for pc in kernel where add(pc, previous: previous, following: scalar) { return .match }
        swap(&current, &next)
        currentCount = nextCount
        while scalar != Self.none {
            if currentCount == 0 && anchored { return .noMatch }
            let following = position < bytes.count ? Self.decode(bytes, &position) : Self.none
            generation = generation == .max - 1 ? resetMarks() : generation + 1
            nextCount = 0
            steps += currentCount
            for index in 0..<currentCount {
                let pc = Int(current[index])
                let set = Int(code[pc].a)
                let member: Bool
                if scalar < 64 {
                    member = masks[2 &* set] &>> UInt64(scalar) & 1 != 0
                } else if scalar < 128 {
                    member = masks[2 &* set &+ 1] &>> UInt64(scalar &- 64) & 1 != 0
                } else {
                    member = sets[set].contains(scalar)
                }
                if member, enqueue(pc + 1, previous: scalar, following: following) { return .match }
            }
            if !anchored, enqueue(0, previous: scalar, following: following) { return .match }
            if steps > budget { return .budgetExhausted(steps: steps) }
            swap(&current, &next)
            currentCount = nextCount
            previous = scalar
            scalar = following
        }
        return .noMatch
    }

    /// Adds state `pc` to the next list, through ``add(_:previous:following:)`` unless it is a
    /// `consume` (the common case, which needs no closure).
    @inline(__always)
    private mutating func enqueue(_ pc: Int, previous: UInt32, following: UInt32) -> Bool {
        guard case .consume = code[pc].op else { return add(UInt16(pc), previous: previous, following: following) }
        if marks[pc] != generation {
            marks[pc] = generation
            next[nextCount] = UInt16(pc)
            nextCount += 1
            steps += 1
        }
        return false
    }

    /// Adds `start` and its epsilon closure at the position between `previous` and `following` to
    /// the next list; returns true if the closure reaches `match`.
    private mutating func add(_ start: UInt16, previous: UInt32, following: UInt32) -> Bool {
        var top = 0
        stack[top] = start
        top += 1
        while top > 0 {
            top -= 1
            let pc = Int(stack[top])
            if marks[pc] == generation { continue }
            marks[pc] = generation
            steps += 1
            let instruction = code[pc]
            switch instruction.op {
            case .consume:
                next[nextCount] = UInt16(pc)
                nextCount += 1
            case .split:
                stack[top] = instruction.b
                stack[top + 1] = instruction.a
                top += 2
            case .jump:
                stack[top] = instruction.a
                top += 1
            case .assert:
                if Self.holds(RegexAssertion(rawValue: UInt8(instruction.a))!, previous, following) {
                    stack[top] = UInt16(pc + 1)
                    top += 1
                }
            case .match:
                return true
            }
        }
        return false
    }

    /// Clears the marks when the generation counter would overflow.
    private mutating func resetMarks() -> UInt16 {
        marks.update(repeating: .max)
        return 0
    }

    @inline(__always)
    static func holds(_ assertion: RegexAssertion, _ previous: UInt32, _ following: UInt32) -> Bool {
        switch assertion {
        case .inputStart: return previous == none
        case .inputEnd: return following == none
        case .lineStart: return previous == none || isLineTerminator(previous)
        case .lineEnd: return following == none || isLineTerminator(following)
        case .wordBoundary: return isWord(previous) != isWord(following)
        case .notWordBoundary: return isWord(previous) == isWord(following)
        }
    }

    @inline(__always)
    static func isLineTerminator(_ value: UInt32) -> Bool {
        value == 0x0A || value == 0x0D || value == 0x2028 || value == 0x2029
    }

    @inline(__always)
    static func isWord(_ value: UInt32) -> Bool {
        (value >= 0x61 && value <= 0x7A) || (value >= 0x41 && value <= 0x5A) || (value >= 0x30 && value <= 0x39)
            || value == 0x5F
    }

    /// Decodes the scalar at `position` of valid UTF-8 and advances past it.
    @inline(__always)
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, _ position: inout Int) -> UInt32 {
        let lead = UInt32(bytes[position])
        if lead < 0x80 {
            position += 1
            return lead
        }
        if lead < 0xE0 {
            defer { position += 2 }
            return (lead & 0x1F) << 6 | UInt32(bytes[position + 1] & 0x3F)
        }
        if lead < 0xF0 {
            defer { position += 3 }
            return (lead & 0x0F) << 12 | UInt32(bytes[position + 1] & 0x3F) << 6 | UInt32(bytes[position + 2] & 0x3F)
        }
        defer { position += 4 }
        return (lead & 0x07) << 18 | UInt32(bytes[position + 1] & 0x3F) << 12 | UInt32(bytes[position + 2] & 0x3F) << 6
            | UInt32(bytes[position + 3] & 0x3F)
    }
}
