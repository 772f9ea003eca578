import Dispatch

/// Runs `work` over `0..<count` on all cores in contiguous chunks and returns the results in
/// index order (so output stays deterministic however the work is scheduled).
func parallelMap<T>(count: Int, chunkSize: Int = 64, _ work: @Sendable (Int) -> T) -> [T] {
    guard count > 0 else { return [] }
    if count <= chunkSize { return (0..<count).map(work) }
    let chunks = (count + chunkSize - 1) / chunkSize
    var results = [T?](repeating: nil, count: count)
    results.withUnsafeMutableBufferPointer { buffer in
        let base = UnsafeSendableBuffer(buffer)
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let start = chunk * chunkSize
            for i in start..<min(start + chunkSize, count) {
                base.buffer[i] = work(i)
            }
        }
    }
    return results.map { $0! }
}

/// Lets worker threads write disjoint slots of one buffer.
private struct UnsafeSendableBuffer<T>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<T?>
    init(_ buffer: UnsafeMutableBufferPointer<T?>) { self.buffer = buffer }
}
