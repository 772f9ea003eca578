import SpecSource

/// Helpers shared by the fuzz targets.
public enum Fuzz {
    /// The input as bytes.
    public static func bytes(_ data: UnsafePointer<UInt8>, _ size: Int) -> [UInt8] {
        Array(UnsafeBufferPointer(start: data, count: size))
    }

    /// The input split at its first newline: a short header (a query, a pattern) and the rest.
    public static func split(_ bytes: [UInt8]) -> (head: String, rest: [UInt8]) {
        guard let newline = bytes.firstIndex(of: 10) else { return (String(decoding: bytes, as: UTF8.self), []) }
        return (String(decoding: bytes[..<newline], as: UTF8.self), Array(bytes[(newline + 1)...]))
    }

    /// Parses `bytes` as JSON when it starts like JSON, else as YAML.
    public static func document(_ bytes: [UInt8]) -> JSONValue? {
        let first = bytes.first { $0 != 32 && $0 != 10 && $0 != 13 && $0 != 9 }
        let format: SourceFormat = first == UInt8(ascii: "{") || first == UInt8(ascii: "[") ? .json : .yaml
        return try? SourceLoader.parse(bytes, format: format)
    }

    /// Stops the run (a finding) when `condition` is false.
    public static func check(_ condition: Bool, _ message: @autoclosure () -> String) {
        if !condition { fatalError(message()) }
    }
}

/// libFuzzer's driver (`-sanitize=fuzzer` links it), for targets whose `main` is ours.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt

extension Fuzz {
    /// Runs libFuzzer with `callback` as the target. SwiftPM links an executable's `main` to
    /// `<module>_main`, which each target defines to call this (libFuzzer's own `main` is then
    /// not linked).
    public static func main(
        _ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
        _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
    ) -> CInt {
        var count = argc
        var arguments = argv
        return LLVMFuzzerRunDriver(&count, &arguments, callback)
    }
}
