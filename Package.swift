// swift-tools-version: 6.1
import PackageDescription

let strict: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "eventtop",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "eventtop", targets: ["eventtop"]),
        .library(name: "Streaming", targets: ["Streaming"]),
        .library(name: "Parquet", targets: ["Parquet"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // The Parquet file format: Thrift compact protocol, metadata, encodings, codecs, column
        // readers and writers. Knows nothing of events, tenants or terminals.
        .target(name: "Parquet", swiftSettings: strict),
        // Events, NDJSON decoding, sources, clocks and windows. Knows nothing of terminals.
        .target(name: "Streaming", swiftSettings: strict),
        // The executable: argument parsing and wiring only.
        .executableTarget(
            name: "eventtop",
            dependencies: [
                "Streaming",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        .testTarget(name: "StreamingTests", dependencies: ["Streaming"], swiftSettings: strict),
        .testTarget(name: "ParquetTests", dependencies: ["Parquet"], swiftSettings: strict),
    ]
)
