import BigInt

/// A JSON number with its exact value.
///
/// JSON and YAML numbers are decimal; reading them into `Double` loses `0.1`, and reading them into
/// `Int64` loses `9223372036854776000`. `JSONNumber` keeps the written value exactly, so that `enum`,
/// `const`, `minimum` and `multipleOf` compare exactly (`0.07` is a multiple of `0.01`).
///
/// Integral values that fit in `Int64` (the common case) are stored inline; everything else is a
/// normalised decimal `significand × 10^exponent` with an arbitrary-precision significand. Equal
/// values have equal representations, so `==` and hashing are by value: `1`, `1.0` and `10e-1` are
/// the same number.
public struct JSONNumber: Sendable, Hashable, Comparable, CustomStringConvertible {
    @usableFromInline
    enum Storage: Sendable, Hashable {
        case int(Int64)
        /// `significand × 10^exponent`; the significand is never divisible by 10 and never zero, and
        /// the value is not an integer that fits in `Int64`. Boxed, so that a number (and so every
        /// ``JSONValue``) stays two words wide.
        case decimal(Decimal)
    }

    /// A normalised decimal too large or too fine for `Int64`.
    @usableFromInline
    final class Decimal: Sendable, Hashable {
        @usableFromInline let significand: BigInt
        @usableFromInline let exponent: Int
        /// ``significand`` when it fits in `Int64` (most decimals written in JSON: `0.5`,
        /// `19.99`), so that ``JSONNumber/compare(_:_:)`` can order them without `BigInt` work.
        let smallSignificand: Int64?

        @usableFromInline init(_ significand: BigInt, _ exponent: Int) {
            self.significand = significand
            self.exponent = exponent
            smallSignificand = Decimal.int64(significand)
        }

        /// A decimal whose significand is `significand`, equal to `small` (the reader knows it).
        init(_ significand: BigInt, _ exponent: Int, small: Int64) {
            self.significand = significand
            self.exponent = exponent
            smallSignificand = small
        }

        /// `value` as an `Int64` when its magnitude is below 2^63; read from its one word rather
        /// than through `Int64(exactly:)`, whose generic conversion costs about 3,700
        /// instructions (more than parsing the number).
        private static func int64(_ value: BigInt) -> Int64? {
            let magnitude = value.magnitude
            guard magnitude.bitWidth <= 63 else { return nil }
            let word = magnitude.isZero ? 0 : Int64(magnitude.words[0])
            return value.sign == .minus ? -word : word
        }

        @usableFromInline
        static func == (lhs: Decimal, rhs: Decimal) -> Bool {
            lhs.exponent == rhs.exponent && lhs.significand == rhs.significand
        }

        @usableFromInline
        func hash(into hasher: inout Hasher) {
            hasher.combine(significand)
            hasher.combine(exponent)
        }
    }

    @usableFromInline let storage: Storage

    /// Creates a number from an integer.
    @inlinable public init(_ value: Int64) { storage = .int(value) }

    /// Creates a number from an integer.
    @inlinable public init(_ value: Int) { storage = .int(Int64(value)) }

    /// Creates a number from an arbitrary-precision integer.
    public init(_ value: BigInt) { self.init(significand: value, exponent: 0) }

    /// Creates a number equal to `significand × 10^exponent`.
    public init(significand: BigInt, exponent: Int) {
        var s = significand
        var e = exponent
        if s.isZero {
            storage = .int(0)
            return
        }
        while true {
            let (q, r) = s.quotientAndRemainder(dividingBy: 10)
            if !r.isZero { break }
            s = q
            e += 1
        }
        if e >= 0 && e <= 18 {
            let scaled = s * BigInt(10).power(e)
            if let small = Int64(exactly: scaled) {
                storage = .int(small)
                return
            }
        }
        storage = .decimal(Decimal(s, e))
    }

