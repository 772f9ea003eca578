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
        .executable(name: "spec-check", targets: ["spec-check"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/attaswift/BigInt", from: "6.0.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
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
        .executableTarget(
            name: "spec-check",
            dependencies: [
                "SpecSource", "SchemaValidation", "OpenAPIContract",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "SpecSourceTests", dependencies: ["SpecSource"], resources: [.copy("Fixtures")]),
        .testTarget(name: "LinearRegexTests", dependencies: ["LinearRegex"]),
        .testTarget(name: "SchemaValidationTests", dependencies: ["SchemaValidation", "SpecSource", "LinearRegex"]),
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
        .testTarget(name: "SpecCheckCLITests", dependencies: ["spec-check"]),
    ],
    swiftLanguageModes: [.v6]
)
