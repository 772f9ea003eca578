import FuzzSupport
import SchemaValidation
import SpecSource

/// First line: an ECMA-262 pattern; the rest: a subject string. The pattern goes through the
/// `pattern` keyword and `format: regex`; a pattern that compiles is matched against the subject.
/// One fuzz input: `size` bytes at `data`; returns 0 (libFuzzer\'s convention).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRegex(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let (pattern, rest) = Fuzz.split(Fuzz.bytes(data, size))
    let subject = JSONValue.string(String(decoding: rest.prefix(4096), as: UTF8.self))
    if let schema = try? Schema.compile(.object(["pattern": .string(pattern)])) {
        let result = schema.validate(subject)
        Fuzz.check(result.isValid == schema.isValid(subject), "validate and isValid disagree on a pattern")
        _ = schema.isValid(.string(pattern))
    }
    let format = try? Schema.compile(.object(["format": .string("regex")]), options: SchemaOptions(formats: .assert))
    _ = format?.isValid(.string(pattern))
    return 0
}

/// The process entry point: libFuzzer\'s driver over this target.
@_cdecl("fuzz_regex_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    Fuzz.main(argc, argv, fuzzRegex)
}