    /// Creates a number from a `Double`, using its shortest round-tripping decimal form
    /// (so `0.1` becomes exactly one tenth). Returns `nil` for infinities and NaN.
    public init?(_ value: Double) {
        guard value.isFinite else { return nil }
        if value == value.rounded(), abs(value) < 9.0e18 {
            self.init(Int64(value))
            return
        }
        guard let parsed = JSONNumber(literal: "\(value)") else { return nil }
        self = parsed
    }

    /// Parses a JSON number literal (`-?int(.frac)?([eE][+-]?digits)?`).
    ///
    /// A leading `+` and leading zeros are accepted as well (YAML's core schema allows them); the
    /// JSON reader checks the stricter JSON grammar itself before calling this.
    /// - Parameter literal: The number's text.
    /// - Returns: The exact value, or `nil` when `literal` is not a decimal number.
    public init?(literal: some StringProtocol) {
        var negative = false
        var digits: [UInt8] = []
        digits.reserveCapacity(literal.utf8.count)
        var exponent = 0
        var sawDigit = false
        var inFraction = false
        var iterator = literal.utf8.makeIterator()
        var pending = iterator.next()
        if pending == UInt8(ascii: "-") || pending == UInt8(ascii: "+") {
            negative = pending == UInt8(ascii: "-")
            pending = iterator.next()
        }
        while let c = pending {
            if c >= 48 && c <= 57 {
                sawDigit = true
                if !(digits.isEmpty && c == 48) { digits.append(c - 48) }
                if inFraction { exponent -= 1 }
            } else if c == UInt8(ascii: ".") && !inFraction {
                inFraction = true
            } else if c == UInt8(ascii: "e") || c == UInt8(ascii: "E") {
                guard sawDigit else { return nil }
                var expNegative = false
                var expValue = 0
                var expDigits = 0
                var next = iterator.next()
                if next == UInt8(ascii: "-") || next == UInt8(ascii: "+") {
                    expNegative = next == UInt8(ascii: "-")
                    next = iterator.next()
                }
                while let d = next {
                    guard d >= 48 && d <= 57 else { return nil }
                    expDigits += 1
                    let (m, o1) = expValue.multipliedReportingOverflow(by: 10)
                    let (a, o2) = m.addingReportingOverflow(Int(d - 48))
                    guard !o1 && !o2 && a < Int(Int32.max) else { return nil }
                    expValue = a
                    next = iterator.next()
                }
                guard expDigits > 0 else { return nil }
                exponent += expNegative ? -expValue : expValue
                pending = nil
                break
            } else {
                return nil
            }
            pending = iterator.next()
        }
        guard sawDigit else { return nil }
        // Drop trailing zeros into the exponent.
        while let last = digits.last, last == 0 {
            digits.removeLast()
            exponent += 1
        }
        if digits.isEmpty {
            self.init(Int64(0))
            return
        }
        if exponent >= 0 && digits.count + exponent <= 18 {
            var v: Int64 = 0
            for d in digits { v = v * 10 + Int64(d) }
            for _ in 0..<exponent { v *= 10 }
            self.init(negative ? -v : v)
            return
        }
        var significand = BigInt(0)
        var chunk: Int64 = 0
        var chunkDigits = 0
        for d in digits {
            chunk = chunk * 10 + Int64(d)
            chunkDigits += 1
            if chunkDigits == 18 {
                significand = significand * BigInt(1_000_000_000_000_000_000) + BigInt(chunk)
                chunk = 0
                chunkDigits = 0
            }
        }
        if chunkDigits > 0 {
            significand = significand * BigInt(10).power(chunkDigits) + BigInt(chunk)
        }
        self.init(significand: negative ? -significand : significand, exponent: exponent)
    }

    // MARK: Inspecting

    /// Whether the value is a whole number (`8`, `8.0` and `1e3` are; `8.5` is not).
    @inlinable public var isInteger: Bool {
        switch storage {
        case .int: return true
        case .decimal(let d): return d.exponent >= 0
        }
    }

