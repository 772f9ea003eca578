import CLibYAML

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// libyaml's parser on a thread of its own, a few batches of events ahead of the tree builder.
///
/// On a large document libyaml's parsing is about three quarters of a load and building the tree
/// the rest (OpenAI's 2.9 MB description: 367 M and 133 M instructions). With a second core the
/// two overlap, so a load takes about as long as libyaml alone.
///
/// The parser thread fills ``batchCount`` batches of ``batchSize`` events in turn and publishes
/// each whole; the reader takes them in order and gives each back when its events are built. The
/// parser thread deletes a batch's events before refilling it, so every event is allocated and
/// freed on one thread. It also gives back the pages of text libyaml has read past
/// (``ConsumedText``) and turns a parser error into its ``SourceError``, as the one-thread reader
/// does, after publishing every event before it: the builder sees the same events in the same
/// order and stops at the same one, so values and errors are the same.
///
/// The reader closes the pipe however it stops (a value, the parser's error, or its own error such
/// as a duplicate key): the parser thread stops at its next batch, is joined, and the events
/// still held are deleted. Neither side spins: a full ring makes the parser thread wait for a
/// slot, and an empty one makes the reader sleep until half the ring is full (libyaml is the
/// slower side, so waking the reader for every batch would cost a context switch per batch).
final class YAMLEventPipe: @unchecked Sendable {
    /// Events per batch (a batch is handed over with one lock and one signal).
    static let batchSize = 512
    /// Batches in the ring: how far the parser may run ahead.
    static let batchCount = 8
    /// Text this long or longer is parsed on a second thread when there is a second core; below
    /// it, starting a thread (tens of microseconds) costs more than the overlap saves.
    static let minimumText = 128 * 1024

    /// Whether the machine has more than one core online, read once. CPU affinity and quotas are
    /// not read (Glibc's module does not export `sched_getaffinity`, and `ProcessInfo` alone pulls
    /// about 1.7 MB of Foundation's code into a run's resident pages): two threads pinned to one
    /// core take turns a few hundred times on a large document, which costs little.
    static let hasSecondCore = sysconf(Int32(_SC_NPROCESSORS_ONLN)) > 1

    private let parser: UnsafeMutablePointer<yaml_parser_t>
    private let bytes: UnsafeBufferPointer<UInt8>
    private let file: SourceFileID
    private let consumed: UnsafeMutablePointer<ConsumedText>?
    /// `batchCount × batchSize` events; batch `b` lives in slot `b % batchCount`.
    private let events: UnsafeMutablePointer<yaml_event_t>
    /// Events held in each slot (filled, not yet deleted).
    private let held: UnsafeMutablePointer<Int>
    private let lock: UnsafeMutablePointer<pthread_mutex_t>
    private let batchReady: UnsafeMutablePointer<pthread_cond_t>
    private let slotFree: UnsafeMutablePointer<pthread_cond_t>

    // Under `lock`:
    /// Batches published by the parser thread.
    private var published = 0
    /// Batches given back by the reader.
    private var returned = 0
    /// Whether the batch last published is the last one (stream end or parser error).
    private var ended = false
    /// Set by ``close()``: the parser thread stops at its next batch.
    private var cancelled = false
    /// The parser's error, after the events before it (written before the last batch is published).
    private var failure: SourceError?
    /// While the reader waits: the count of published batches that wakes it.
    private var wakeAt = Int.max

    // The reader's own state:
    /// The next batch to read.
    private var next = 0
    #if canImport(Darwin)
        private var thread: pthread_t?
    #else
        private var thread = pthread_t()
    #endif
    private var started = false

    /// Prepares a pipe over an initialised parser whose input is `bytes`.
    init(
        parser: UnsafeMutablePointer<yaml_parser_t>, bytes: UnsafeBufferPointer<UInt8>, file: SourceFileID,
        consumed: UnsafeMutablePointer<ConsumedText>?
    ) {
        self.parser = parser
        self.bytes = bytes
        self.file = file
        self.consumed = consumed
        events = .allocate(capacity: Self.batchCount * Self.batchSize)
        held = .allocate(capacity: Self.batchCount)
        held.initialize(repeating: 0, count: Self.batchCount)
        lock = .allocate(capacity: 1)
        batchReady = .allocate(capacity: 1)
        slotFree = .allocate(capacity: 1)
        pthread_mutex_init(lock, nil)
        pthread_cond_init(batchReady, nil)
        pthread_cond_init(slotFree, nil)
    }

