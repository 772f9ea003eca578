import Foundation
import Synchronization
import Testing

@testable import spec_check

/// `parallelForEach`: every result is consumed once, in index order, by one thread at a time.
@Suite("parallelForEach")
struct ParallelTests {
    @Test(arguments: [0, 1, 63, 64, 65, 1_000, 5_003])
    func consumesEveryResultOnceInOrder(count: Int) {
        for chunkSize in [1, 7, 64] {
            let inside = Atomic<Int>(0)
            var overlapped = false
            var seen: [Int] = []
            parallelForEach(count: count, chunkSize: chunkSize) { i in
                // Uneven work, so that later chunks often finish before earlier ones.
                if i % 97 == 0 { usleep(200) }
                return i * 3
            } inOrder: { value in
                if inside.add(1, ordering: .sequentiallyConsistent).newValue != 1 { overlapped = true }
                seen.append(value)
                inside.subtract(1, ordering: .sequentiallyConsistent)
            }
            #expect(seen == (0..<count).map { $0 * 3 }, "count \(count), chunkSize \(chunkSize)")
            #expect(!overlapped, "two threads consumed at once (count \(count), chunkSize \(chunkSize))")
        }
    }
}

/// `Pending`: the value computed on another thread, or in `wait()` when no thread can be started.
@Suite("Pending")
struct PendingTests {
    @Test func computesTheValueOnce() {
        let runs = Atomic<Int>(0)
        let pending = Pending {
            runs.add(1, ordering: .sequentiallyConsistent)
            return 42
        }
        #expect(pending.wait() == 42)
        #expect(runs.load(ordering: .sequentiallyConsistent) == 1)
    }

    /// Without a thread (a thread limit reached), `wait()` computes the value instead of waiting
    /// for a thread that does not exist.
    @Test func withoutAThreadWaitComputesTheValue() {
        let pending = Pending(newThread: false) { 7 }
        #expect(!pending.isRunning)
        #expect(pending.wait() == 7)
    }
}
