import FuzzSupport
import OpenAPIContract
import SchemaValidation
import SpecSource

/// Any JSON or YAML document compiled as a JSON Schema (every dialect its `$schema` may name) and,
/// when it has `openapi`, as an OpenAPI document; what compiles validates the document itself.
/// File references are off: the input cannot read the disk.
/// One fuzz input: `size` bytes at `data`; returns 0 (libFuzzer\'s convention).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSchema(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let document = Fuzz.document(Fuzz.bytes(data, size)) else { return 0 }
    var options = SchemaOptions()
    options.resolver.allowsFileAccess = false
    if let schema = try? Schema.compile(document, options: options) {
        let result = schema.validate(document)
        Fuzz.check(result.isValid == schema.isValid(document), "validate and isValid disagree")
    }
    if document["openapi"] != nil, let contract = try? OpenAPIDocument(document: document, options: options) {
        for operation in contract.operations.prefix(8) {
            let id = operation.operationId ?? "\(operation.method.uppercased()) \(operation.path)"
            _ = try? contract.validateRequest(document, for: id)
        }
    }
    return 0
}

/// The process entry point: libFuzzer\'s driver over this target.
@_cdecl("fuzz_schema_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    Fuzz.main(argc, argv, fuzzSchema)
}
