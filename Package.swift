// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "spec-check",
    // `Synchronization.Mutex` (SpecSource's file table) needs macOS 15, iOS 18 and their siblings.
    // Linux has no minimum.
    platforms: [.macOS(.v15), .iOS(.v18), .tvOS(.v18), .watchOS(.v11), .visionOS(.v2)],
    products: [
        // Source documents: YAML/JSON text → located JSON values.
        .library(name: "SpecSource", targets: ["SpecSource"]),
        // JSON Schema compiler and validator (OpenAPI 3.0 / 3.1 dialects and plain JSON Schema drafts).
        .library(name: "SchemaValidation", targets: ["SchemaValidation"]),
        // RFC 9535 JSONPath over located JSON values.
        .library(name: "JSONPath", targets: ["JSONPath"]),
        // OpenAPI documents: operations, request/response contract checks, overlays.
        .library(name: "OpenAPIContract", targets: ["OpenAPIContract"]),
        // Fixture corpora and recorded traffic: manifests, exchange fixtures, HAR files, expectations.
        .library(name: "ContractCorpus", targets: ["ContractCorpus"]),
        // ContractValidationMiddleware for swift-openapi-runtime clients and servers (brings
        // swift-openapi-runtime and swift-log; the products above do not).
        .library(name: "OpenAPIContractRuntime", targets: ["OpenAPIContractRuntime"]),
        // Assertions for Swift Testing and XCTest: a response or request against an operation.
        .library(name: "OpenAPIContractTesting", targets: ["OpenAPIContractTesting"]),
        // Lint of OpenAPI descriptions: rules, configuration, report formats.
        .library(name: "ContractLint", targets: ["ContractLint"]),
        .executable(name: "spec-check", targets: ["spec-check"]),
        // `swift package spec-check …` runs the CLI from any package that depends on this one.
        .plugin(name: "SpecCheckPlugin", targets: ["SpecCheckPlugin"]),
        .plugin(name: "SpecCheckWritePlugin", targets: ["SpecCheckWritePlugin"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/attaswift/BigInt", from: "6.0.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        // Only OpenAPIContractRuntime uses these two.
        .package(url: "https://github.com/apple/swift-openapi-runtime", from: "1.13.4"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        // `swift package generate-documentation` (DocC catalogues under Sources/*/*.docc).
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
        ),
        .target(
            name: "SpecSource",
            dependencies: ["CLibYAML", .product(name: "BigInt", package: "BigInt")]
        ),
        // Linear-time regular expression matching (no dependencies), shared by the two regex dialects.
        .target(name: "LinearRegex"),
        .target(name: "SchemaValidation", dependencies: ["SpecSource", "LinearRegex"]),
        .target(name: "JSONPath", dependencies: ["SpecSource", "LinearRegex"]),
        .target(
            name: "OpenAPIContract",
            dependencies: ["SpecSource", "SchemaValidation", "JSONPath", .product(name: "HTTPTypes", package: "swift-http-types")]
        ),
        .target(name: "ContractCorpus", dependencies: ["SpecSource", "SchemaValidation", "OpenAPIContract"]),
        .target(
            name: "OpenAPIContractRuntime",
            dependencies: [
                "OpenAPIContract",
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "OpenAPIContractTesting",
            dependencies: ["OpenAPIContract", .product(name: "HTTPTypes", package: "swift-http-types")]
        ),
        .plugin(
            name: "SpecCheckPlugin",
            capability: .command(
                intent: .custom(
                    verb: "spec-check", description: "Run spec-check (validate, corpus, overlay, inspect) on this package's files")),
            dependencies: ["spec-check"]
        ),
        .plugin(
            name: "SpecCheckWritePlugin",
            capability: .command(
                intent: .custom(
                    verb: "spec-check-write", description: "Run spec-check overlay --output, which writes a file into the package"),
                permissions: [.writeToPackageDirectory(reason: "spec-check overlay --output writes the overlaid document")]),
            dependencies: ["spec-check"]
        ),
        .target(name: "ContractLint", dependencies: ["SpecSource", "SchemaValidation", "OpenAPIContract"]),
        .executableTarget(
            name: "spec-check",
            dependencies: [
                "SpecSource", "SchemaValidation", "OpenAPIContract", "ContractCorpus", "ContractLint",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "SpecSourceTests", dependencies: ["SpecSource"], resources: [.copy("Fixtures")]),
        .testTarget(name: "LinearRegexTests", dependencies: ["LinearRegex"]),
        // Golden files are read from the source tree (their tests rewrite them on request).
        // The golden-file helper the test suites share (Foundation only; never part of a product).
        .target(name: "GoldenFiles", path: "Tests/GoldenFiles"),
        .testTarget(
            name: "SchemaValidationTests", dependencies: ["SchemaValidation", "SpecSource", "LinearRegex", "GoldenFiles"],
            exclude: ["Golden"]),
        .testTarget(
            name: "OpenAPIContractTests",
            dependencies: [
                "OpenAPIContract", "SchemaValidation", "SpecSource", "JSONPath",
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            resources: [.copy("Resources")]
        ),
        .testTarget(name: "JSONPathTests", dependencies: ["JSONPath", "SpecSource"], resources: [.copy("Resources")]),
        .testTarget(
            name: "JSONSchemaTestSuite",
            dependencies: ["SchemaValidation", "SpecSource"],
            resources: [.copy("Suite")]
        ),
        .testTarget(name: "SpecCheckCLITests", dependencies: ["spec-check", "GoldenFiles"], exclude: ["Resources", "Golden"]),
        .testTarget(
            name: "ContractCorpusTests",
            dependencies: ["ContractCorpus", "OpenAPIContract", "SchemaValidation", "SpecSource", "GoldenFiles"],
            resources: [.copy("Resources")]
        ),
        .testTarget(
            name: "OpenAPIContractRuntimeTests",
            dependencies: [
                "OpenAPIContractRuntime", "OpenAPIContract",
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "OpenAPIContractTestingTests", dependencies: ["OpenAPIContractTesting", "OpenAPIContract"]),
        // The README's Swift examples, verbatim (ReadmeSyncTests checks that they match).
        .testTarget(name: "ReadmeExamples", dependencies: ["OpenAPIContract", "OpenAPIContractTesting"]),
        .testTarget(
            name: "ContractLintTests",
            dependencies: ["ContractLint", "OpenAPIContract", "SchemaValidation", "SpecSource", "GoldenFiles"],
            resources: [.copy("Resources")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
