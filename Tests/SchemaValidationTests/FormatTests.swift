import Testing
@testable import SchemaValidation
