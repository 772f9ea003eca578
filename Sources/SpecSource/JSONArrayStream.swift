import Foundation

extension SourceLoader {
    /// Reads a JSON file whose top level is an array one element at a time, so that a large
    /// instance never has to be in memory as a whole: each element is parsed, handed to `body`
    /// and dropped, and the file (mapped, not copied) is released from memory behind the parser.
    ///
    /// The file is checked as ``readFile(_:file:limits:)`` checks it (a regular file, opened
    /// non-blocking, size-checked before reading) and parsed with the same rules and limits as
    /// ``load(contentsOf:format:limits:)``, including what follows the array.
    /// - Parameters:
    ///   - path: The file.
    ///   - limits: Resource limits (``LoadLimits/maxBytes`` is checked before mapping the file).
    ///   - body: Called with each element's index and value, in order.
    /// - Returns: The number of elements, or `nil` when the document is not an array (nothing
    ///   was passed to `body`; load it whole instead).
    /// - Throws: ``SourceError`` for a file that cannot be read or text that is not valid JSON,
    ///   located like the errors of ``load(contentsOf:format:limits:)``; elements before the
    ///   error have been passed to `body`.
    public static func forEachArrayElement(
        contentsOf path: String, limits: LoadLimits = LoadLimits(),
        _ body: (Int, JSONValue) -> Void
    ) throws(SourceError) -> Int? {
        let file = SourceFileID.intern(path)
        let location = SourceLocation(file: file, line: 0, column: 0)
        let (fd, size) = try openRegularFile(path, limits: limits, location: location)
        defer { close(fd) }
        guard size > 0 else { return nil }
        guard let mapped = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), mapped != MAP_FAILED else {
            throw SourceError(code: "file.unreadable", message: "cannot be read (\(String(cString: strerror(errno))))", location: location)
        }
        defer { munmap(mapped, size) }
        madvise(mapped, size, MADV_SEQUENTIAL)
        let base = UnsafePointer<UInt8>(mapped.assumingMemoryBound(to: UInt8.self))
        var head = [UInt8](UnsafeBufferPointer(start: base, count: min(size, 4)))
        if size >= 3 && head.starts(with: [0xEF, 0xBB, 0xBF]) { head = Array(head.dropFirst(3)) }
        try SourceEncoding.check(head, format: .json, file: file)

        var parser = JSONParser(base: base, count: size, file: file, maxDepth: limits.maxDepth)
        let bom = size >= 3 && base[0] == 0xEF && base[1] == 0xBB && base[2] == 0xBF ? 3 : 0
        parser.reset(start: bom, end: size, line: 1, atEndOf: "input")
        parser.skipWhitespace()
        guard parser.pos < size, base[parser.pos] == UInt8(ascii: "[") else { return nil }
        // The array's own container is open while elements are parsed, so depth counts it.
        try parser.openContainer(isObject: false, at: parser.here)
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let window = 16 << 20
        var released = 0
        var count = 0
        if parser.pos < size && base[parser.pos] == UInt8(ascii: "]") {
            parser.pos += 1
        } else {
            while true {
                let element = try parser.parseValue()
                body(count, element)
                count += 1
                // What lies behind the parser is never read again (positions are kept as line
                // counts): let the kernel drop those pages.
                if parser.pos - released > 2 * window {
                    let upTo = (parser.pos - window) / page * page
                    madvise(mapped + released, upTo - released, MADV_DONTNEED)
                    released = upTo
                }
                parser.skipWhitespace()
                guard parser.pos < size else { throw parser.unexpected(#""," or "]" after array element"#) }
                if base[parser.pos] == UInt8(ascii: ",") {
                    parser.pos += 1
                    parser.skipWhitespace()
                    continue
                }
                guard base[parser.pos] == UInt8(ascii: "]") else { throw parser.unexpected(#""," or "]" after array element"#) }
                parser.pos += 1
                break
            }
        }
        parser.skipWhitespace()
        if parser.pos < size { throw parser.unexpected("end of input after the JSON value") }
        return count
    }
}
