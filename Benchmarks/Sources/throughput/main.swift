// throughput: in-process timings of spec-check's library, for compare.sh (wall clock, one thread).
//
//   throughput validate --spec FILE [--overlay FILE]... (--request OP | --schema NAME) --jsonl FILE [--min-seconds S]
//       loads the JSONL once, parses every line up front, then times `schema.isValid` and
//       `schema.validate` (all errors; every error's paths and message are touched) over all
//       instances (the fastest batch of passes run in S seconds, default 1; see timePasses). Also times
//       `isValid(json:)` on each line's raw bytes (`bytes_per_s`), and parse-then-isValid through
//       a tree (`tree_bytes_per_s`).
//   throughput exchange --spec FILE [--overlay FILE]... --jsonl FILE [--min-seconds S] [--passes N]
//       whole exchanges of the seed's POST /videos: each JSONL line is a request body sent as
//       `POST https://openrouter.ai/api/v1/videos` with a bearer token and `Content-Type:
//       application/json` (`validateRequest(method:url:headers:body:)`), answered by one 202
//       `application/json` body (`validateResponse`); times requests, responses and both.
//   throughput case --schema-file FILE --instance FILE [--min-seconds S]
//       one of jsonschema-rs's published benchmark cases: compiles the standalone schema (formats
//       asserted), then times isValid and validate on the pre-parsed instance, and `isValid(json:)`
//       on the instance's bytes.
//   throughput load FILE [--repeat N]
//       times SourceLoader.load (YAML/JSON → located tree) and OpenAPIDocument.load (tree + $ref
//       resolution + compile) of FILE, best of N (default 3).
//
// Output: human-readable lines, each also as `RESULT key value` for scripts.
import Foundation
import OpenAPIContract
import SchemaValidation
import SpecSource

/// `value`, or exit with `message`.
func need<T>(_ value: T?, _ message: @autoclosure () -> String) -> T {
    guard let value else { fail(message()) }
    return value
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("throughput: \(message)\n".utf8))
    exit(2)
}

func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }
func seconds(since start: UInt64) -> Double { Double(now() - start) / 1e9 }
func result(_ key: String, _ value: Double) { print("RESULT \(key) \(String(format: "%.6g", value))") }

/// Times `pass` for at least `minSeconds` (and at least once) and returns `(k, seconds)`: the
/// fastest of the batches of `k` passes run in that time, `k` chosen so that one batch takes at
/// least ``batchSeconds``. The fastest batch, not the mean, so that a burst of load from other
/// processes on a shared machine moves neither side of a ratio; `python/anchors.py` times its
/// anchors the same way. With `--passes N` (instruction counts under valgrind) it runs exactly N
/// passes and returns `(N, seconds)`.
func timePasses(minSeconds: Double, _ pass: () -> Void) -> (Int, Double) {
    if let fixedPasses {
        let start = now()
        for _ in 0..<max(1, fixedPasses) { pass() }
        return (max(1, fixedPasses), seconds(since: start))
    }
    let start = now()
    var batch = 1
    var best = Double.infinity
    repeat {
        let batchStart = now()
        for _ in 0..<batch { pass() }
        let elapsed = seconds(since: batchStart)
        if elapsed < batchSeconds {
            // Too short to time well: grow the batch (and forget the timings of smaller ones).
            batch *= 2
            best = .infinity
        } else {
            best = min(best, elapsed / Double(batch))
        }
    } while seconds(since: start) < minSeconds || best == .infinity
    return (1, best)
}

/// The shortest batch ``timePasses(minSeconds:_:)`` times as one, in seconds.
let batchSeconds = 0.005

nonisolated(unsafe) var fixedPasses: Int?

var args = Array(CommandLine.arguments.dropFirst())
guard let command = args.first else { fail("usage: throughput validate … | throughput load FILE") }
args.removeFirst()

var spec: String?
var overlays: [String] = []
var request: String?
var schemaName: String?
var schemaFile: String?
var instanceFile: String?
var jsonl: String?
var minSeconds = 1.0
var repeatCount = 3
var positional: [String] = []
var iterator = args.makeIterator()
while let arg = iterator.next() {
    func value() -> String { need(iterator.next(), "\(arg) needs a value") }
    switch arg {
    case "--spec": spec = value()
    case "--overlay": overlays.append(value())
    case "--request": request = value()
    case "--schema": schemaName = value()
    case "--jsonl": jsonl = value()
    case "--schema-file": schemaFile = value()
    case "--instance": instanceFile = value()
    case "--min-seconds": minSeconds = need(Double(value()), "--min-seconds takes a number")
    case "--repeat": repeatCount = need(Int(value()), "--repeat takes an integer")
    case "--passes": fixedPasses = need(Int(value()), "--passes takes an integer")
    default: positional.append(arg)
    }
}

