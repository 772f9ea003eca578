// The spec-check benchmark suite (ordo-one/benchmark). From the Benchmarks/ folder:
//
//   swift package benchmark                                  # every benchmark
//   swift package benchmark --filter "Keyword.*"             # a group
//   swift package benchmark list
//
// Inputs are deterministic: the seed spec from specs/, instances from InstanceGenerator (fixed seed),
// and small schemas written inline. The OpenAI spec (2.9 MB) is read from ../shared/testdata next to
// the repository, or from $SPEC_CHECK_OPENAI_SPEC; when it is absent its benchmarks are not
// registered and a notice is printed on stderr.
import Benchmark
import Foundation
import InstanceGenerator
import OpenAPIContract
import SchemaValidation
import SpecSource

/// The repository root: this file is Benchmarks/Benchmarks/SpecCheckBenchmarks/<file>.swift.
let repositoryRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<4 { url.deleteLastPathComponent() }
    return url.path
}()
let seedSpecPath = repositoryRoot + "/specs/openrouter-videos.yaml"
let openAISpecPath: String? = {
    let candidates = [
        ProcessInfo.processInfo.environment["SPEC_CHECK_OPENAI_SPEC"],
        repositoryRoot + "/../shared/testdata/specs/openai/openapi.yaml",
    ].compactMap { $0 }
    return candidates.first { FileManager.default.fileExists(atPath: $0) }
}()

func parseJSON(_ text: String) -> JSONValue {
    do { return try SourceLoader.parse(text, format: .json) } catch { fatalError("benchmark input does not parse: \(error)\n\(text)") }
}

func compile(_ schemaText: String) -> Schema {
    do { return try Schema.compile(parseJSON(schemaText)) } catch {
        fatalError("benchmark schema does not compile: \(error)\n\(schemaText)")
    }
}

/// Touches everything a reporter would print, so that lazily built paths cannot be skipped.
func consume(_ result: ValidationResult) -> Int {
    var total = result.errors.count
    for error in result.errors {
        total &+= error.instanceLocation.utf8.count &+ error.keywordLocation.utf8.count &+ error.message.utf8.count
    }
    return total
}

/// One per-keyword micro-benchmark: a small standalone 2020-12 schema, a valid instance checked with
/// `isValid`, and an invalid one checked with `validate` (all errors). Each sample runs 1,000 calls
/// (scaling factor .kilo); the reported figures are per call.
struct KeywordCase {
    var name: String
    var schema: String
    var valid: String
    var invalid: String?
}

