import FuzzSupport
import OpenAPIContract
import SpecSource

/// The contract, loaded once.
let contract: OpenAPIDocument = {
    do {
        let value = try SourceLoader.parse(exchangeContract, format: .yaml, file: SourceFileID.intern("exchange-fuzz.yaml"))
        return try OpenAPIDocument(document: value)
    } catch {
        fatalError("the exchange contract does not load: \(error)")
    }
}()

/// `text` without spaces and carriage returns at either end.
func trimmed(_ text: String) -> String {
    String(text.drop { $0 == " " || $0 == "\r" }.reversed().drop { $0 == " " || $0 == "\r" }.reversed())
}

/// One HTTP message of the input: header lines, then an empty line, then the body.
struct Message {
    var headers: [(name: String, value: String)] = []
    var body: [UInt8]?
}

/// Reads `bytes` (from `start`) as header lines up to an empty line, then the body up to
/// `end`. A header line without a colon is a header with an empty value.
func message(_ bytes: [UInt8], from start: Int, to end: Int) -> Message {
    var result = Message()
    var i = start
    while i < end {
        var lineEnd = i
        while lineEnd < end, bytes[lineEnd] != 10 { lineEnd += 1 }
        var text = bytes[i..<lineEnd]
        if text.last == 13 { text = text.dropLast() }
        i = min(lineEnd + 1, end)
        if text.isEmpty {
            result.body = Array(bytes[i..<end])
            return result
        }
        let line = String(decoding: text, as: UTF8.self)
        if let colon = line.firstIndex(of: ":") {
            result.headers.append((String(line[..<colon]), trimmed(String(line[line.index(after: colon)...]))))
        } else {
            result.headers.append((line, ""))
        }
    }
    return result
}

/// An HTTP exchange as text: `METHOD URL`, header lines, an empty line and the request body; then,
/// optionally, from a line `HTTP STATUS`, the response's header lines, an empty line and its body.
/// Both are checked against the contract (by route, and against every operation by name), and:
/// nothing may crash or hang, the same request must get the same verdict twice, and every
/// finding's `instanceLocation` must be a JSON Pointer (RFC 6901).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzExchange(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Fuzz.bytes(data, size)
    let (first, _) = Fuzz.split(bytes)
    let parts = first.split(separator: " ", maxSplits: 1)
    guard parts.count == 2 else { return 0 }
    let method = String(parts[0])
    let url = trimmed(String(parts[1]))
    let start = (bytes.firstIndex(of: 10) ?? bytes.count - 1) + 1
    // The response starts at a line `HTTP STATUS`.
    var responseStart: Int?
    var i = start
    while i + 5 <= bytes.count {
        if i == start || bytes[i - 1] == 10, bytes[i..<(i + 5)].elementsEqual("HTTP ".utf8) {
            responseStart = i
            break
        }
        i += 1
    }
    let request = message(bytes, from: start, to: responseStart.map { max(start, $0 - 1) } ?? bytes.count)
    func checked(_ result: ExchangeResult) -> ExchangeResult {
        for finding in result.errors + result.warnings + result.unchecked {
            Fuzz.check(
                (try? JSONPointer(parsing: finding.instanceLocation)) != nil,
                "instanceLocation \(finding.instanceLocation.debugDescription) is not a JSON Pointer: \(finding.message)")
        }
        return result
    }
    guard let first = try? contract.validateRequest(method: method, url: url, headers: request.headers, body: request.body) else {
        return 0
    }
    let again = try? contract.validateRequest(method: method, url: url, headers: request.headers, body: request.body)
    Fuzz.check(
        again?.errors.count == first.errors.count, "the same request got \(first.errors.count), then \(again?.errors.count ?? -1) errors")
    _ = checked(first)
    for op in contract.operations {
        if let named = try? contract.validateRequest(
            method: method, url: url, headers: request.headers, body: request.body, operation: op.operationId)
        {
            _ = checked(named)
        }
    }
    guard let responseStart else { return 0 }
    let statusLine = bytes[responseStart...].prefix { $0 != 10 }
    let status = Int(trimmed(String(decoding: statusLine.dropFirst(5), as: UTF8.self))) ?? 200
    let response = message(bytes, from: min(responseStart + statusLine.count + 1, bytes.count), to: bytes.count)
    if let result = try? contract.validateResponse(
        status: status, headers: response.headers, body: response.body, method: method, url: url)
    {
        _ = checked(result)
    }
    return 0
}

/// The process entry point: libFuzzer's driver over this target.
@_cdecl("fuzz_exchange_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    Fuzz.main(argc, argv, fuzzExchange)
}