    /// The value as an `Int64`, when it is an integer in range.
    @inlinable public var int64Value: Int64? {
        if case .int(let v) = storage { return v }
        return nil
    }

    /// The value as an `Int`, when it is an integer in range.
    @inlinable public var intValue: Int? { int64Value.flatMap { Int(exactly: $0) } }

    /// The nearest `Double` (may be infinite for huge values).
    public var doubleValue: Double {
        switch storage {
        case .int(let v): return Double(v)
        case .decimal: return Double(description) ?? .nan
        }
    }

    /// `-1`, `0` or `1`.
    public var signum: Int {
        switch storage {
        case .int(let v): return v == 0 ? 0 : (v < 0 ? -1 : 1)
        case .decimal(let d): return d.significand.signum() < 0 ? -1 : 1
        }
    }

    /// The value as `significand × 10^exponent` (not normalised for the inline case).
    var decimalParts: (significand: BigInt, exponent: Int) {
        switch storage {
        case .int(let v): return (BigInt(v), 0)
        case .decimal(let d): return (d.significand, d.exponent)
        }
    }

    /// The canonical text: plain digits for integers and for moderate exponents, otherwise
    /// scientific notation (`1.5e+300`).
    public var description: String {
        switch storage {
        case .int(let v):
            return String(v)
        case .decimal(let d):
            let s = d.significand
            let e = d.exponent
            let negative = s.signum() < 0
            let digits = String(s.magnitude)
            var text: String
            if e >= 0 {
                text = e <= 21 ? digits + String(repeating: "0", count: e) : scientific(digits, e)
            } else {
                let point = digits.count + e
                if point > 0 {
                    let idx = digits.index(digits.startIndex, offsetBy: point)
                    text = digits[..<idx] + "." + digits[idx...]
                } else if point > -7 {
                    text = "0." + String(repeating: "0", count: -point) + digits
                } else {
                    text = scientific(digits, e)
                }
            }
            return negative ? "-" + text : text
        }
    }

    private func scientific(_ digits: String, _ e: Int) -> String {
        let exp = e + digits.count - 1
        let head = String(digits.first!)
        let tail = digits.dropFirst()
        return head + (tail.isEmpty ? "" : "." + tail) + "e" + (exp < 0 ? "-" : "+") + String(abs(exp))
    }

    // MARK: Arithmetic used by validation

    /// The value with its sign flipped.
    public static prefix func - (value: JSONNumber) -> JSONNumber {
        switch value.storage {
        case .int(let v) where v != Int64.min: return JSONNumber(-v)
        default:
            let (s, e) = value.decimalParts
            return JSONNumber(significand: -s, exponent: e)
        }
    }

    /// Number of decimal digits of `magnitude` (at least 1).
    private static func digitCount(_ value: BigInt) -> Int {
        String(value.magnitude).count
    }

    /// Whether `lhs` comes before `rhs` in the order described on the type.
    public static func < (lhs: JSONNumber, rhs: JSONNumber) -> Bool {
        compare(lhs, rhs) < 0
    }

    /// Three-way comparison: negative, zero or positive.
    public static func compare(_ lhs: JSONNumber, _ rhs: JSONNumber) -> Int {
        if case .int(let a) = lhs.storage, case .int(let b) = rhs.storage {
            return a == b ? 0 : (a < b ? -1 : 1)
        }
        if let order = compareSmall(lhs, rhs) { return order }
        let ls = lhs.signum
        let rs = rhs.signum
        if ls != rs { return ls < rs ? -1 : 1 }
        if ls == 0 { return 0 }
        let (a, ea) = lhs.decimalParts
        let (b, eb) = rhs.decimalParts
        // Compare magnitudes by the position of the most significant digit first, so that huge
        // exponents never turn into huge multiplications.
        let ta = digitCount(a) + ea
        let tb = digitCount(b) + eb
        var magnitudeOrder: Int
        if ta != tb {
            magnitudeOrder = ta < tb ? -1 : 1
        } else {
            let e = min(ea, eb)
            let sa = a.magnitude * BigUInt(10).power(ea - e)
            let sb = b.magnitude * BigUInt(10).power(eb - e)
            magnitudeOrder = sa == sb ? 0 : (sa < sb ? -1 : 1)
        }
        return ls < 0 ? -magnitudeOrder : magnitudeOrder
    }

