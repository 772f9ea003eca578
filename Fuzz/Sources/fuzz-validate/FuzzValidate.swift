import Foundation
import FuzzSupport
import OpenAPIContract
import SchemaValidation
import SpecSource

/// The shipped contract, loaded once (its path from `SPEC_CHECK_FUZZ_SPEC`, else the seed spec).
let contract: OpenAPIDocument = {
    let path = ProcessInfo.processInfo.environment["SPEC_CHECK_FUZZ_SPEC"] ?? "specs/openrouter-videos.yaml"
    do {
        return try OpenAPIDocument.load(contentsOf: path)
    } catch {
        fatalError("cannot load \(path): \(error)")
    }
}()

/// Any JSON or YAML instance against every operation's request body and documented responses:
/// `validate` and `isValid` must agree, `isValid(json:)` must agree with the tree walk, and
/// nothing may crash.
/// One fuzz input: `size` bytes at `data`; returns 0 (libFuzzer\'s convention).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzValidate(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    checkBytesWalk(Fuzz.bytes(data, size))
    guard let instance = Fuzz.document(Fuzz.bytes(data, size)) else { return 0 }
    for operation in contract.operations {
        let id = operation.operationId ?? "\(operation.method.uppercased()) \(operation.path)"
        if let schema = try? contract.requestSchema(for: id) {
            Fuzz.check(schema.validate(instance).isValid == schema.isValid(instance), "request \(id): validate and isValid disagree")
        }
        for response in operation.responses {
            _ = try? contract.validateResponse(instance, status: Int(response.status) ?? 200, for: id)
        }
    }
    return 0
}

/// The raw bytes as JSON through `isValid(json:)` (no tree for the containers it can follow) and
/// through a parsed tree: the same verdict, or the same error, for every request body schema.
func checkBytesWalk(_ bytes: [UInt8]) {
    for operation in contract.operations {
        let id = operation.operationId ?? "\(operation.method.uppercased()) \(operation.path)"
        guard let schema = try? contract.requestSchema(for: id) else { continue }
        let streamed: Result<Bool, SourceError>
        do throws(SourceError) { streamed = .success(try schema.isValid(json: bytes)) } catch { streamed = .failure(error) }
        let tree: Result<Bool, SourceError>
        do throws(SourceError) { tree = .success(schema.isValid(try SourceLoader.parse(bytes, format: .json))) } catch {
            tree = .failure(error)
        }
        switch (streamed, tree) {
        case (.success(let a), .success(let b)): Fuzz.check(a == b, "request \(id): isValid(json:) \(a), the tree walk \(b)")
        case (.failure(let a), .failure(let b)):
            Fuzz.check(
                a.code == b.code && a.message == b.message && a.location == b.location,
                "request \(id): isValid(json:) threw \(a), parse \(b)")
        default: Fuzz.check(false, "request \(id): isValid(json:) \(streamed), parse then isValid \(tree)")
        }
    }
}

/// The process entry point: libFuzzer\'s driver over this target.
@_cdecl("fuzz_validate_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    Fuzz.main(argc, argv, fuzzValidate)
}