let keywordCases: [KeywordCase] = {
    let ratios = InstanceGenerator.aspectRatios.map { "\"\($0)\"" }.joined(separator: ",")
    let letters = (0..<10).map { "\"k\($0)\"" }
    let props = (0..<20).map { "\"p\($0)\": {\"type\": \"integer\"}" }.joined(separator: ",")
    let propsInstance = (0..<20).map { "\"p\($0)\": \($0 * 7)" }.joined(separator: ",")
    let distinct = (0..<100).map { "\"item-\($0)\"" }.joined(separator: ",")
    func tree(_ depth: Int) -> String {
        depth == 0 ? "{\"value\": 1, \"children\": []}" : "{\"value\": \(depth), \"children\": [\(tree(depth - 1)), \(tree(depth - 1))]}"
    }
    let branch = { (t: String) in
        "{\"type\": \"object\", \"required\": [\"type\", \"\(t)\"], \"properties\": {\"type\": {\"const\": \"\(t)\"}, \"\(t)\": {\"type\": \"object\", \"required\": [\"url\"], \"properties\": {\"url\": {\"type\": \"string\"}}}}}"
    }
    return [
        KeywordCase(name: "type", schema: #"{"type": "string"}"#, valid: #""hello""#, invalid: "42"),
        KeywordCase(name: "enum (9 strings, last matches)", schema: "{\"enum\": [\(ratios)]}", valid: "\"9:21\"", invalid: "\"16:10\""),
        KeywordCase(
            name: "required (10 names)", schema: "{\"required\": [\(letters.joined(separator: ","))]}",
            valid: "{" + letters.map { "\($0): 1" }.joined(separator: ",") + ", \"extra1\": 2, \"extra2\": 3}",
            invalid: "{\"k0\": 1}"),
        KeywordCase(
            name: "properties (20 integers)", schema: "{\"properties\": {\(props)}}", valid: "{\(propsInstance)}",
            invalid: "{\"p0\": \"x\", \"p19\": 1.5}"),
        KeywordCase(
            name: "pattern", schema: #"{"type": "string", "pattern": "^[a-z0-9-]+/[a-z0-9.-]+$"}"#,
            valid: #""bytedance/seedance-2.0""#, invalid: #""Google/Veo 3""#),
        KeywordCase(
            name: "format uri", schema: #"{"type": "string", "format": "uri"}"#,
            valid: #""https://hooks.example.com/videos/12?token=abc#frag""#, invalid: #""not a url""#),
        KeywordCase(
            name: "uniqueItems (100 strings)", schema: #"{"type": "array", "uniqueItems": true}"#,
            valid: "[\(distinct)]", invalid: "[\(distinct),\"item-50\"]"),
        KeywordCase(name: "multipleOf 0.01 (decimal)", schema: #"{"multipleOf": 0.01}"#, valid: "1234.56", invalid: "1234.567"),
        KeywordCase(
            name: "oneOf (3 object branches, last matches)",
            schema: "{\"oneOf\": [\(branch("image_url")), \(branch("audio_url")), \(branch("video_url"))]}",
            valid: #"{"type": "video_url", "video_url": {"url": "https://x.test/v.mp4"}}"#,
            invalid: #"{"type": "text", "text": {"url": 1}}"#),
        KeywordCase(
            name: "$ref recursion (binary tree, 127 nodes)",
            schema:
                ##"{"$ref": "#/$defs/node", "$defs": {"node": {"type": "object", "required": ["value"], "properties": {"value": {"type": "integer"}, "children": {"type": "array", "items": {"$ref": "#/$defs/node"}}}}}}"##,
            valid: tree(6), invalid: tree(6).replacingOccurrences(of: "\"value\": 1,", with: "\"value\": \"one\",")),
    ]
}()

let benchmarks: @Sendable () -> Void = {
    // Instructions come from perf counters; where the kernel does not offer them (as on this project's
    // CI machines) the row is simply absent from the output.
    let metrics: [BenchmarkMetric] = [.wallClock, .cpuTotal, .instructions, .mallocCountTotal, .peakMemoryResident]
    Benchmark.defaultConfiguration = .init(metrics: metrics, warmupIterations: 1, maxDuration: .seconds(2), maxIterations: 1_000)
    let slow = Benchmark.Configuration(metrics: metrics, warmupIterations: 1, maxDuration: .seconds(15), maxIterations: 5)

    // MARK: Loading documents

    Benchmark("Load/YAML only, seed spec") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try SourceLoader.load(contentsOf: seedSpecPath)) }
    }
    Benchmark("Load/OpenAPIDocument.load (parse + $ref + compile), seed spec") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try OpenAPIDocument.load(contentsOf: seedSpecPath).schemaCount) }
    }
    if let openAISpecPath {
        Benchmark("Load/YAML only, OpenAI spec", configuration: slow) { _ in
            blackHole(try SourceLoader.load(contentsOf: openAISpecPath))
        }
        Benchmark("Load/OpenAPIDocument.load (parse + $ref + compile), OpenAI spec", configuration: slow) { _ in
            blackHole(try OpenAPIDocument.load(contentsOf: openAISpecPath).schemaCount)
        }
        let openAI = try? SourceLoader.load(contentsOf: openAISpecPath)
        let overlayPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Data/openai-descendant.overlay.yaml").path
        if let openAI, let overlay = try? Overlay.load(contentsOf: overlayPath) {
            Benchmark("Overlay/descendant filters over the OpenAI spec (3 actions)", configuration: slow) { _ in
                blackHole(try overlay.apply(to: openAI).0)
            }
        }
    } else {
        FileHandle.standardError.write(
            Data(
                "notice: OpenAI spec not found (../shared/testdata/specs/openai/openapi.yaml or $SPEC_CHECK_OPENAI_SPEC); its load benchmarks are skipped\n"
                    .utf8))
    }

    // MARK: Seed request bodies

    let document: OpenAPIDocument
    let request: Schema
    do {
        document = try OpenAPIDocument.load(contentsOf: seedSpecPath)
        request = try document.requestSchema(for: "createVideos")
    } catch { fatalError("seed spec: \(error)") }
    let generated = InstanceGenerator().instances(3_400)
    let validTexts = generated.filter(\.expectedValid).prefix(1_000).map(\.value.json)
    let invalidTexts = generated.filter { !$0.expectedValid }.prefix(1_000).map(\.value.json)
    let validInstances = validTexts.map(parseJSON)
    let invalidInstances = invalidTexts.map(parseJSON)
    let jsonlPath = NSTemporaryDirectory() + "/spec-check-bench-\(getpid()).jsonl"
    _ = FileManager.default.createFile(atPath: jsonlPath, contents: Data((validTexts + invalidTexts).joined(separator: "\n").utf8))

    Benchmark("Parse/JSON, 2,000 seed requests") { benchmark in
        for _ in benchmark.scaledIterations {
            for text in validTexts { blackHole(try SourceLoader.parse(text, format: .json)) }
            for text in invalidTexts { blackHole(try SourceLoader.parse(text, format: .json)) }
        }
    }
    Benchmark("Parse/JSON Lines file (SourceLoader.loadJSONLines), 2,000 seed requests") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try SourceLoader.loadJSONLines(contentsOf: jsonlPath)) }
    }
    Benchmark("Validate/isValid, 1,000 valid seed requests") { benchmark in
        for _ in benchmark.scaledIterations {
            for instance in validInstances { blackHole(request.isValid(instance)) }
        }
    }
    Benchmark("Validate/validate, 1,000 valid seed requests") { benchmark in
        for _ in benchmark.scaledIterations {
            for instance in validInstances { blackHole(consume(request.validate(instance))) }
        }
    }
    Benchmark("Validate/isValid, 1,000 invalid seed requests") { benchmark in
        for _ in benchmark.scaledIterations {
            for instance in invalidInstances { blackHole(request.isValid(instance)) }
        }
    }
    Benchmark("Validate/validate (all errors + paths), 1,000 invalid seed requests") { benchmark in
        for _ in benchmark.scaledIterations {
            for instance in invalidInstances { blackHole(consume(request.validate(instance))) }
        }
    }
    Benchmark("Validate/validateRequest by operationId, 1,000 invalid seed requests") { benchmark in
        for _ in benchmark.scaledIterations {
            for instance in invalidInstances { blackHole(consume(try document.validateRequest(instance, for: "createVideos"))) }
        }
    }

    // MARK: Discriminator-heavy

    let heavy = InstanceGenerator.discriminatorHeavy(perBranch: 300)
    let heavyValid = parseJSON(heavy.json)
    // Every 10th reference broken: type switched to the next branch, payload left alone.
    let heavyInvalid = parseJSON(
        heavy.json.replacingOccurrences(
            of: "\"type\":\"audio_url\",\"audio_url\":{\"url\":\"https://cdn.example.com/refs/5",
            with: "\"type\":\"video_url\",\"audio_url\":{\"url\":\"https://cdn.example.com/refs/5"))
    Benchmark("Discriminator/isValid, 900 input_references (300 per branch)") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(request.isValid(heavyValid)) }
    }
    Benchmark("Discriminator/validate, 900 input_references (300 per branch)") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(consume(request.validate(heavyValid))) }
    }
    Benchmark("Discriminator/validate, 900 input_references, ~10% wrong branch") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(consume(request.validate(heavyInvalid))) }
    }

    // MARK: Per-keyword micro-benchmarks

    let micro = Benchmark.Configuration(
        metrics: metrics, warmupIterations: 1, scalingFactor: .kilo, maxDuration: .seconds(1), maxIterations: 1_000)
    for keyword in keywordCases {
        let schema = compile(keyword.schema)
        let valid = parseJSON(keyword.valid)
        precondition(schema.isValid(valid), "keyword case \(keyword.name): the valid instance is invalid")
        Benchmark("Keyword/\(keyword.name), isValid (valid instance)", configuration: micro) { benchmark in
            for _ in benchmark.scaledIterations { blackHole(schema.isValid(valid)) }
        }
        if let invalidText = keyword.invalid {
            let invalid = parseJSON(invalidText)
            precondition(!schema.isValid(invalid), "keyword case \(keyword.name): the invalid instance is valid")
            Benchmark("Keyword/\(keyword.name), validate (invalid instance, all errors)", configuration: micro) { benchmark in
                for _ in benchmark.scaledIterations { blackHole(consume(schema.validate(invalid))) }
            }
        }
    }
}
