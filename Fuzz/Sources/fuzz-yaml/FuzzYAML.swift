import FuzzSupport
import SpecSource

/// Any bytes through the YAML loader. What loads is written back as YAML and must read back to
/// the same tree (JSON equality).
/// One fuzz input: `size` bytes at `data`; returns 0 (libFuzzer\'s convention).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzYAML(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Fuzz.bytes(data, size)
    guard let value = try? SourceLoader.parse(bytes, format: .yaml) else { return 0 }
    let text = YAMLWriter.string(from: value)
    do {
        let again = try SourceLoader.parse(text, format: .yaml)
        Fuzz.check(again == value, "YAML round trip changed the tree:\n\(text)")
    } catch {
        Fuzz.check(false, "YAML written by YAMLWriter does not read back: \(error)\n\(text)")
    }
    return 0
}

/// The process entry point: libFuzzer\'s driver over this target.
@_cdecl("fuzz_yaml_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    Fuzz.main(argc, argv, fuzzYAML)
}
