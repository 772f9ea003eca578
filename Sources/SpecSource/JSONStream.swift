/// Receives a JSON document as ``SourceLoader/stream(json:file:limits:to:)`` reads it, without a tree.
///
/// For each value the reader first says where it goes (``member(_:)`` in an object, ``element()``
/// in an array; nothing for the root), then either hands it over whole (``value(_:)``: a scalar,
/// or a container the visitor declined to stream) or, for an array or object the visitor accepted
/// in ``open(isObject:)``, reports its children the same way and then ``close()``.
///
/// The reader applies every rule of ``SourceLoader/parse(_:format:file:limits:)`` (`.json`) (syntax, UTF-8, escapes,
/// duplicate keys, depth) whether or not a container is streamed, and throws the same errors; a
/// visitor must not draw conclusions from the calls made before an error.
package protocol JSONStreamVisitor: AnyObject {
    /// The next value is the member `key` of the innermost open object.
    func member(_ key: String)
    /// The next value is an element of the innermost open array.
    func element()
    /// An array or object starts: `true` to have its children reported one by one (then
    /// ``close()``), `false` to receive it built, through ``value(_:)``.
    func open(isObject: Bool) -> Bool
    /// A string starts: `true` when any string is fine here, so the reader checks its syntax
    /// without building it (and reports nothing for it), `false` to receive it through ``value(_:)``.
    func skipsString() -> Bool
    /// A complete value: a scalar, or a container ``open(isObject:)`` declined. Valid during the call.
    func value(_ value: UnsafePointer<JSONValue>)
    /// The innermost streamed container has closed.
    func close()
}

extension SourceLoader {
    /// Reads one JSON document into `visitor` (see ``JSONStreamVisitor``): the same document, the
    /// same rules and the same errors as ``parse(_:format:file:limits:)`` with `.json`, but only
    /// the values the visitor asks for are built.
    /// - Throws: ``SourceError``, as ``parse(_:format:file:limits:)`` with `.json` throws it.
    package static func stream(json bytes: [UInt8], file: SourceFileID, limits: LoadLimits, to visitor: some JSONStreamVisitor)
        throws(SourceError)
    {
        try SourceEncoding.check(bytes, format: .json, file: file)
        let failure: SourceError? = bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, !buffer.isEmpty else {
                return SourceError(
                    code: "json.empty", message: "empty document: expected a JSON value, found end of input",
                    location: SourceLocation(file: file, line: 1, column: 1))
            }
            var parser = JSONParser(
                base: base, count: buffer.count, file: file, maxDepth: limits.maxDepth, storage: JSONParserStorage.take())
            parser.reset(start: JSONReader.bomLength(base, buffer.count), end: buffer.count, line: 1, atEndOf: "input")
            var failure: SourceError?
            do throws(SourceError) {
                try parser.streamDocument(visitor)
            } catch {
                failure = error
            }
            JSONParserStorage.keep(parser.releaseStorage())
            return failure
        }
        if let failure { throw failure }
    }
}

extension JSONParser {
    /// ``parseDocument()`` with the root value reported to `visitor`.
    mutating func streamDocument(_ visitor: some JSONStreamVisitor) throws(SourceError) {
        skipWhitespace()
        if pos >= end {
            throw error("empty document: expected a JSON value, found end of \(endName)", at: pos, code: "json.empty")
        }
        try streamValue(visitor)
        skipWhitespace()
        if pos < end { throw unexpected("end of \(endName) after the JSON value") }
    }

    /// ``parseValue()`` reporting to `visitor`: containers it streams are opened on ``open`` (so
    /// depth, duplicate keys and the messages are as in ``parseValue()``), their keys kept on
    /// ``keys`` until they close, and nothing is put on ``values``; every other value is read by
    /// ``parseValue()`` itself.
    mutating func streamValue(_ visitor: some JSONStreamVisitor) throws(SourceError) {
        let baseDepth = open.count
        nextValue: while true {
            guard pos < end else { throw unexpected("a JSON value") }
            let b = p[pos]
            if b == UInt8(ascii: "{") || b == UInt8(ascii: "["), visitor.open(isObject: b == UInt8(ascii: "{")) {
                let isObject = b == UInt8(ascii: "{")
                try openContainer(isObject: isObject, at: here)
                if pos < end && p[pos] == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                    pos += 1
                    _ = open.pop()
                    visitor.close()
                } else if isObject {
                    try readKey(afterComma: false)
                    visitor.member(keys.top.name)
                    continue nextValue
                } else {
                    visitor.element()
                    continue nextValue
                }
            } else if b == UInt8(ascii: "\""), visitor.skipsString() {
                try skipString()
            } else {
                let value = try parseValue()
                withUnsafePointer(to: value) { visitor.value($0) }
            }

            // A value is complete: go on in the innermost streamed container, closing containers for
            // as long as their closing bracket follows (``parseValue()``'s loop, without the values).
            while open.count > baseDepth {
                skipWhitespace()
                let isObject = open.top.isObject
                if try readSeparator(isObject: isObject) {
                    if isObject {
                        try readKey(afterComma: true)
                        visitor.member(keys.top.name)
                    } else {
                        visitor.element()
                    }
                    continue nextValue
                }
                let container = open.pop()
                if isObject {
                    if container.keyIndexSlot >= 0 { keyIndexes.removeLast() }
                    keys.removeTop(from: container.keyStart)
                }
                visitor.close()
            }
            return
        }
    }
}

extension JSONParser {
    /// Reads the string at `pos` (the opening quote) as ``readString()`` does, with every check,
    /// without building it.
    mutating func skipString() throws(SourceError) {
        let quote = pos
        pos += 1
        let start = pos
        guard try scanPlainString(quote: quote) else {
            _ = try readEscapedString(quote: quote, start: start)
            return
        }
        pos += 1
    }
}

extension MoveStack {
    /// Removes (and destroys) the elements from `start` to the top, leaving `start` elements.
    @inline(__always)
    mutating func removeTop(from start: Int) {
        let n = count - start
        detach(from: start).deinitialize(count: n)
    }
}
