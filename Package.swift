// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "argolint",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "argolint", targets: ["argolint"]),
        // The modules the fuzz targets (Fuzz/, a package of its own) link against.
        .library(name: "ArgolintKit", targets: [
            "YAMLTree", "ExprLang", "ArgoSyntax", "ArgoSchema", "ArgoModel", "ArgoSemantics",
            "ArgoLint", "MockHTTP", "ArgoRun", "ArgoLSP",
        ]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // The sandbox's mock responder and the runner's client speak HTTP/1.1 through SwiftNIO.
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        // libyaml from the system (Debian/Ubuntu: libyaml-dev; macOS: brew install libyaml).
        .systemLibrary(
            name: "CLibYAML",
            path: "Sources/CLibYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
        ),
        // YAML node tree with exact source spans. Knows nothing about Argo.
        .target(name: "YAMLTree", dependencies: ["CLibYAML"]),
        // The expr language (lexer, parser, types, checker, evaluator), govaluate `when`,
        // and the `{{...}}` template-tag scanner. Knows nothing about YAML.
        .target(name: "ExprLang"),
        // Small Argo grammars: `depends` expressions, govaluate `when` conditions, `{{...}}` tag scanning.
        .target(name: "ArgoSyntax"),
        // Argo's field schema (which keys each object has, of what type) and the validator
        // that reports unknown fields, wrong types and missing required fields.
        .target(name: "ArgoSchema", dependencies: ["YAMLTree"]),
        // The typed Argo model and its tolerant decoder.
        .target(name: "ArgoModel", dependencies: ["YAMLTree"]),
        // Argo semantics shared by the linter and the runner: the DAG graph, template calls,
        // cross-file templates, and the variable scope of each reference site.
        .target(name: "ArgoSemantics", dependencies: ["YAMLTree", "ArgoModel", "ArgoSyntax", "ExprLang"]),
        // Rules engine, the rules, workspace, configuration and output formats.
        .target(
            name: "ArgoLint",
            dependencies: ["YAMLTree", "ArgoSchema", "ArgoModel", "ArgoSemantics", "ExprLang", "ArgoSyntax"],
            plugins: ["EmbedRuleDocs"]
        ),
        // The WireMock-compatible mock HTTP responder (a real server on 127.0.0.1). Knows nothing of Argo.
        .target(
            name: "MockHTTP",
            dependencies: [
                "YAMLTree",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        // The sandbox runner: executes a workflow the way the controller and agent would,
        // sending HTTP templates' requests to the responder. Never imports ArgoLint.
        .target(
            name: "ArgoRun",
            dependencies: [
                "YAMLTree", "ArgoModel", "ArgoSemantics", "ArgoSyntax", "ExprLang",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        // The language server: JSON-RPC over stdio, documents, workspace index. Built on ArgoLint's session.
        .target(name: "ArgoLSP", dependencies: ["ArgoLint", "ArgoSemantics", "ArgoModel", "YAMLTree"]),
        // Compiles rules/*.md into ArgoLint so `argolint explain` prints exactly the tested docs.
        .executableTarget(name: "EmbedRuleDocsTool", path: "Plugins/EmbedRuleDocsTool"),
        .plugin(name: "EmbedRuleDocs", capability: .buildTool(), dependencies: ["EmbedRuleDocsTool"]),
        .executableTarget(
            name: "argolint",
            dependencies: ["ArgoLint", "ArgoLSP", "ArgoRun", "MockHTTP", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            // Release builds on Linux link the Swift runtime and Foundation statically: binding
            // them in the dynamic loader was most of a single-file lint's start-up. -static-stdlib
            // alone leaves Foundation's own dependencies (CoreFoundation, ICU, ...) unresolved,
            // so the archives are named, in a group since they refer to each other.
            linkerSettings: [.unsafeFlags(["-static-stdlib", "-Xlinker", "--start-group", "-lFoundation", "-lFoundationInternationalization", "-lFoundationEssentials", "-lCoreFoundation", "-l_FoundationICU", "-l_FoundationCShims", "-l_FoundationCollections", "-lswiftSynchronization", "-lswiftDispatch", "-ldispatch", "-lBlocksRuntime", "-lswift_StringProcessing", "-lswift_RegexParser", "-lswift_Concurrency", "-lswiftGlibc", "-lswift_Builtin_float", "-Xlinker", "--end-group"], .when(platforms: [.linux], configuration: .release))]
        ),
        .testTarget(name: "YAMLTreeTests", dependencies: ["YAMLTree"]),
        .testTarget(name: "ExprLangTests", dependencies: ["ExprLang"]),
        .testTarget(name: "ArgoSyntaxTests", dependencies: ["ArgoSyntax"]),
        .testTarget(name: "ArgoSchemaTests", dependencies: ["ArgoSchema", "YAMLTree"]),
        .testTarget(name: "ArgoLintTests", dependencies: ["ArgoLint", "ArgoSchema", "ArgoModel", "ArgoSemantics", "YAMLTree", "ExprLang", "ArgoSyntax"]),
        .testTarget(name: "MockHTTPTests", dependencies: [
            "MockHTTP", "YAMLTree",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
        ]),
        .testTarget(name: "ArgoLSPTests", dependencies: ["ArgoLSP", "ArgoLint", "YAMLTree"]),
        .testTarget(name: "ArgoRunTests", dependencies: ["ArgoRun", "MockHTTP", "ArgoSemantics", "ArgoModel", "YAMLTree", "ExprLang"]),
    ],
    swiftLanguageModes: [.v6]
)