switch command {
case "validate":
    guard let spec, let jsonl else { fail("validate needs --spec and --jsonl") }
    let document: OpenAPIDocument
    do { document = try OpenAPIDocument.load(contentsOf: spec, overlays: overlays) } catch { fail("\(error)") }
    let schema: Schema
    do {
        if let request {
            schema = try document.requestSchema(for: request)
        } else if let schemaName {
            schema = try document.schema(named: schemaName)
        } else {
            fail("validate needs --request OP or --schema NAME")
        }
    } catch { fail("\(error)") }

    let parseStart = now()
    let entries: [JSONLinesEntry]
    do { entries = try SourceLoader.loadJSONLines(contentsOf: jsonl) } catch { fail("\(error)") }
    var instances: [JSONValue] = []
    instances.reserveCapacity(entries.count)
    for entry in entries {
        switch entry.result {
        case .success(let value): instances.append(value)
        case .failure(let error): fail("\(jsonl):\(entry.line): \(error)")
        }
    }
    let parseSeconds = seconds(since: parseStart)
    let n = instances.count
    guard n > 0 else { fail("\(jsonl) holds no instances") }
    print(
        "instances: \(n), read and parsed in \(String(format: "%.3f", parseSeconds)) s (\(String(format: "%.0f", Double(n) / parseSeconds)) instances/s)"
    )
    result("parse_per_s", Double(n) / parseSeconds)

    var validCount = 0
    let (validPasses, validSeconds) = timePasses(minSeconds: minSeconds) {
        validCount = 0
        for instance in instances where schema.isValid(instance) { validCount += 1 }
    }
    let isValidRate = Double(n * validPasses) / validSeconds
    print(
        "isValid:  \(validCount) valid, \(n - validCount) invalid; fastest pass \(String(format: "%.4f", validSeconds / Double(validPasses))) s: \(String(format: "%.0f", isValidRate)) instances/s"
    )
    result("valid_count", Double(validCount))
    result("isvalid_per_s", isValidRate)

    var errorCount = 0
    var checksum = 0
    let disagreements = instances.filter { schema.validate($0).isValid != schema.isValid($0) }.count
    let (allPasses, allSeconds) = timePasses(minSeconds: minSeconds) {
        errorCount = 0
        for instance in instances {
            let outcome = schema.validate(instance)
            errorCount += outcome.errors.count
            for error in outcome.errors {
                checksum &+= error.instanceLocation.utf8.count &+ error.keywordLocation.utf8.count &+ error.message.utf8.count
            }
        }
    }
    let validateRate = Double(n * allPasses) / allSeconds
    print(
        "validate: \(errorCount) errors in all (checksum \(checksum % 1000)); fastest pass \(String(format: "%.4f", allSeconds / Double(allPasses))) s: \(String(format: "%.0f", validateRate)) instances/s"
    )
    if disagreements > 0 { print("WARNING: validate and isValid disagree on \(disagreements) instances") }
    result("error_count", Double(errorCount))
    result("validate_per_s", validateRate)

    // Raw bytes in, verdict out: what a server holding a request body pays.
    guard let text = try? String(contentsOfFile: jsonl, encoding: .utf8) else { fail("cannot read \(jsonl)") }
    let lines = text.split(separator: "\n").filter { !$0.isEmpty }.map { Array($0.utf8) }
    var bytesValid = 0
    let (bytesPasses, bytesSeconds) = timePasses(minSeconds: minSeconds) {
        bytesValid = streamedPass(schema, lines)
    }
    let bytesRate = Double(lines.count * bytesPasses) / bytesSeconds
    print("isValid(json:) from bytes: \(bytesValid) valid; \(String(format: "%.0f", bytesRate)) instances/s")
    // The same through a tree: parse, then isValid (the path before `isValid(json:)`).
    var treeValid = 0
    let (treePasses, treeSeconds) = timePasses(minSeconds: minSeconds) {
        treeValid = treePass(schema, lines)
    }
    let treeRate = Double(lines.count * treePasses) / treeSeconds
    print("parse to a tree, then isValid: \(treeValid) valid; \(String(format: "%.0f", treeRate)) instances/s")
    if treeValid != bytesValid { print("WARNING: isValid(json:) and parse + isValid disagree") }
    result("tree_bytes_per_s", treeRate)
    result("bytes_per_s", bytesRate)

case "case":
    guard let schemaFile, let instanceFile else { fail("case needs --schema-file and --instance") }
    let schema: Schema
    do { schema = try Schema.load(contentsOf: schemaFile) } catch { fail("\(error)") }
    guard let bytes = FileManager.default.contents(atPath: instanceFile).map({ [UInt8]($0) }) else { fail("cannot read \(instanceFile)") }
    let instance: JSONValue
    do { instance = try SourceLoader.parse(bytes, format: .json) } catch { fail("\(error)") }
    let valid = schema.isValid(instance)
    let errors = schema.validate(instance).errors.count
    if valid != (errors == 0) { print("WARNING: validate and isValid disagree") }
    let (validPasses, validSeconds) = timePasses(minSeconds: minSeconds) {
        if schema.isValid(instance) != valid { fail("unstable verdict") }
    }
    var checksum = 0
    let (allPasses, allSeconds) = timePasses(minSeconds: minSeconds) {
        for error in schema.validate(instance).errors {
            checksum &+= error.instanceLocation.utf8.count &+ error.keywordLocation.utf8.count &+ error.message.utf8.count
        }
    }
    let (bytesPasses, bytesSeconds) = timePasses(minSeconds: minSeconds) {
        guard streamedPass(schema, [bytes]) == (valid ? 1 : 0) else { fail("unstable verdict") }
    }
    let (treePasses, treeSeconds) = timePasses(minSeconds: minSeconds) {
        guard treePass(schema, [bytes]) == (valid ? 1 : 0) else { fail("unstable verdict") }
    }
    print(
        "case: \(valid ? "valid" : "invalid") (\(errors) errors); isValid \(String(format: "%.3g", validSeconds / Double(validPasses) * 1e6)) µs, validate \(String(format: "%.3g", allSeconds / Double(allPasses) * 1e6)) µs, isValid(json:) \(String(format: "%.3g", bytesSeconds / Double(bytesPasses) * 1e6)) µs, parse + isValid \(String(format: "%.3g", treeSeconds / Double(treePasses) * 1e6)) µs"
    )
    result("case_tree_bytes_s", treeSeconds / Double(treePasses))
    result("case_valid", valid ? 1 : 0)
    result("case_errors", Double(errors))
    result("case_isvalid_s", validSeconds / Double(validPasses))
    result("case_validate_s", allSeconds / Double(allPasses))
    result("case_bytes_s", bytesSeconds / Double(bytesPasses))

case "exchange":
    guard let spec, let jsonl else { fail("exchange needs --spec and --jsonl") }
    let document: OpenAPIDocument
    do { document = try OpenAPIDocument.load(contentsOf: spec, overlays: overlays) } catch { fail("\(error)") }
    guard let text = try? String(contentsOfFile: jsonl, encoding: .utf8) else { fail("cannot read \(jsonl)") }
    let bodies = text.split(separator: "\n").filter { !$0.isEmpty }.map { Array($0.utf8) }
    guard !bodies.isEmpty else { fail("\(jsonl) holds no requests") }
    let url = "https://openrouter.ai/api/v1/videos"
    let headers = [
        (name: "Authorization", value: "Bearer sk-or-v1-0123456789abcdef0123456789abcdef"),
        (name: "Content-Type", value: "application/json"),
    ]
    let responseHeaders = [(name: "Content-Type", value: "application/json")]
    let responseBody = Array(
        #"{"id":"job-abc123","generation_id":"gen-xyz789","polling_url":"/api/v1/videos/job-abc123","status":"pending"}"#.utf8)
    func request(_ body: [UInt8]) -> ExchangeResult {
        do { return try document.validateRequest(method: "POST", url: url, headers: headers, body: body) } catch { fail("\(error)") }
    }
    func response() -> ExchangeResult {
        do {
            return try document.validateResponse(status: 202, headers: responseHeaders, body: responseBody, method: "POST", url: url)
        } catch { fail("\(error)") }
    }
    let invalid = bodies.filter { !request($0).isValid }.count
    let responseValid = response().isValid
    print("requests: \(bodies.count) (\(invalid) invalid); the 202 response is \(responseValid ? "valid" : "INVALID: \(response())")")
    result("sc_invalid_requests", Double(invalid))
    var checksum = 0
    let (requestPasses, requestSeconds) = timePasses(minSeconds: minSeconds) {
        for body in bodies { checksum &+= request(body).errors.count }
    }
    let (responsePasses, responseSeconds) = timePasses(minSeconds: minSeconds) {
        for _ in bodies { checksum &+= response().errors.count }
    }
    let (exchangePasses, exchangeSeconds) = timePasses(minSeconds: minSeconds) {
        for body in bodies { checksum &+= request(body).errors.count &+ response().errors.count }
    }
    let n = Double(bodies.count)
    print("validateRequest:  \(String(format: "%.0f", n * Double(requestPasses) / requestSeconds)) requests/s")
    print("validateResponse: \(String(format: "%.0f", n * Double(responsePasses) / responseSeconds)) responses/s")
    print(
        "exchange:         \(String(format: "%.0f", n * Double(exchangePasses) / exchangeSeconds)) exchanges/s (request + response; checksum \(checksum % 7))"
    )
    result("sc_request_per_s", n * Double(requestPasses) / requestSeconds)
    result("sc_response_per_s", n * Double(responsePasses) / responseSeconds)
    result("sc_exchange_per_s", n * Double(exchangePasses) / exchangeSeconds)

case "load":
    guard let file = positional.first else { fail("load needs a FILE") }
    let bytes = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
    var best = Double.infinity
    var nodes = 0
    for _ in 0..<max(1, repeatCount) {
        let start = now()
        do {
            let value = try SourceLoader.load(contentsOf: file)
            nodes = countNodes(value)
        } catch { fail("\(error)") }
        best = min(best, seconds(since: start))
    }
    print("SourceLoader.load:     \(String(format: "%.4f", best)) s for \(bytes) bytes, \(nodes) nodes (best of \(repeatCount))")
    result("source_load_s", best)
    var bestDoc = Double.infinity
    var schemas = 0
    for _ in 0..<max(1, repeatCount) {
        let start = now()
        do { schemas = try OpenAPIDocument.load(contentsOf: file, overlays: overlays).schemaCount } catch { fail("\(error)") }
        bestDoc = min(bestDoc, seconds(since: start))
    }
    print("OpenAPIDocument.load:  \(String(format: "%.4f", bestDoc)) s, \(schemas) schema nodes (best of \(repeatCount))")
    result("document_load_s", bestDoc)
    result("bytes", Double(bytes))

case "overlay":
    // throughput overlay --spec FILE --overlay FILE [--repeat N]: time applying overlays to a loaded document.
    guard let spec, !overlays.isEmpty else { fail("overlay needs --spec and --overlay") }
    let document: JSONValue
    let loaded: [Overlay]
    do {
        document = try SourceLoader.load(contentsOf: spec)
        loaded = try overlays.map { try Overlay.load(contentsOf: $0) }
    } catch { fail("\(error)") }
    var best = Double.infinity
    var actions = 0
    for _ in 0..<max(1, repeatCount) {
        let start = now()
        var current = document
        do {
            for overlay in loaded {
                current = try overlay.apply(to: current).0
                actions += overlay.actions.count
            }
        } catch { fail("\(error)") }
        best = min(best, seconds(since: start))
        blackHoleValue(current)
    }
    print("Overlay.apply:         \(String(format: "%.4f", best)) s for \(loaded.count) overlay(s) on \(spec) (best of \(repeatCount))")
    result("overlay_apply_s", best)

default:
    fail("unknown command \(command); expected validate, case, exchange, load or overlay")
}

@inline(never) func blackHoleValue(_ value: JSONValue) { _ = value.location }

func countNodes(_ value: JSONValue) -> Int {
    switch value.kind {
    case .array(let items): return 1 + items.reduce(0) { $0 + countNodes($1) }
    case .object(let object): return 1 + object.reduce(0) { $0 + countNodes($1.value) }
    default: return 1
    }
}

/// One pass of `isValid(json:)` over `lines` (a function of its own for callgrind's toggles).
@inline(never)
func streamedPass(_ schema: Schema, _ lines: [[UInt8]]) -> Int {
    var valid = 0
    for line in lines where (try? schema.isValid(json: line)) == true { valid += 1 }
    return valid
}

/// One pass of parse-then-`isValid` over `lines`, trees freed (a function of its own for callgrind).
@inline(never)
func treePass(_ schema: Schema, _ lines: [[UInt8]]) -> Int {
    var valid = 0
    for line in lines {
        guard let value = try? SourceLoader.parse(line, format: .json) else { continue }
        if schema.isValid(value) { valid += 1 }
    }
    return valid
}
