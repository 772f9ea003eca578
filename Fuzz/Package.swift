// swift-tools-version:6.0
// libFuzzer targets for spec-check: a separate package, built only by scripts/fuzz.sh with
// `-sanitize=fuzzer,address` (libFuzzer supplies `main`, so these do not link otherwise).
//
//   scripts/fuzz.sh TARGET SECONDS     (TARGET: yaml, json, overlay, schema, regex, validate, exchange)
import PackageDescription

let library = ["-parse-as-library"]

func fuzzTarget(_ name: String, _ products: [String]) -> Target {
    .executableTarget(
        name: "fuzz-\(name)",
        dependencies: ["FuzzSupport"] + products.map { .product(name: $0, package: "spec-check") },
        swiftSettings: [.unsafeFlags(library)])
}

let package = Package(
    name: "spec-check-fuzz",
    dependencies: [.package(name: "spec-check", path: "..")],
    targets: [
        .target(name: "FuzzSupport", dependencies: [.product(name: "SpecSource", package: "spec-check")]),
        // YAML loader: any bytes; what loads must write back and read again to the same tree.
        fuzzTarget("yaml", ["SpecSource"]),
        // JSON reader (documents and JSON Lines): any bytes; same round trip.
        fuzzTarget("json", ["SpecSource"]),
        // JSONPath parsing and evaluation, and overlay application with the query as target.
        fuzzTarget("overlay", ["SpecSource", "JSONPath", "OpenAPIContract"]),
        // Schema compilation from arbitrary documents (JSON Schema and OpenAPI), then validation
        // of the document against itself.
        fuzzTarget("schema", ["SpecSource", "SchemaValidation", "OpenAPIContract"]),
        // The ECMA-262 regex translator and matcher, through `pattern` and `format: regex`.
        fuzzTarget("regex", ["SpecSource", "SchemaValidation"]),
        // Arbitrary instances against every operation of the shipped contract.
        fuzzTarget("validate", ["SpecSource", "SchemaValidation", "OpenAPIContract"]),
        // Whole HTTP exchanges (routing, parameter styles, cookies, credentials, form, multipart
        // and sequential bodies, response headers) against a contract that uses all of them.
        fuzzTarget("exchange", ["SpecSource", "OpenAPIContract"]),
    ]
)
