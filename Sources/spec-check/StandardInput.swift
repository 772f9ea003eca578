import ContractCorpus
import Foundation
import SpecSource

/// `validate -`: one instance read from standard input.
enum StandardInput {
    /// The name standard input is reported under when `--stdin-name` gives none.
    static let defaultName = "<stdin>"

    /// Reads standard input to its end and parses it as one instance.
    ///
    /// The syntax is the name's, when it ends in `.json` or `.yaml`/`.yml` (`--stdin-name`); else
    /// it is sniffed: text whose first character (after a byte order mark and white space) is `{`
    /// or `[` is JSON (a syntax error is reported as JSON's, never retried as YAML), and so is
    /// empty input (`json.empty`: no instance, or no body for a request or response); anything else
    /// is YAML, which reads JSON scalars the same.
    /// - Parameters:
    ///   - name: The name used in results and error locations.
    ///   - limits: ``SpecSource/LoadLimits/maxBytes`` bounds what is read (`--max-instance-size`):
    ///     more is `file.too-large`, found without holding more than the limit in memory.
    /// - Returns: The instance, or why it cannot be read or parsed, located in `name`.
    static func read(name: String, limits: LoadLimits) -> InstanceInput {
        let file = SourceFileID.intern(name)
        let bytes: [UInt8]
        do {
            bytes = try readAll(STDIN_FILENO, file: file, maxBytes: limits.maxBytes)
        } catch {
            return InstanceInput(name: name, value: .failure(error))
        }
        let format: SourceFormat
        if name.hasSuffix(caseInsensitive: ".json") || name.hasSuffix(caseInsensitive: ".yaml") || name.hasSuffix(caseInsensitive: ".yml") {
            format = SourceFormat(path: name)
        } else {
            format = sniff(bytes)
        }
        do {
            return InstanceInput(name: name, value: .success(try SourceLoader.parse(bytes, format: format, file: file, limits: limits)))
        } catch {
            return InstanceInput(name: name, value: .failure(error))
        }
    }

    /// JSON when the first character after a UTF-8 byte order mark and white space is `{` or `[`,
    /// or when there is none; else YAML.
    static func sniff(_ bytes: [UInt8]) -> SourceFormat {
        var rest = bytes[...]
        if rest.starts(with: [0xEF, 0xBB, 0xBF]) { rest = rest.dropFirst(3) }
        let first = rest.first { ![UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r")].contains($0) }
        // Nothing at all is read as JSON, so that it is an error (`json.empty`): an empty YAML
        // stream would be `null`, and a pipe that gave nothing is no instance (no body, for a
        // request or response).
        return first == nil || first == UInt8(ascii: "{") || first == UInt8(ascii: "[") ? .json : .yaml
    }

    /// Reads `fd` to its end, refusing more than `maxBytes` (interrupted reads are retried; a
    /// non-blocking descriptor is waited for).
    /// - Throws: ``SpecSource/SourceError`` `file.too-large` or `file.unreadable`, located at `file`.
    static func readAll(_ fd: Int32, file: SourceFileID, maxBytes: Int) throws(SourceError) -> [UInt8] {
        let location = SourceLocation(file: file, line: 0, column: 0)
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = chunk.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                let code = errno
                switch code {
                case EINTR: continue
                case EAGAIN:
                    var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                    _ = poll(&poller, 1, -1)
                    continue
                default:
                    throw SourceError(
                        code: "file.unreadable", message: "standard input cannot be read (\(String(cString: strerror(code))))",
                        location: location)
                }
            }
            if n == 0 { return bytes }
            guard bytes.count + n <= maxBytes else {
                throw SourceError(
                    code: "file.too-large", message: "standard input is larger than the limit of \(maxBytes) bytes", location: location)
            }
            bytes.append(contentsOf: chunk[0..<n])
        }
    }
}
