// PLACEHOLDER: replaced by the YAML reader implementation.
import CLibYAML
enum YAMLReader {
    static func parse(_ bytes: [UInt8], file: SourceFileID, limits: LoadLimits) throws(SourceError) -> JSONValue {
        throw SourceError(code: "yaml.unimplemented", message: "YAML reader not yet written", location: .unknown)
    }
}
