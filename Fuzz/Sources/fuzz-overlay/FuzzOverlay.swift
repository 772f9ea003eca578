import FuzzSupport
import JSONPath
import OpenAPIContract
import SpecSource

/// First line: a JSONPath query; the rest: a JSON or YAML document. The query is evaluated within
/// a node budget, then used as the target of an overlay that updates, copies into and removes.
/// One fuzz input: `size` bytes at `data`; returns 0 (libFuzzer\'s convention).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOverlay(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let (query, rest) = Fuzz.split(Fuzz.bytes(data, size))
    guard let path = try? JSONPath(query), let document = Fuzz.document(rest) else { return 0 }
    guard let matches = try? path.select(in: document, nodeBudget: 200_000) else { return 0 }
    for match in matches {
        let pointer = match.pointer
        Fuzz.check(pointer.resolve(in: document) == match.value, "a match's path does not lead to its value: \(match.normalizedPath)")
    }
    let overlay = JSONValue.object([
        "overlay": .string("1.1.0"),
        "info": .object(["title": .string("fuzz"), "version": .string("1")]),
        "actions": .array([
            .object(["target": .string(query), "update": .object(["x-fuzz": .bool(true)])]),
            .object(["target": .string(query), "copy": .string("$")]),
            .object(["target": .string(query), "remove": .bool(true)]),
        ]),
    ])
    if let parsed = try? Overlay(document: overlay) { _ = try? parsed.apply(to: document) }
    return 0
}

/// The process entry point: libFuzzer\'s driver over this target.
@_cdecl("fuzz_overlay_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    Fuzz.main(argc, argv, fuzzOverlay)
}
