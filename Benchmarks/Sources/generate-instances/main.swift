// generate-instances: deterministic VideoGenerationRequest bodies for benchmarks and fixture folders.
//
//   swift run -c release generate-instances --count 10000 --jsonl out.jsonl
//   swift run -c release generate-instances --count 10000 --dir outdir/
//   options: --seed N (default 20240601), --invalid-percent P (default 30), --expectations FILE
//
// The same arguments always produce byte-identical output. --dir writes instance-00000.json, …
// (zero-padded, so sorted order is generation order); --expectations writes one line per instance:
// `INDEX valid|invalid KIND,KIND`.
import Foundation
import InstanceGenerator

/// `value`, or exit with `message`.
func need<T>(_ value: T?, _ message: @autoclosure () -> String) -> T {
    guard let value else { fail(message()) }
    return value
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("generate-instances: \(message)\n".utf8))
    exit(2)
}

var count = 10_000
var seed: UInt64 = 20_240_601
var invalidPercent = 30
var jsonl: String?
var dir: String?
var expectations: String?
var args = CommandLine.arguments.dropFirst()
while let arg = args.popFirst() {
    func value() -> String { need(args.popFirst(), "\(arg) needs a value") }
    switch arg {
    case "--count": count = need(Int(value()), "--count takes an integer")
    case "--seed": seed = need(UInt64(value()), "--seed takes an unsigned integer")
    case "--invalid-percent": invalidPercent = need(Int(value()), "--invalid-percent takes an integer")
    case "--jsonl": jsonl = value()
    case "--dir": dir = value()
    case "--expectations": expectations = value()
    case "-h", "--help":
        print("usage: generate-instances [--count N] [--seed N] [--invalid-percent P] (--jsonl FILE | --dir DIR) [--expectations FILE]")
        exit(0)
    default: fail("unknown argument \(arg)")
    }
}
guard jsonl != nil || dir != nil else { fail("give --jsonl FILE and/or --dir DIR") }

let generator = InstanceGenerator(seed: seed, invalidPercent: invalidPercent)
var lines = ""
var expected = ""
var invalid = 0
let width = max(5, String(count - 1).count)
if let dir {
    do { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) } catch {
        fail("cannot create \(dir): \(error)")
    }
}
for index in 0..<count {
    let instance = generator.instance(index)
    let text = instance.value.json
    if !instance.expectedValid { invalid += 1 }
    if jsonl != nil { lines += text + "\n" }
    if expectations != nil {
        expected += "\(index) \(instance.expectedValid ? "valid" : "invalid") \(instance.kinds.joined(separator: ","))\n"
    }
    if let dir {
        let name = String(repeating: "0", count: width - String(index).count) + String(index)
        let path = (dir as NSString).appendingPathComponent("instance-\(name).json")
        guard FileManager.default.createFile(atPath: path, contents: Data((text + "\n").utf8)) else { fail("cannot write \(path)") }
    }
}
if let jsonl {
    guard FileManager.default.createFile(atPath: jsonl, contents: Data(lines.utf8)) else { fail("cannot write \(jsonl)") }
}
if let expectations {
    guard FileManager.default.createFile(atPath: expectations, contents: Data(expected.utf8)) else { fail("cannot write \(expectations)") }
}
FileHandle.standardError.write(Data("generate-instances: \(count) instances (\(invalid) invalid), seed \(seed)\n".utf8))
