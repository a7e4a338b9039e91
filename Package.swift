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
        .library(name: "History", targets: ["History"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // The Parquet file format: Thrift compact protocol, metadata, encodings, codecs, column
        // readers and writers. Knows nothing of events, tenants or terminals.
        .target(
            name: "Parquet",
            dependencies: ["CSnappy", "CZstd", "CZlib", "CLZ4", "CBrotli"],
            swiftSettings: strict
        ),
        // The page codecs' C libraries (Debian: libsnappy-dev, libzstd-dev, zlib1g-dev,
        // liblz4-dev, libbrotli-dev; .ci/run installs them).
        .systemLibrary(name: "CSnappy", pkgConfig: "snappy", providers: [.apt(["libsnappy-dev"])]),
        .systemLibrary(name: "CZstd", pkgConfig: "libzstd", providers: [.apt(["libzstd-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CLZ4", pkgConfig: "liblz4", providers: [.apt(["liblz4-dev"])]),
        .systemLibrary(name: "CBrotli", pkgConfig: "libbrotlidec", providers: [.apt(["libbrotli-dev"])]),
        // System calls Swift's Glibc module does not show (renameat2).
        .target(name: "CSystem"),
        // Events, NDJSON decoding, sources, clocks, windows, the daily rollup and the partitions
        // it writes. Knows nothing of terminals.
        .target(name: "Streaming", dependencies: ["Parquet", "CSystem"], swiftSettings: strict),
        // Daily partitions: discovery, on-demand loading and caching, the daily and weekly
        // reports. Knows nothing of terminals or live windows.
        .target(name: "History", dependencies: ["Parquet"], swiftSettings: strict),
        // A frame as a grid of cells (character + style), and text made safe and measured for
        // a terminal: what the dashboard draws into and the terminal shows.
        .target(name: "Cells", dependencies: ["CSystem"], swiftSettings: strict),
        // ncursesw as Swift can use it: attribute macros and globals wrapped, /dev/tty, signal
        // handlers, restoring the terminal (Debian: libncurses-dev).
        .target(name: "CNcursesw", linkerSettings: [.linkedLibrary("ncursesw")]),
        // Shows a cell grid with ncursesw; keys, resize, signals. Knows nothing of the data model.
        .target(name: "Terminal", dependencies: ["Cells", "CNcursesw"], swiftSettings: strict),
        // View models, layout, rendering into a cell grid, key bindings, themes. No ncurses.
        .target(name: "Dashboard", dependencies: ["Cells", "Streaming", "History"], swiftSettings: strict),
        // The executable: argument parsing and wiring only.
        .executableTarget(
            name: "eventtop",
            dependencies: [
                "Streaming",
                "Parquet",
                "History",
                "Cells",
                "Dashboard",
                "Terminal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        // The demo's numbers: snapshot time, feed rate and CPU, backfill time (bench/demo_numbers.sh).
        .executableTarget(name: "demo-bench", dependencies: ["Streaming"], swiftSettings: strict),
        // The Parquet benchmark's reader side (bench/parquet_vs_duckdb.sh).
        .executableTarget(name: "parquet-scan", dependencies: ["Parquet"], swiftSettings: strict),
        // The dashboard frame benchmark (bench/dashboard_frame.sh).
        .executableTarget(name: "dashboard-bench", dependencies: ["Dashboard", "Cells", "Streaming", "History"], swiftSettings: strict),
        // Shows what the Terminal module draws and reads (Tests/oracle/test_terminal.py).
        .executableTarget(name: "screen-probe", dependencies: ["Terminal", "Cells"], swiftSettings: strict),
        .testTarget(name: "CellsTests", dependencies: ["Cells"], swiftSettings: strict),
        .testTarget(name: "TerminalTests", dependencies: ["Terminal", "Cells", "CNcursesw"], swiftSettings: strict),
        .testTarget(name: "DashboardTests", dependencies: ["Dashboard", "Cells", "Streaming", "History"], swiftSettings: strict),
        // History reads back what the demo's backfill writes; Scripts/ holds the DuckDB oracle.
        .testTarget(name: "StreamingTests", dependencies: ["Streaming", "History"], exclude: ["Scripts"], swiftSettings: strict),
        // Scripts/ holds the Python helpers that compute expected values at test time.
        .testTarget(name: "ParquetTests", dependencies: ["Parquet"], exclude: ["Scripts"], swiftSettings: strict),
        .testTarget(name: "HistoryTests", dependencies: ["History", "Parquet"], exclude: ["Scripts"], swiftSettings: strict),
    ]
)