    deinit {
        pthread_cond_destroy(slotFree)
        pthread_cond_destroy(batchReady)
        pthread_mutex_destroy(lock)
        slotFree.deallocate()
        batchReady.deallocate()
        lock.deallocate()
        held.deallocate()
        events.deallocate()
    }

    /// Starts the parser thread; `false` when no thread could be made (the caller parses on its
    /// own thread instead).
    func start() -> Bool {
        let context = Unmanaged.passRetained(self).toOpaque()
        let status = pthread_create(
            &thread, nil,
            { context in
                #if canImport(Darwin)
                    let pipe = Unmanaged<YAMLEventPipe>.fromOpaque(context).takeRetainedValue()
                #else
                    let pipe = Unmanaged<YAMLEventPipe>.fromOpaque(context!).takeRetainedValue()
                #endif
                pipe.produce()
                return nil
            }, context)
        guard status == 0 else {
            Unmanaged<YAMLEventPipe>.fromOpaque(context).release()
            return false
        }
        started = true
        return true
    }

    /// The parser thread: fills batches until the stream ends, the parser fails or the reader
    /// closes the pipe.
    private func produce() {
        var batch = 0
        while true {
            let slot = batch % Self.batchCount
            pthread_mutex_lock(lock)
            while !cancelled && batch - returned >= Self.batchCount { pthread_cond_wait(slotFree, lock) }
            let stop = cancelled
            pthread_mutex_unlock(lock)
            if stop { return }
            deleteEvents(inSlot: slot)
            let first = events + slot * Self.batchSize
            var count = 0
            var last = false
            var error: SourceError?
            while count < Self.batchSize {
                let event = first + count
                do {
                    try YAMLReader.nextEvent(parser, into: event, bytes: bytes, file: file, consumed: consumed)
                } catch let failed {
                    error = failed
                    last = true
                    break
                }
                count += 1
                if event.pointee.type == YAML_STREAM_END_EVENT {
                    last = true
                    break
                }
            }
            held[slot] = count
            pthread_mutex_lock(lock)
            failure = error
            ended = last
            published += 1
            if published >= wakeAt || last { pthread_cond_signal(batchReady) }
            pthread_mutex_unlock(lock)
            if last { return }
            batch += 1
        }
    }

    /// The next batch of events, in order, waiting for it if need be; `nil` after the last one.
    /// Each batch must be handed back with ``giveBack()`` before the next is asked for.
    /// - Throws: The parser's ``SourceError`` once every event before it has been read.
    func nextBatch() throws(SourceError) -> UnsafeBufferPointer<yaml_event_t>? {
        pthread_mutex_lock(lock)
        if published == next && !ended {
            wakeAt = next + Self.batchCount / 2
            while published < wakeAt && !ended { pthread_cond_wait(batchReady, lock) }
            wakeAt = Int.max
        }
        let available = published > next
        let error = ended && published == next ? failure : nil
        pthread_mutex_unlock(lock)
        if let error { throw error }
        guard available else { return nil }
        let slot = next % Self.batchCount
        return UnsafeBufferPointer(start: events + slot * Self.batchSize, count: held[slot])
    }

    /// Gives the batch last read back to the parser thread.
    func giveBack() {
        next += 1
        pthread_mutex_lock(lock)
        returned = next
        pthread_cond_signal(slotFree)
        pthread_mutex_unlock(lock)
    }

    /// Stops the parser thread, waits for it, and deletes every event still held. Call once,
    /// however reading ended.
    func close() {
        if started {
            pthread_mutex_lock(lock)
            cancelled = true
            pthread_cond_signal(slotFree)
            pthread_mutex_unlock(lock)
            #if canImport(Darwin)
                if let thread { pthread_join(thread, nil) }
            #else
                pthread_join(thread, nil)
            #endif
            started = false
        }
        for slot in 0..<Self.batchCount { deleteEvents(inSlot: slot) }
    }

    private func deleteEvents(inSlot slot: Int) {
        let first = events + slot * Self.batchSize
        for i in 0..<held[slot] { yaml_event_delete(first + i) }
        held[slot] = 0
    }
}
