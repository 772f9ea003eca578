import OpenAPIRuntime

/// A body read for checking, and the body to pass on in its place (the same bytes).
struct BufferedBody: Sendable {
    /// The bytes to check: `nil` when there is no body, or when it is larger than the limit and
    /// was not read whole (then ``checked`` is false).
    var bytes: [UInt8]?
    /// Whether ``bytes`` is the whole body (false: too large, passed on unchecked).
    var checked: Bool
    /// What goes on to the next middleware or the caller: the bytes read, then the rest unread.
    var passOn: HTTPBody?

    /// Reads `body` up to `limit` bytes.
    ///
    /// A body of known length above the limit is passed on untouched and unread. Otherwise chunks
    /// are read until the end, until its known `length` has come (what a body yields beyond its
    /// declared length is not checked), or until more than `limit` bytes have come. A body read whole is
    /// passed on itself when it can be iterated again (`.multiple`: the client's and server's
    /// own bodies), else as a new body of the bytes read, with the original `length`. A body
    /// found too large is passed on as the bytes read, then the rest streamed from the same
    /// iterator, so the receiver gets every byte once, in order, with the original `length`.
    ///
    /// It runs on its caller's executor, inlined (no executor hop and no task frame of its own).
    /// - Throws: What reading the body throws.
    @inline(__always) nonisolated(nonsending) static func read(_ body: HTTPBody?, limit: Int) async throws -> BufferedBody {
        guard let body else { return BufferedBody(bytes: nil, checked: true, passOn: nil) }
        if case .known(let length) = body.length, length > Int64(limit) {
            return BufferedBody(bytes: nil, checked: false, passOn: body)
        }
        var iterator = body.makeAsyncIterator()
        var bytes: [UInt8] = []
        var chunks = 0
        // A body of known length is read until that many bytes have come: one `next()` for the
        // usual one-chunk body, without the second that would only report its end.
        var expected = Int.max
        if case .known(let length) = body.length, length >= 0 { expected = Int(length) }
        while bytes.count < expected, let chunk = try await iterator.next() {
            if bytes.count + chunk.count > limit {
                let head = bytes.isEmpty ? [chunk] : [bytes[...], chunk]
                let rest = ReplayedBody(head: head, rest: IteratorBox(iterator))
                return BufferedBody(bytes: nil, checked: false, passOn: HTTPBody(rest, length: body.length, iterationBehavior: .single))
            }
            chunks += 1
            if chunks == 1 {
                // A chunk that is a whole array (a body made from [UInt8] or Data) is taken without a copy.
                bytes = Array(chunk)
            } else {
                if chunks == 2, case .known(let length) = body.length { bytes.reserveCapacity(Int(length)) }
                bytes += chunk
            }
        }
        let passOn = body.iterationBehavior == .multiple ? body : HTTPBody(bytes, length: body.length, iterationBehavior: .multiple)
        return BufferedBody(bytes: bytes, checked: true, passOn: passOn)
    }
}

/// Holds a partly read body iterator for the one consumer of a ``ReplayedBody``.
final class IteratorBox: @unchecked Sendable {
    // Only the single iteration of the replayed body touches it, one `next()` at a time.
    var iterator: HTTPBody.Iterator
    init(_ iterator: HTTPBody.Iterator) { self.iterator = iterator }
}

/// The chunks already read, then the rest of the original body.
struct ReplayedBody: AsyncSequence, Sendable {
    typealias Element = HTTPBody.ByteChunk
    let head: [HTTPBody.ByteChunk]
    let rest: IteratorBox

    struct AsyncIterator: AsyncIteratorProtocol {
        var head: IndexingIterator<[HTTPBody.ByteChunk]>
        let rest: IteratorBox
        mutating func next() async throws -> HTTPBody.ByteChunk? {
            if let chunk = head.next() { return chunk }
            return try await rest.iterator.next()
        }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(head: head.makeIterator(), rest: rest) }
}
