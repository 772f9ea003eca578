import Dispatch
import Foundation
import Synchronization

/// Lets worker threads write disjoint slots of one buffer.
private struct UnsafeSendableBuffer<T>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<T>
    init(_ buffer: UnsafeMutableBufferPointer<T>) { self.buffer = buffer }
}

/// Runs `work` over `0..<count` on all cores in contiguous chunks and hands every result to
/// `consume` in index order, each as soon as it and all before it are done.
///
/// `consume` runs on one thread at a time (the worker that completed the next chunk in order,
/// while the others go on working), so writing the output, counting and freeing the results
/// overlap the remaining work instead of following it; results are freed as they are consumed, so
/// memory holds only the chunks not yet consumed.
func parallelForEach<T>(count: Int, chunkSize: Int = 64, _ work: @Sendable (Int) -> T, inOrder consume: (T) -> Void) {
    guard count > 0 else { return }
    if count <= chunkSize {
        for i in 0..<count { consume(work(i)) }
        return
    }
    let chunks = (count + chunkSize - 1) / chunkSize
    let slots = UnsafeMutableBufferPointer<[T]?>.allocate(capacity: chunks)
    slots.initialize(repeating: nil)
    defer {
        _ = slots.deinitialize()
        slots.deallocate()
    }
    let shared = UnsafeSendableBuffer(slots)
    let order = Mutex(InOrder(ready: [Bool](repeating: false, count: chunks)))
    withoutActuallyEscaping(consume) { consume in
        let consumer = UnsafeSendableConsumer(consume)
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let start = chunk * chunkSize
            var results: [T] = []
            results.reserveCapacity(min(chunkSize, count - start))
            for i in start..<min(start + chunkSize, count) { results.append(work(i)) }
            shared.buffer[chunk] = results
            var turn = order.withLock { $0.complete(chunk) }
            while let range = turn {
                for c in range {
                    guard let done = shared.buffer[c].take() else { continue }
                    for result in done { consumer.consume(result) }
                }
                turn = order.withLock { $0.next() }
            }
        }
    }
}

/// Which chunks of ``parallelForEach(count:chunkSize:_:inOrder:)`` are done, and which thread
/// consumes them.
private struct InOrder: Sendable {
    var ready: [Bool]
    /// The first chunk not yet handed out for consuming.
    var consumed = 0
    /// Whether a thread is consuming (it takes every chunk that becomes ready in order).
    var draining = false

    /// Marks `chunk` done; returns the chunks the caller is to consume now, if it is its turn.
    mutating func complete(_ chunk: Int) -> Range<Int>? {
        ready[chunk] = true
        if draining { return nil }
        draining = true
        return next()
    }

    /// The consuming thread's next chunks (those done, in order), or `nil` when it stops.
    mutating func next() -> Range<Int>? {
        var end = consumed
        while end < ready.count && ready[end] { end += 1 }
        guard end > consumed else {
            draining = false
            return nil
        }
        defer { consumed = end }
        return consumed..<end
    }
}

/// Lets the one consuming thread at a time call a non-`Sendable` closure.
private struct UnsafeSendableConsumer<T>: @unchecked Sendable {
    let consume: (T) -> Void
    init(_ consume: @escaping (T) -> Void) { self.consume = consume }
}

/// A value computed on another thread while the caller goes on with other work (e.g. listing and
/// reading the inputs while the spec loads).
///
/// When no thread can be started (a process or user thread limit), the work runs in ``wait()``
/// instead, on the caller's thread: never a wait for a thread that does not exist.
final class Pending<T: Sendable>: @unchecked Sendable {
    private var value: T?
    private let done = DispatchSemaphore(value: 0)
    /// The work, kept only when its thread could not be started.
    private var fallback: (@Sendable () -> T)?

    /// Starts `work` on a new thread (`newThread: false` behaves as when none can be started).
    init(newThread: Bool = true, _ work: @escaping @Sendable () -> T) {
        let body = ThreadBody { [self] in
            value = work()
            done.signal()
        }
        if !newThread || !body.start() { fallback = work }
    }

    /// Whether the work runs on its own thread (false: ``wait()`` will run it).
    var isRunning: Bool { fallback == nil }

    /// Waits for the value (call once; the semaphore orders the write before this read).
    func wait() -> T {
        if let fallback { return fallback() }
        done.wait()
        return value!
    }
}

/// A closure run on a new detached POSIX thread. Foundation's `Thread.start()` cannot say that no
/// thread was created; `pthread_create` can.
private final class ThreadBody {
    let run: () -> Void
    init(_ run: @escaping () -> Void) { self.run = run }

    /// Starts the thread; false when none could be created (the closure is then never run).
    func start() -> Bool {
        let context = Unmanaged.passRetained(self).toOpaque()
        var thread = pthread_t()
        let status = pthread_create(
            &thread, nil,
            { raw in
                Unmanaged<ThreadBody>.fromOpaque(raw!).takeRetainedValue().run()
                return nil
            }, context)
        guard status == 0 else {
            Unmanaged<ThreadBody>.fromOpaque(context).release()
            return false
        }
        pthread_detach(thread)
        return true
    }
}
