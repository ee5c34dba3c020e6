// swift-tools-version: 6.0
// libFuzzer targets for argolint, kept apart from the product: one executable per
// target, each defining LLVMFuzzerTestOneInput. Build and run them with ./run.sh,
// which compiles every argolint module with ASan and libFuzzer's coverage.
import PackageDescription

let names = [
    "FuzzYAML", "FuzzLint", "FuzzFix", "FuzzExpr", "FuzzTemplateTags", "FuzzDepends",
    "FuzzWhen", "FuzzMockStubs", "FuzzScenarios", "FuzzLSP",
]

let package = Package(
    name: "argolint-fuzz",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "argolint", path: "..")],
    targets: [
        .target(name: "FuzzSupport"),
    ] + names.map { name in
        .executableTarget(
            name: name,
            dependencies: ["FuzzSupport", .product(name: "ArgolintKit", package: "argolint")],
            // No top-level code: each target's <Target>_main hands its
            // LLVMFuzzerTestOneInput to libFuzzer's driver (FuzzSupport).
            swiftSettings: [.unsafeFlags(["-parse-as-library"])],
            // run.sh compiles every module with ASan and libFuzzer's coverage
            // (-sanitize=address -sanitize-coverage=...); only the fuzz targets
            // link libFuzzer itself, so the build-time tool keeps its own main.
            linkerSettings: [.unsafeFlags(["-sanitize=fuzzer,address"])]
        )
    },
    swiftLanguageModes: [.v6]
)
