import BigInt

extension JSONParser {
    // MARK: UTF-8

    /// The length (2–4) of the valid multi-byte UTF-8 sequence starting at `offset`, or 0 when the
    /// bytes there are not valid UTF-8 (stray continuation byte, overlong form, encoded surrogate,
    /// value above U+10FFFF, or a sequence cut short by the end of the range).
    @inline(__always)
    func utf8SequenceLength(at offset: Int) -> Int {
        let b0 = p[offset]
        let available = end - offset
        @inline(__always) func isContinuation(_ i: Int) -> Bool { p[offset + i] & 0xC0 == 0x80 }
        if b0 < 0xC2 { return 0 }
        if b0 < 0xE0 { return available >= 2 && isContinuation(1) ? 2 : 0 }
        if b0 < 0xF0 {
            guard available >= 3 else { return 0 }
            let b1 = p[offset + 1]
            let low: UInt8 = b0 == 0xE0 ? 0xA0 : 0x80
            let high: UInt8 = b0 == 0xED ? 0x9F : 0xBF
            return b1 >= low && b1 <= high && isContinuation(2) ? 3 : 0
        }
        if b0 < 0xF5 {
            guard available >= 4 else { return 0 }
            let b1 = p[offset + 1]
            let low: UInt8 = b0 == 0xF0 ? 0x90 : 0x80
            let high: UInt8 = b0 == 0xF4 ? 0x8F : 0xBF
            return b1 >= low && b1 <= high && isContinuation(2) && isContinuation(3) ? 4 : 0
        }
        return 0
    }

    /// Validates the multi-byte character at `pos`, advances past it and counts its continuation
    /// bytes for column computation.
    @inline(__always)
    mutating func skipMultiByteCharacter() throws(SourceError) {
        let n = utf8SequenceLength(at: pos)
        if n == 0 { throw invalidUTF8(at: pos) }
        pos += n
        continuationBytes += n - 1
    }

    // MARK: Strings

    /// The bytes of `word` (eight input bytes, the first in the low byte) that are `"`, `\`,
    /// below 0x20 or at least 0x80, each marked by its high bit; 0 when none is.
    ///
    /// Each test may also mark bytes after the first byte it matches (a borrow carries into the
    /// next byte), never before it: the lowest mark is always the first byte that needs attention.
    @inline(__always)
    static func attention(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let quote = word ^ (ones &* 0x22)
        let backslash = word ^ (ones &* 0x5C)
        let zeroQuote = (quote &- ones) & ~quote
        let zeroBackslash = (backslash &- ones) & ~backslash
        let control = (word &- ones &* 0x20) & ~word
        return (zeroQuote | zeroBackslash | control | word) & highs
    }

    /// Reads a string at `pos` (the opening quote) and returns its value; `pos` ends after the
    /// closing quote. Strings without escapes are created straight from the input bytes.
    mutating func readString() throws(SourceError) -> String {
        let quote = pos
        pos += 1
        let start = pos
        let multiByteBefore = continuationBytes
        guard try scanPlainString(quote: quote) else { return try readEscapedString(quote: quote, start: start) }
        // A string cannot span lines, so only its own multi-byte characters were counted.
        let s = makeString(at: start, count: pos - start, isASCII: continuationBytes == multiByteBefore, isKey: false)
        pos += 1
        return s
    }

    /// Reads an object key at `pos` (the opening quote) as ``readString()`` does, with its
    /// ``keyPrint(_:count:readable:)``; keys go through ``keyCache`` when there is one. Inlined
    /// into its one caller, ``readKey(afterComma:)``: returned from a call, the pair went through
    /// memory.
    @inline(__always)
    mutating func readKeyString() throws(SourceError) -> (String, UInt64) {
        let quote = pos
        pos += 1
        let start = pos
        let multiByteBefore = continuationBytes
        guard try scanPlainString(quote: quote) else {
            var key = try readEscapedString(quote: quote, start: start)
            let print = key.withUTF8 { bytes in
                guard let start = bytes.baseAddress else { return Self.keyPrint(p, count: 0, readable: 0) }
                return Self.keyPrint(start, count: bytes.count, readable: bytes.count)
            }
            return (key, print)
        }
        let count = pos - start
        let print = Self.keyPrint(p + start, count: count, readable: bufferCount - start)
        let key = makeString(at: start, count: count, isASCII: continuationBytes == multiByteBefore, isKey: true)
        pos += 1
        return (key, print)
    }

