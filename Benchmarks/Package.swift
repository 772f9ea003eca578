// swift-tools-version:6.1
// Benchmarks for spec-check: a separate package, so the main package never depends on the
// benchmark framework. Run from this folder: `swift package benchmark` (see README.md).
import PackageDescription

let package = Package(
    name: "spec-check-benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "spec-check", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        // Deterministic, seeded generator of VideoGenerationRequest instances (valid and invalid).
        .target(
            name: "InstanceGenerator",
            dependencies: [.product(name: "SpecSource", package: "spec-check")]
        ),
        // `swift run -c release generate-instances --count 10000 --jsonl out.jsonl` / `--dir outdir/`.
        .executableTarget(name: "generate-instances", dependencies: ["InstanceGenerator"]),
        // isValid / validate throughput over a JSONL file of pre-parsed instances.
        .executableTarget(
            name: "throughput",
            dependencies: [
                .product(name: "SpecSource", package: "spec-check"),
                .product(name: "SchemaValidation", package: "spec-check"),
                .product(name: "OpenAPIContract", package: "spec-check"),
            ]
        ),
        // The ordo-one/benchmark suite: `swift package benchmark`.
        .executableTarget(
            name: "SpecCheckBenchmarks",
            dependencies: [
                "InstanceGenerator",
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "SpecSource", package: "spec-check"),
                .product(name: "SchemaValidation", package: "spec-check"),
                .product(name: "OpenAPIContract", package: "spec-check"),
            ],
            path: "Benchmarks/SpecCheckBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
