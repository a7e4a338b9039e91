// swift-tools-version: 6.1
import PackageDescription

let strict: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
]

// The layers, lowest first. A module imports only modules above it in this list, so SwiftPM
// refuses an import that would run against the flow of data. Each module's README.md says
// what it owns and what it must not know.
let package = Package(
    name: "eventtop",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "eventtop", targets: ["eventtop"]),
        .library(name: "Parquet", targets: ["Parquet"]),
        .library(name: "EventModel", targets: ["EventModel"]),
        .library(name: "Ingest", targets: ["Ingest"]),
        .library(name: "Windows", targets: ["Windows"]),
        .library(name: "ObjectStore", targets: ["ObjectStore"]),
        .library(name: "DailyFacts", targets: ["DailyFacts"]),
        .library(name: "Live", targets: ["Live"]),
        .library(name: "History", targets: ["History"]),
        .library(name: "Output", targets: ["Output"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        // The page codecs' C libraries (Debian: libsnappy-dev, libzstd-dev, zlib1g-dev,
        // liblz4-dev, libbrotli-dev; .ci/setup installs them).
        .systemLibrary(name: "CSnappy", pkgConfig: "snappy", providers: [.apt(["libsnappy-dev"])]),
        .systemLibrary(name: "CZstd", pkgConfig: "libzstd", providers: [.apt(["libzstd-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CLZ4", pkgConfig: "liblz4", providers: [.apt(["liblz4-dev"])]),
        .systemLibrary(name: "CBrotli", pkgConfig: "libbrotlidec", providers: [.apt(["libbrotli-dev"])]),
        // Kafka's client library, and its mock cluster for tests (Debian: librdkafka-dev).
        .systemLibrary(name: "CRdKafka", pkgConfig: "rdkafka", providers: [.apt(["librdkafka-dev"])]),
        // libcurl, for object storage over HTTP with AWS SigV4 signing (Debian: libcurl4-openssl-dev
        // for the header): loaded with dlopen when object storage is first used, so that no other
        // command pays for loading it and the libraries it needs.
        .target(name: "CCurl", linkerSettings: [.linkedLibrary("dl")]),
        // System calls Swift's Glibc module does not show (renameat2, wcwidth, nl_langinfo).
        .target(name: "CSystem"),
        // A 16-byte compare's byte mask (SSE2) for the NDJSON scanner: what Swift's SIMD types
        // cannot hand back without a generic call. Header only.
        .target(name: "CByteScan"),
        // ncursesw as Swift can use it: attribute macros and globals wrapped, /dev/tty, signal
        // handlers, restoring the terminal (Debian: libncurses-dev).
        .target(name: "CNcursesw", linkerSettings: [.linkedLibrary("ncursesw")]),

        // The Parquet file format: Thrift compact protocol, metadata, encodings, codecs, column
        // readers and writers. Knows nothing of events, tenants, terminals or calendars.
        .target(name: "Parquet", dependencies: ["CSnappy", "CZstd", "CZlib", "CLZ4", "CBrotli"],
                exclude: ["README.md"], swiftSettings: strict),
        // What every layer shares: events, reject reasons, timestamps and the civil calendar,
        // durations, the clock, the fact_events_daily schema and partition names, ingest
        // counters, the checkpoint coding, DataError. No I/O, no terminals.
        .target(name: "EventModel", exclude: ["README.md"], swiftSettings: strict),
        // Sources (file, follow, stdin, Kafka), line splitting, the NDJSON decoder. Knows nothing
        // of windows or Parquet.
        .target(name: "Ingest", dependencies: ["EventModel", "CByteScan", "CRdKafka"], exclude: ["README.md"], swiftSettings: strict),
        // The stream processor: seconds, rolling and hopping windows, folding, snapshots,
        // sparkline series. No I/O, no terminals.
        .target(name: "Windows", dependencies: ["EventModel"], exclude: ["README.md"], swiftSettings: strict),
        // S3-compatible object storage: ListObjectsV2, ranged GETs, PUT and DELETE signed by libcurl,
        // errors as one line each, bounded waits. Knows nothing of Parquet, partitions or dates.
        .target(name: "ObjectStore", dependencies: ["EventModel", "CCurl"], exclude: ["README.md"], swiftSettings: strict),
        // The daily rollup and the partitions it writes (to a folder or object storage). Knows
        // nothing of live windows or terminals.
        .target(name: "DailyFacts", dependencies: ["EventModel", "Parquet", "CSystem", "ObjectStore"], exclude: ["README.md"],
                swiftSettings: strict),
        // The engine: source → decoder → windows and daily rollup on two threads, checkpoints,
        // the headless tick loop, the one-pass rollup. Knows nothing of terminals.
        .target(name: "Live", dependencies: ["EventModel", "Ingest", "Windows", "DailyFacts", "ObjectStore"], exclude: ["README.md"],
                swiftSettings: strict),
        // Daily partitions (in a folder or object storage): discovery, on-demand loading and caching,
        // the seed's reports, the browser the screen asks. Knows nothing of terminals or live windows.
        .target(name: "History", dependencies: ["EventModel", "Parquet", "ObjectStore"], exclude: ["README.md"],
                swiftSettings: strict),
        // Every text the command line prints: window rows, history reports, Parquet files, the
        // summary line; one sanitizer. Knows nothing of terminals.
        .target(name: "Output", dependencies: ["EventModel", "Windows", "History", "Parquet"],
                exclude: ["README.md"], swiftSettings: strict),
        // The demo's live feed and backfilled history, and `generate`. Knows nothing of the
        // screen, the decoder or the processor.
        .target(name: "Demo", dependencies: ["EventModel", "DailyFacts"], exclude: ["README.md"], swiftSettings: strict),
        // A frame as a grid of cells, text made safe and measured, keys, colors, and the diff
        // between two frames. No ncurses.
        .target(name: "Cells", dependencies: ["CSystem"], exclude: ["README.md"], swiftSettings: strict),
        // View models, layout, panes drawn into cells, keys, themes, and the screen's session
        // loop (against a screen protocol). No ncurses, no files but themes.
        .target(name: "Dashboard", dependencies: ["Cells", "EventModel", "Windows", "History"],
                exclude: ["README.md"], swiftSettings: strict),
        // The settings file: TOML read and checked against the commands' options, the command
        // line's precedence over it, where each setting came from. Knows nothing of what the
        // options mean.
        .target(name: "Settings", dependencies: ["EventModel", .product(name: "TOMLKit", package: "TOMLKit")],
                exclude: ["README.md"], swiftSettings: strict),
        // Shows a cell grid with ncursesw; keys, resize, signals. Knows nothing of the data model.
        .target(name: "Terminal", dependencies: ["Cells", "CNcursesw"], exclude: ["README.md"],
                swiftSettings: strict),
        // The executable: argument parsing, the settings file's wiring, exit codes only.
        .executableTarget(
            name: "eventtop",
            dependencies: [
                "EventModel", "Ingest", "Windows", "DailyFacts", "Live", "History", "Output", "Demo", "Parquet",
                "Cells", "Dashboard", "Terminal", "Settings", "CSystem", "ObjectStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),

        // Benchmark and test tools.
        // The demo's numbers: snapshot time, feed rate and CPU, backfill time (bench/demo_numbers.sh).
        .executableTarget(name: "demo-bench", dependencies: ["Demo", "Windows", "Ingest", "Live", "EventModel"],
                          swiftSettings: strict),
        // The Parquet benchmark's reader side (bench/parquet_vs_duckdb.sh).
        .executableTarget(name: "parquet-scan", dependencies: ["Parquet", "EventModel"], swiftSettings: strict),
        // The dashboard frame benchmark (bench/dashboard_frame.sh).
        .executableTarget(name: "dashboard-bench",
                          dependencies: ["Dashboard", "Cells", "Windows", "History", "EventModel", "Ingest", "Live"],
                          swiftSettings: strict),
        // A Kafka cluster on a loopback port for tests and benchmarks: librdkafka's mock cluster
        // (Tests/oracle/test_kafka.py, bench/kafka_ingest.sh).
        .executableTarget(name: "kafka-mock", dependencies: ["CRdKafka"], swiftSettings: strict),
        // Shows what the Terminal module draws and reads (Tests/oracle/test_terminal.py).
        .executableTarget(name: "screen-probe", dependencies: ["Terminal", "Cells"], swiftSettings: strict),
        // Coverage-guided fuzzing (scripts/fuzz builds these with libFuzzer): what each fuzzer
        // feeds bytes to, and one executable per target; Fuzz/corpus holds the seeds and the
        // inputs that once failed, which FuzzRegressionTests replays.
        .target(name: "FuzzTargets", dependencies: ["Ingest", "Parquet", "Live", "Windows", "Dashboard", "EventModel", "Settings"],
                path: "Fuzz/Targets", swiftSettings: strict),
        .target(name: "CFuzzing", path: "Fuzz/CFuzzing"),
        .executableTarget(name: "fuzz-ndjson", dependencies: ["FuzzTargets", "CFuzzing"], path: "Fuzz/ndjson",
                          swiftSettings: strict),
        .executableTarget(name: "fuzz-parquet", dependencies: ["FuzzTargets", "CFuzzing"], path: "Fuzz/parquet",
                          swiftSettings: strict),
        .executableTarget(name: "fuzz-checkpoint", dependencies: ["FuzzTargets", "CFuzzing"], path: "Fuzz/checkpoint",
                          swiftSettings: strict),
        .executableTarget(name: "fuzz-theme", dependencies: ["FuzzTargets", "CFuzzing"], path: "Fuzz/theme",
                          swiftSettings: strict),
        .executableTarget(name: "fuzz-settings", dependencies: ["FuzzTargets", "CFuzzing"], path: "Fuzz/settings",
                          swiftSettings: strict),

        // Tests: one target a module, and the helpers they share. Scripts/ folders hold the
        // Python helpers that compute expected values at test time.
        .target(name: "TestSupport", dependencies: ["EventModel", "Ingest", "Windows"], path: "Tests/TestSupport",
                swiftSettings: strict),
        .testTarget(name: "ParquetTests", dependencies: ["Parquet", "EventModel", "TestSupport"], exclude: ["Scripts"],
                    swiftSettings: strict),
        .testTarget(name: "EventModelTests", dependencies: ["EventModel"], swiftSettings: strict),
        // KafkaSourceTests run librdkafka's mock cluster in the test process.
        .testTarget(name: "IngestTests", dependencies: ["Ingest", "EventModel", "TestSupport", "CRdKafka"],
                    swiftSettings: strict),
        .testTarget(name: "WindowsTests", dependencies: ["Windows", "EventModel", "TestSupport"],
                    swiftSettings: strict),
        .testTarget(name: "ObjectStoreTests", dependencies: ["ObjectStore", "EventModel"], swiftSettings: strict),
        .testTarget(name: "DailyFactsTests", dependencies: ["DailyFacts", "EventModel", "Parquet", "TestSupport"],
                    swiftSettings: strict),
        .testTarget(name: "LiveTests", dependencies: ["Live", "Ingest", "Windows", "EventModel", "Demo", "TestSupport"],
                    swiftSettings: strict),
        .testTarget(name: "HistoryTests", dependencies: ["History", "EventModel", "Parquet", "DailyFacts", "TestSupport"],
                    exclude: ["Scripts"], swiftSettings: strict),
        .testTarget(name: "OutputTests", dependencies: ["Output", "Windows", "History", "Parquet", "EventModel"],
                    swiftSettings: strict),
        // The demo's backfill is read back through History; Scripts/ holds the DuckDB oracle.
        .testTarget(name: "DemoTests", dependencies: ["Demo", "History", "Ingest", "Live", "Windows", "EventModel", "TestSupport"],
                    exclude: ["Scripts"], swiftSettings: strict),
        .testTarget(name: "CellsTests", dependencies: ["Cells", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "DashboardTests",
                    dependencies: ["Dashboard", "Cells", "Windows", "History", "EventModel", "Demo", "TestSupport"],
                    swiftSettings: strict),
        .testTarget(name: "FuzzRegressionTests", dependencies: ["FuzzTargets", "Live", "Ingest", "Windows", "TestSupport"],
                    swiftSettings: strict),
        .testTarget(name: "SettingsTests", dependencies: ["Settings", "EventModel"], swiftSettings: strict),
        .testTarget(name: "TerminalTests", dependencies: ["Terminal", "Cells", "CNcursesw"], swiftSettings: strict),
    ]
)
