// PLACEHOLDER: replaced by the JSON reader implementation.
enum JSONReader {
    static func parse(_ bytes: [UInt8], file: SourceFileID, limits: LoadLimits) throws(SourceError) -> JSONValue {
        throw SourceError(code: "json.unimplemented", message: "JSON reader not yet written", location: .unknown)
    }
    static func parseLines(_ bytes: [UInt8], file: SourceFileID, limits: LoadLimits) -> [JSONLinesEntry] { [] }
}
