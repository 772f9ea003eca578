/// File names as the file system gives them: bytes, which need not be UTF-8.
public enum SourceFileName {
    /// `bytes` as text for a message: UTF-8 sequences as they are, every byte that is not part
    /// of one as `\xFF` (upper-case hex), so that two different names never read the same.
    /// - Parameter bytes: A file name or path, without its terminating NUL.
    public static func escaping(_ bytes: some Collection<UInt8>) -> String {
        var text = ""
        var iterator = bytes.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var pending = Array(bytes)[...]
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                text.unicodeScalars.append(Unicode.UTF8.decode(encoded))
                pending = pending.dropFirst(encoded.count)
            case .error(let length):
                for byte in pending.prefix(length) {
                    text += "\\x" + String(byte >> 4, radix: 16, uppercase: true) + String(byte & 0xF, radix: 16, uppercase: true)
                }
                pending = pending.dropFirst(length)
            case .emptyInput:
                return text
            }
        }
    }
}
