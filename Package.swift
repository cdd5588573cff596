// swift-tools-version: 6.0
// Eddy: a stateful stream-processing server. Module layout: docs/architecture.md (ARCHITECTURE.md §2).
import PackageDescription

/// Release builds of the per-record modules are compiled with whole-module and cross-module
/// optimization so segment and serializer calls inline across module boundaries.
let performanceFlags: [SwiftSetting] = [
    .unsafeFlags(["-cross-module-optimization"], .when(configuration: .release)),
    // Expensive invariant checks, as swift-collections' COLLECTIONS_INTERNAL_CHECKS.
    .define("EDDY_INTERNAL_CHECKS", .when(configuration: .debug)),
]

let package = Package(
    name: "Eddy",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "eddy", targets: ["eddy"]),
        .library(name: "Eddy", targets: ["Eddy"]),
        .library(name: "EddyTesting", targets: ["EddyTesting"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
    ],
    targets: [
        // System libraries (Debian: librocksdb-dev, liblz4-dev; scripts/bootstrap installs them).
        .systemLibrary(name: "CRocksDB", pkgConfig: "rocksdb", providers: [.apt(["librocksdb-dev"])]),
        .systemLibrary(name: "CLZ4", pkgConfig: "liblz4", providers: [.apt(["liblz4-dev"])]),
        // Counts malloc calls so benchmarks can report allocations per record (docs/decisions.md).
        .target(name: "CEddyAllocationCounter"),
        // CRC-32C with the CPU's instruction where it has one (EddyMemory falls back to software).
        .target(name: "CEddyCRC32C"),

        .target(name: "EddyCore", swiftSettings: performanceFlags),
        .target(
            name: "EddyMemory",
            dependencies: ["EddyCore", "CLZ4", "CEddyCRC32C", .product(name: "Logging", package: "swift-log")],
            swiftSettings: performanceFlags),
        .target(name: "EddyState", dependencies: ["EddyCore", "EddyMemory"], swiftSettings: performanceFlags),
        .target(name: "EddyStateHeap", dependencies: ["EddyMemory", "EddyState"], swiftSettings: performanceFlags),
        .target(
            name: "EddyStateRocksDB", dependencies: ["EddyState", "CRocksDB"],
            swiftSettings: performanceFlags),
        .target(name: "EddySketches", dependencies: ["EddyMemory"], swiftSettings: performanceFlags),
        .target(
            name: "EddyRuntime",
            dependencies: [
                "EddyCore", "EddyMemory", "EddyState", .product(name: "DequeModule", package: "swift-collections"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: performanceFlags),
        .target(
            name: "EddyWindowing", dependencies: ["EddyRuntime", "EddyState", "EddySketches"],
            swiftSettings: performanceFlags),
        .target(
            name: "Eddy",
            dependencies: [
                "EddyCore", "EddyMemory", "EddyState", "EddyStateHeap", "EddyStateRocksDB",
                "EddySketches", "EddyRuntime", "EddyWindowing",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: performanceFlags),
        .target(
            name: "EddyTesting",
            dependencies: ["Eddy", "EddyRuntime", "EddyState", "EddyStateHeap", "EddyStateRocksDB"]),
        .target(name: "EddyServer", dependencies: ["Eddy"]),
        // The benchmarks behind `eddy bench`, kept under bench/ beside their scripts.
        .target(
            name: "EddyBenchmarks",
            dependencies: ["Eddy", "EddyRuntime", "EddyWindowing", "EddySketches", "CEddyAllocationCounter"],
            path: "bench/Sources/EddyBenchmarks",
            swiftSettings: performanceFlags),
        .executableTarget(
            name: "eddy",
            dependencies: [
                "Eddy", "EddyWindowing", "EddyServer", "EddyBenchmarks", "CEddyAllocationCounter",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: performanceFlags),

        .testTarget(name: "EddyCoreTests", dependencies: ["EddyCore"]),
        .testTarget(name: "EddyMemoryTests", dependencies: ["EddyMemory"]),
        .testTarget(name: "EddyStateTests", dependencies: ["EddyState"]),
        .testTarget(name: "EddyStateRocksDBTests", dependencies: ["EddyStateRocksDB", "CEddyAllocationCounter"]),
        .testTarget(name: "EddyStateHeapTests", dependencies: ["EddyStateHeap"]),
        .testTarget(name: "EddyTests", dependencies: ["Eddy", "EddyWindowing"]),
        .testTarget(
            name: "EddyRuntimeTests",
            dependencies: ["EddyRuntime", .product(name: "Logging", package: "swift-log")]),
        .testTarget(name: "EddyTestingTests", dependencies: ["EddyTesting"]),
        .testTarget(name: "EddyStateConformanceTests", dependencies: ["Eddy", "EddyTesting"]),
        .testTarget(name: "EddyConnectorTests", dependencies: ["Eddy", "EddyRuntime"]),
        .testTarget(name: "EddySketchesTests", dependencies: ["EddySketches"]),
        .testTarget(name: "EddyWindowingTests", dependencies: ["EddyWindowing", "EddyState", "EddyTesting", "Eddy"]),
    ]
)
