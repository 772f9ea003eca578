// `import OpenAPIContractTesting` is enough in a test file: it brings OpenAPIContract (and with it
// ValidationResult, JSONValue, HTTPRequest/HTTPResponse).
@_exported import OpenAPIContract
