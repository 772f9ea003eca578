import FuzzSupport
import SpecSource

/// Any bytes through the JSON reader, as one document and as JSON Lines. What loads is written
/// back (compact and pretty) and must read back to the same tree.
/// One fuzz input: `size` bytes at `data`; returns 0 (libFuzzer\'s convention).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSON(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Fuzz.bytes(data, size)
    if let value = try? SourceLoader.parse(bytes, format: .json) {
        for pretty in [false, true] {
            let text = JSONWriter.string(from: value, pretty: pretty)
            do {
                let again = try SourceLoader.parse(text, format: .json)
                Fuzz.check(again == value, "JSON round trip changed the tree:\n\(text)")
            } catch {
                Fuzz.check(false, "JSON written by JSONWriter does not read back: \(error)\n\(text)")
            }
        }
    }
    _ = try? SourceLoader.parse(bytes, format: .yaml)  // JSON is (nearly) YAML: both readers on it
    return 0
}

/// The process entry point: libFuzzer\'s driver over this target.
@_cdecl("fuzz_json_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    Fuzz.main(argc, argv, fuzzJSON)
}
