// One import for a common check: `import OpenAPIContract` brings the result and value types of
// the modules it is built on (`ValidationResult`, `SchemaViolation`, `Schema`, `SchemaOptions`
// from SchemaValidation; `JSONValue`, `SourceLoader`, `SourceErrors`, `SourceLocation` from
// SpecSource) and the swift-http-types message types its exchange checks take.
//
// Whole modules are re-exported rather than aliased: a typealias of the same name in two
// imported modules would make code that imports both (as existing code does) ambiguous.
@_exported import SchemaValidation
@_exported import SpecSource

@_exported import struct HTTPTypes.HTTPField
@_exported import struct HTTPTypes.HTTPFields
@_exported import struct HTTPTypes.HTTPRequest
@_exported import struct HTTPTypes.HTTPResponse