    /// ``compare(_:_:)`` when both values are `significand × 10^exponent` with an `Int64`
    /// significand and both significands, scaled to the smaller exponent, still fit in `Int64`:
    /// then the scaled significands compare as the values do, exactly (`0.5` against `1` is
    /// `5` against `10`). `nil` otherwise (a `BigInt` significand, exponents more than 18 apart,
    /// an overflow), for the general path.
    @inline(__always)
    private static func compareSmall(_ lhs: JSONNumber, _ rhs: JSONNumber) -> Int? {
        guard let (a, ea) = lhs.smallParts, let (b, eb) = rhs.smallParts else { return nil }
        let e = min(ea, eb)
        guard let sa = scaled(a, by: ea, to: e), let sb = scaled(b, by: eb, to: e) else { return nil }
        return sa == sb ? 0 : (sa < sb ? -1 : 1)
    }

    /// The value as `significand × 10^exponent` with an `Int64` significand, when it has one.
    @inline(__always)
    private var smallParts: (significand: Int64, exponent: Int)? {
        switch storage {
        case .int(let v): return (v, 0)
        case .decimal(let d):
            guard let s = d.smallSignificand else { return nil }
            return (s, d.exponent)
        }
    }

    /// `value × 10^(exponent − target)` (`target` ≤ `exponent`), or `nil` when it does not fit
    /// in `Int64`.
    @inline(__always)
    private static func scaled(_ value: Int64, by exponent: Int, to target: Int) -> Int64? {
        let (shift, overflow) = exponent.subtractingReportingOverflow(target)
        guard !overflow, shift <= 18 else { return nil }
        var result = value
        for _ in 0..<shift {
            let (next, o) = result.multipliedReportingOverflow(by: 10)
            if o { return nil }
            result = next
        }
        return result
    }

    /// Whether `self` divided by `divisor` is an integer, computed exactly.
    /// - Parameter divisor: A positive number (`multipleOf` rejects others at compile time).
    public func isMultiple(of divisor: JSONNumber) -> Bool {
        if case .int(let a) = storage, case .int(let b) = divisor.storage, b != 0 {
            if b == -1 { return true }
            return a % b == 0
        }
        if signum == 0 { return true }
        if divisor.signum == 0 { return false }
        let (a, ea) = decimalParts
        let (b, eb) = divisor.decimalParts
        // Normalise trailing zeros of inline integers so exponents are comparable.
        let (na, nea) = JSONNumber.stripTens(a, ea)
        let (nb, neb) = JSONNumber.stripTens(b, eb)
        if nea < neb {
            // self has more fractional digits than divisor can absorb: na is not divisible by 10,
            // so na × 10^(nea−neb) can't be an integer multiple of nb.
            return false
        }
        // Need (na × 10^k) mod nb == 0, k = nea − neb; 10^k mod nb by modular exponentiation.
        let m = nb.magnitude
        if m == 1 { return true }
        let k = BigUInt(nea - neb)
        let tenPow = BigUInt(10).power(k, modulus: m)
        return (na.magnitude % m) * tenPow % m == 0
    }

    private static func stripTens(_ s: BigInt, _ e: Int) -> (BigInt, Int) {
        var s = s
        var e = e
        while !s.isZero {
            let (q, r) = s.quotientAndRemainder(dividingBy: 10)
            if !r.isZero { break }
            s = q
            e += 1
        }
        return (s, e)
    }
}
