extension String {
    /// A string of the `count` UTF-8 bytes at `start`, for the readers (invalid UTF-8 is repaired,
    /// as `String(decoding:as:)` repairs it; the readers pass only text they have checked).
    ///
    /// Through `String(unsafeUninitializedCapacity:initializingUTF8With:)`, not
    /// `String(decoding:as:)`: for a string of up to 15 ASCII bytes (most keys and many values) the
    /// former builds the inline form after one ASCII check, where the latter validates, scans for
    /// ASCII a second time and then copies (about three times the instructions); longer strings
    /// are validated once, in place.
    @inline(__always)
    init(copyingUTF8 start: UnsafePointer<UInt8>, count: Int) {
        guard count > 0 else {
            self = ""
            return
        }
        self.init(unsafeUninitializedCapacity: count) { buffer in
            buffer.baseAddress!.initialize(from: start, count: count)
            return count
        }
    }
}