    /// Scans the string whose opening quote is at offset `quote`, from `pos`, validating it, up to
    /// its closing quote (returns `true`) or its first backslash (`false`), where `pos` stops.
    /// The cursor is a local (written back at each exit), so the loop keeps it in a register.
    @inline(__always)
    mutating func scanPlainString(quote: Int) throws(SourceError) -> Bool {
        let p = self.p
        let end = self.end
        var i = pos
        while true {
            // Eight bytes at a time; at a word with a byte that needs attention, straight to it.
            while end &- i >= 8 {
                let word = UInt64(littleEndian: UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self))
                let marks = Self.attention(word)
                if marks != 0 {
                    i &+= marks.trailingZeroBitCount >> 3
                    break
                }
                i &+= 8
            }
            pos = i
            guard i < end else { throw unterminatedString(quote) }
            let b = p[i]
            if b == UInt8(ascii: "\"") { return true }
            if b == UInt8(ascii: "\\") { return false }
            if b < 0x20 { throw rawControlCharacter() }
            if b < 0x80 {
                i &+= 1
            } else {
                try skipMultiByteCharacter()
                i = pos
            }
        }
    }

    /// A fingerprint of the `count` UTF-8 bytes of a key at `start`, of which `readable` bytes
    /// may be read: equal keys have equal prints. Keys of up to 7 bytes are their own print
    /// (bytes and length); longer ones mix their first and last eight bytes with their length.
    @inline(__always)
    static func keyPrint(_ start: UnsafePointer<UInt8>, count: Int, readable: Int) -> UInt64 {
        let raw = UnsafeRawPointer(start)
        var word: UInt64
        if count >= 8 {
            let head = UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self))
            let tail = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self))
            word = head &* 0x9E37_79B9_7F4A_7C15 ^ tail
        } else if readable >= 8 {
            word = UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self)) & (UInt64(1) << (UInt64(count) << 3) &- 1)
        } else {
            word = 0
            for i in 0..<count { word |= UInt64(start[i]) << (UInt64(i) << 3) }
        }
        return word ^ UInt64(truncatingIfNeeded: count) << 58
    }

    /// The string of the `count` validated bytes at offset `start`: small ASCII strings are built
    /// in place (``SmallASCIIString``), the others by ``makeStoredString(at:count:isASCII:isKey:)``.
    @inline(__always)
    mutating func makeString(at start: Int, count: Int, isASCII: Bool, isKey: Bool) -> String {
        if isASCII && count <= SmallASCIIString.capacity && smallStrings != 0 {
            return SmallASCIIString.make(p + start, count: count, readable: bufferCount - start, discriminator: smallStrings)
        }
        return makeStoredString(at: start, count: count, isASCII: isASCII, isKey: isKey)
    }

    /// A string that ``makeString(at:count:isASCII:isKey:)`` does not build in place: keys through
    /// ``keyCache`` when there is one, the rest without validating the bytes again.
    @inline(never)
    mutating func makeStoredString(at start: Int, count: Int, isASCII: Bool, isKey: Bool) -> String {
        if isKey && keyCache != nil { return keyCache!.key(p + start, count: count, isASCII: isASCII) }
        return String(validatedUTF8: p + start, count: count, isASCII: isASCII)
    }

    /// Continues a string that contains escapes: bytes from `start` to `pos` are plain, and `pos`
    /// is at a backslash. Decodes into ``scratch``.
    mutating func readEscapedString(quote: Int, start: Int) throws(SourceError) -> String {
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(start: p + start, count: pos - start))
        while true {
            guard pos < end else { throw unterminatedString(quote) }
            let b = p[pos]
            if b == UInt8(ascii: "\"") {
                pos += 1
                // Valid UTF-8: validated input bytes and the encodings of escaped scalars, which
                // are never surrogates and at most U+10FFFF.
                var isASCII = true
                for byte in scratch where byte >= 0x80 { isASCII = false }
                return scratch.withUnsafeBufferPointer { buffer in
                    buffer.isEmpty ? "" : String(validatedUTF8: buffer.baseAddress!, count: buffer.count, isASCII: isASCII)
                }
            }
            if b == UInt8(ascii: "\\") {
                try readEscape()
            } else if b < 0x20 {
                throw rawControlCharacter()
            } else if b < 0x80 {
                scratch.append(b)
                pos += 1
            } else {
                let first = pos
                try skipMultiByteCharacter()
                scratch.append(contentsOf: UnsafeBufferPointer(start: p + first, count: pos - first))
            }
        }
    }

    /// Decodes the escape sequence at `pos` (a backslash) into ``scratch``.
    mutating func readEscape() throws(SourceError) {
        let backslash = pos
        guard pos + 1 < end else {
            pos += 1
            throw unexpected(#"an escape character after "\""#)
        }
        let c = p[pos + 1]
        let decoded: UInt8
        switch c {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): decoded = c
        case UInt8(ascii: "b"): decoded = 0x08
        case UInt8(ascii: "f"): decoded = 0x0C
        case UInt8(ascii: "n"): decoded = 0x0A
        case UInt8(ascii: "r"): decoded = 0x0D
        case UInt8(ascii: "t"): decoded = 0x09
        case UInt8(ascii: "u"):
            pos += 2
            var scalar = try readHex4(escapeAt: backslash)
            if scalar >= 0xD800 && scalar <= 0xDBFF {
                guard end - pos >= 6, p[pos] == UInt8(ascii: "\\"), p[pos + 1] == UInt8(ascii: "u") else {
                    throw loneSurrogate(scalar, at: backslash, detail: "is not followed by a low surrogate escape")
                }
                let second = pos
                pos += 2
                let low = try readHex4(escapeAt: second)
                guard low >= 0xDC00 && low <= 0xDFFF else {
                    throw loneSurrogate(scalar, at: backslash, detail: "is not followed by a low surrogate escape")
                }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if scalar >= 0xDC00 && scalar <= 0xDFFF {
                throw loneSurrogate(scalar, at: backslash, detail: "does not follow a high surrogate escape")
            }
            appendUTF8(scalar)
            return
        default:
            pos += 1
            let found = foundDescription()
            pos = backslash
            throw error(
                #"invalid escape in string: expected one of \" \\ \/ \b \f \n \r \t \uXXXX, found "\"# + found,
                at: backslash)
        }
        scratch.append(decoded)
        pos += 2
    }

    /// Reads four hex digits at `pos` (after `\u`) and returns their value.
    @inline(__always)
    mutating func readHex4(escapeAt backslash: Int) throws(SourceError) -> UInt32 {
        var value: UInt32 = 0
        for i in 0..<4 {
            let b = pos + i < end ? p[pos + i] : 0
            let digit: UInt32
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(b - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(b - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(b - UInt8(ascii: "A") + 10)
            default:
                pos += i
                let found = foundDescription()
                throw error(#"invalid \u escape in string: expected 4 hex digits, found "# + found, at: backslash)
            }
            value = value << 4 | digit
        }
        pos += 4
        return value
    }

    /// Appends `scalar` (not a surrogate) to ``scratch`` as UTF-8.
    @inline(__always)
    mutating func appendUTF8(_ scalar: UInt32) {
        switch scalar {
        case 0..<0x80:
            scratch.append(UInt8(scalar))
        case 0x80..<0x800:
            scratch.append(UInt8(0xC0 | scalar >> 6))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            scratch.append(UInt8(0xE0 | scalar >> 12))
            scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        default:
            scratch.append(UInt8(0xF0 | scalar >> 18))
            scratch.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    /// The error for a string that runs to the end of the range.
    func unterminatedString(_ quote: Int) -> SourceError {
        let open = location(at: quote)
        return error(
            #"expected closing '"' of the string that starts at line \#(open.line), column \#(open.column), found end of \#(endName)"#,
            at: pos)
    }

    /// The error for a raw control character at `pos` inside a string.
    func rawControlCharacter() -> SourceError {
        error("control characters must be escaped in strings: found \(foundDescription())", at: pos)
    }

    /// The `json.lone-surrogate` error for the `\u` escape at `offset`.
    func loneSurrogate(_ value: UInt32, at offset: Int, detail: String) -> SourceError {
        let hex = String(value, radix: 16, uppercase: true)
        return error(#"lone surrogate escape "\u\#(hex)" in string: it \#(detail)"#, at: offset, code: "json.lone-surrogate")
    }

    // MARK: Numbers

    /// Reads a number at `pos` following the JSON grammar `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`
    /// and returns its exact value. Up to 19 significant digits are accumulated in a `UInt64` and
    /// turned into a ``JSONNumber`` without going through text; longer numbers use
    /// ``JSONNumber/init(literal:)``.
    mutating func readNumber() throws(SourceError) -> JSONNumber {
        let start = pos
        let negative = p[pos] == UInt8(ascii: "-")
        if negative { pos += 1 }
        var mantissa: UInt64 = 0
        var significantDigits = 0
        var exponent = 0
        var overflow = false
        @inline(__always) func isDigit(_ b: UInt8) -> Bool { b &- UInt8(ascii: "0") < 10 }

        guard pos < end, isDigit(p[pos]) else { throw unexpected(#"a digit after "-""#) }
        if p[pos] == UInt8(ascii: "0") {
            pos += 1
            if pos < end && isDigit(p[pos]) {
                throw error(
                    "leading zeros are not allowed in numbers: expected \".\", \"e\" or the end of the number after \"0\", found \(foundDescription())",
                    at: pos)
            }
        } else {
            while pos < end, isDigit(p[pos]) {
                if significantDigits < 19 {
                    mantissa = mantissa &* 10 &+ UInt64(p[pos] &- UInt8(ascii: "0"))
                    significantDigits += 1
                } else {
                    overflow = true
                }
                pos += 1
            }
        }
        var isIntegerLiteral = true
        if pos < end && p[pos] == UInt8(ascii: ".") {
            isIntegerLiteral = false
            pos += 1
            guard pos < end, isDigit(p[pos]) else { throw unexpected("a digit after the decimal point") }
            while pos < end, isDigit(p[pos]) {
                let d = p[pos] &- UInt8(ascii: "0")
                if mantissa == 0 && d == 0 {
                    exponent -= 1
                } else if significantDigits < 19 {
                    mantissa = mantissa &* 10 &+ UInt64(d)
                    significantDigits += 1
                    exponent -= 1
                } else {
                    overflow = true
                }
                pos += 1
            }
        }
        let mantissaEnd = pos
        var explicitExponent = 0
        if pos < end && (p[pos] | 0x20) == UInt8(ascii: "e") {
            isIntegerLiteral = false
            pos += 1
            var exponentNegative = false
            if pos < end && (p[pos] == UInt8(ascii: "+") || p[pos] == UInt8(ascii: "-")) {
                exponentNegative = p[pos] == UInt8(ascii: "-")
                pos += 1
            }
            guard pos < end, isDigit(p[pos]) else { throw unexpected("a digit in the exponent of the number") }
            var value = 0
            while pos < end, isDigit(p[pos]) {
                value = min(value * 10 + Int(p[pos] &- UInt8(ascii: "0")), Int(Int32.max))
                pos += 1
            }
            guard value < Int(Int32.max) else {
                throw error("number exponent is too large (the limit is \(Int32.max - 1))", at: start)
            }
            explicitExponent = exponentNegative ? -value : value
            exponent += explicitExponent
        }

        if overflow {
            return makeLongNumber(
                start: start, mantissaEnd: mantissaEnd, negative: negative,
                exponent: explicitExponent)
        }
        if isIntegerLiteral {
            if !negative {
                if mantissa <= UInt64(Int64.max) { return JSONNumber(Int64(mantissa)) }
            } else if mantissa <= UInt64(1) << 63 {
                return JSONNumber(Int64(bitPattern: 0 &- mantissa))
            }
        }
        return Self.makeNumber(negative: negative, mantissa: mantissa, exponent: exponent)
    }

    /// The number whose (already validated) digits and decimal point are `start..<mantissaEnd`,
    /// times `10^exponent`, when it has more than 19 significant digits. Works on the bytes: trailing
    /// zeros go into the exponent and the rest is accumulated 19 digits at a time into a `BigUInt`.
    func makeLongNumber(start: Int, mantissaEnd: Int, negative: Bool, exponent: Int) -> JSONNumber {
        @inline(__always) func isDigit(_ b: UInt8) -> Bool { b &- UInt8(ascii: "0") < 10 }
        var first = start
        while first < mantissaEnd, !isDigit(p[first]) || p[first] == UInt8(ascii: "0") { first += 1 }
        if first == mantissaEnd { return JSONNumber(Int64(0)) }
        var last = mantissaEnd - 1
        while last > first, !isDigit(p[last]) || p[last] == UInt8(ascii: "0") { last -= 1 }
        // value = digits × 10^(exponent − fraction length); stripped trailing zeros raise it.
        var point = mantissaEnd
        for j in start..<mantissaEnd where p[j] == UInt8(ascii: ".") { point = j }
        let fractionLength = point < mantissaEnd ? mantissaEnd - point - 1 : 0
        var trailingZeros = 0
        for j in (last + 1)..<mantissaEnd where isDigit(p[j]) { trailingZeros += 1 }
        let e = exponent - fractionLength + trailingZeros
        var significand = BigUInt()
        var chunk: UInt64 = 0
        var chunkDigits = 0
        var count = 0
        for j in first...last where isDigit(p[j]) {
            if chunkDigits == 19 {
                significand.multiply(byWord: 10_000_000_000_000_000_000)
                significand += BigUInt(integerLiteral: chunk)
                chunk = 0
                chunkDigits = 0
            }
            chunk = chunk &* 10 &+ UInt64(p[j] &- UInt8(ascii: "0"))
            chunkDigits += 1
            count += 1
        }
        if count <= 19 { return Self.makeNumber(negative: negative, mantissa: chunk, exponent: e) }
        if chunkDigits > 0 {
            var scale: UInt = 1
            for _ in 0..<chunkDigits { scale &*= 10 }
            significand.multiply(byWord: scale)
            significand += BigUInt(integerLiteral: chunk)
        }
        return JSONNumber(
            normalizedSignificand: BigInt(sign: negative ? .minus : .plus, magnitude: significand),
            exponent: e)
    }

    /// The number `±mantissa × 10^exponent`, normalised as ``JSONNumber`` requires.
    static func makeNumber(negative: Bool, mantissa: UInt64, exponent: Int) -> JSONNumber {
        if mantissa == 0 { return JSONNumber(Int64(0)) }
        var m = mantissa
        var e = exponent
        while m % 10 == 0 {
            m /= 10
            e += 1
        }
        if e >= 0 && e <= 18 {
            var scaled = m
            var fits = true
            for _ in 0..<e {
                let (r, o) = scaled.multipliedReportingOverflow(by: 10)
                if o {
                    fits = false
                    break
                }
                scaled = r
            }
            if fits {
                if !negative && scaled <= UInt64(Int64.max) { return JSONNumber(Int64(scaled)) }
                if negative && scaled <= UInt64(1) << 63 { return JSONNumber(Int64(bitPattern: 0 &- scaled)) }
            }
        }
        // `init(integerLiteral:)` is BigUInt's one non-generic integer initialiser (no dispatch).
        let significand = BigInt(sign: negative ? .minus : .plus, magnitude: BigUInt(integerLiteral: m))
        if m <= UInt64(Int64.max) {
            let small = negative ? -Int64(m) : Int64(m)
            return JSONNumber(normalizedSignificand: significand, exponent: e, small: small)
        }
        return JSONNumber(normalizedSignificand: significand, exponent: e)
    }
}

extension JSONNumber {
    /// Creates the decimal `significand × 10^exponent` directly; the caller guarantees the
    /// significand is non-zero and not divisible by 10, and that the value is not an integer that
    /// fits in `Int64` (the invariants ``JSONNumber/init(significand:exponent:)`` establishes).
    init(normalizedSignificand significand: BigInt, exponent: Int) {
        storage = .decimal(Decimal(significand, exponent))
    }

    /// ``init(normalizedSignificand:exponent:)`` for a significand equal to `small`.
    init(normalizedSignificand significand: BigInt, exponent: Int, small: Int64) {
        storage = .decimal(Decimal(significand, exponent, small: small))
    }
}
