// swift-tools-version:6.0
// Tsunagi: cross-layer XDR correlation. Foundation, Dispatch and libpq only — no Swift packages.
import PackageDescription

let strict: [SwiftSetting] = []

func library(_ name: String, _ deps: [Target.Dependency], resources: [Resource]? = nil) -> Target {
    .target(name: name, dependencies: deps, path: "Shared/\(name)", resources: resources, swiftSettings: strict)
}

func service(_ name: String, _ deps: [Target.Dependency]) -> Target {
    .executableTarget(name: name, dependencies: deps, path: "Services/\(name)", swiftSettings: strict)
}

func tests(_ name: String, _ deps: [Target.Dependency], exclude: [String] = []) -> Target {
    .testTarget(name: name, dependencies: deps, path: "Tests/\(name)", exclude: exclude, swiftSettings: strict)
}

let package = Package(
    name: "Tsunagi",
    products: [
        .executable(name: "xdr-endpoint", targets: ["xdr-endpoint"]),
        .executable(name: "xdr-email", targets: ["xdr-email"]),
        .executable(name: "xdr-network", targets: ["xdr-network"]),
        .executable(name: "xdr-cloud", targets: ["xdr-cloud"]),
        .executable(name: "xdr-correlator", targets: ["xdr-correlator"]),
        .executable(name: "xdr-api", targets: ["xdr-api"]),
        .executable(name: "xdrctl", targets: ["xdrctl"]),
        .executable(name: "xdr-tool", targets: ["xdr-tool"]),
    ],
    targets: [
        .systemLibrary(name: "CLibpq", path: "Shared/CLibpq", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        .systemLibrary(name: "CZlib", path: "Shared/CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),

        library("XDRCore", []),
        library("XDRJSON", []),
        library("XDRCrypto", []),
        library("XDRModel", ["XDRCore", "XDRJSON"]),
        library("XDRStore", ["CLibpq", "XDRCore"], resources: [.embedInCode("Migrations")]),
        library("XDRHTTP", ["CZlib", "XDRCore", "XDRJSON"]),
        library("XDRPlatform", ["XDRCore", "XDRStore", "XDRHTTP", "XDRCrypto", "XDRJSON"]),
        library("XDRIngest", ["XDRCore", "XDRJSON", "XDRModel", "XDRStore", "XDRHTTP", "XDRPlatform", "XDRCrypto"]),
        library("XDRCorrelate", ["XDRCore", "XDRJSON", "XDRModel", "XDRStore", "XDRPlatform"]),
        library("XDRAPI", ["XDRCore", "XDRJSON", "XDRModel", "XDRStore", "XDRHTTP", "XDRPlatform", "XDRCrypto"]),
        library("XDRScenario", ["XDRCore", "XDRJSON", "XDRModel", "XDRHTTP"]),
        library("XDRTestSupport", ["XDRCore", "XDRStore", "XDRHTTP", "XDRPlatform", "XDRJSON"]),

        service("xdr-endpoint", ["XDRIngest", "XDRPlatform"]),
        service("xdr-email", ["XDRIngest", "XDRPlatform"]),
        service("xdr-network", ["XDRIngest", "XDRPlatform"]),
        service("xdr-cloud", ["XDRIngest", "XDRPlatform"]),
        service("xdr-correlator", ["XDRCorrelate", "XDRPlatform"]),
        service("xdr-api", ["XDRAPI", "XDRPlatform"]),
        service("xdrctl", ["XDRPlatform", "XDRStore", "XDRCore"]),
        service("xdr-tool", ["XDRScenario", "XDRIngest", "XDRCorrelate", "XDRAPI", "XDRPlatform", "XDRStore", "XDRHTTP", "XDRCore", "XDRJSON"]),

        tests("XDRCoreTests", ["XDRCore"]),
        tests("XDRJSONTests", ["XDRJSON"]),
        tests("XDRCryptoTests", ["XDRCrypto"]),
        tests("XDRModelTests", ["XDRModel"]),
        tests("XDRStoreTests", ["XDRStore", "XDRTestSupport"]),
        tests("XDRHTTPTests", ["XDRHTTP", "XDRTestSupport"]),
        tests("XDRPlatformTests", ["XDRPlatform", "XDRTestSupport"]),
        tests("XDRIngestTests", ["XDRIngest", "XDRTestSupport", "XDRModel"], exclude: ["Endpoint/Golden"]),
        tests("XDRCorrelateTests", ["XDRCorrelate", "XDRIngest", "XDRScenario", "XDRTestSupport"]),
        tests("XDRAPITests", ["XDRAPI", "XDRTestSupport"]),
        tests("XDRScenarioTests", ["XDRScenario", "XDRIngest", "XDRJSON", "XDRModel"]),
    ]
)
