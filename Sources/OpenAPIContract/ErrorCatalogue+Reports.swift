import SpecSource

extension ErrorCatalogue {
    /// Outcomes of a run that are not findings of a check but still appear in its reports (SARIF
    /// rule ids, JUnit failure types): an instance that could not be checked, a HAR entry skipped
    /// as not being API traffic, and a corpus whose fixtures do not behave as its manifest says.
    public static let report: [ErrorCode] = [
        ErrorCode(
            "check.failed", "an instance or fixture could not be read or checked",
            "Reading or checking it failed before a verdict (the file does not parse, a contract lookup or a schema compiled on first use failed); the message says why. It is neither valid nor invalid: the run exits 2."
        ),
        ErrorCode(
            "har.skipped", "a HAR entry was not checked because it is not traffic of the API",
            "`spec-check har` skips an entry whose origin (scheme, host, port) is none of the servers' (OpenAPI 3.1.1 §4.8.5) or the --origin values, and a CORS preflight (an OPTIONS request with Access-Control-Request-Method, Fetch Standard §4.8) to a path that documents no options operation. It is neither passed nor failed; --all-origins checks every entry."
        ),
        ErrorCode(
            "corpus.expectation-failed", "a corpus fixture's result is not the one its manifest expects",
            "The manifest lists the fixture as valid, or as invalid at given instance locations, and the check found otherwise (the message names both). Fix the fixture, the contract, or the expectation in spec-check.yaml; see Corpus/README.md."
        ),
        ErrorCode(
            "corpus.fixture-missing", "a fixture listed in a corpus manifest does not exist",
            "An `invalid` entry of spec-check.yaml names a file (or a pattern) that matches no fixture of the corpus folder, so its expectation can never be checked. Fix the name or remove the entry."
        ),
        ErrorCode(
            "corpus.fixture-uncovered", "a corpus fixture is not covered by any group of the manifest",
            "Every instance file below a corpus folder must be listed by a group's `valid`, `invalid`, `exchanges` or `har` patterns, so that a fixture is never silently skipped. List it, or move it out of the corpus."
        ),
    ]
}
