#if canImport(Glibc)
import Glibc
#endif
import Dashboard
import EventModel
import Ingest
import Live
import Parquet
import Settings
import Windows

/// What each fuzzer feeds arbitrary bytes to (`scripts/fuzz`), and what the regression tests
/// replay: every answer must be a value or a clear error, never a trap, a hang or a leak.
public enum FuzzTargets {
    /// The NDJSON decoder, line by line, then the same bytes through the line splitter in
    /// small reads into the live pipeline (which must count every line).
    /// The path scanner twice: on a nested mapping with rules of every kind, and on eventtop's
    /// own layout forced off the fast path, which must agree with the fast path on every line.
    /// The fast path decodes each line twice (the second time along the layout it learned from
    /// this line and the ones before, `LineShapes`): both must agree.
    public static func ndjson(_ data: UnsafeRawBufferPointer) {
        var decoder = EventLineDecoder()
        // Built for each input, not kept in statics: LeakSanitizer cannot follow the pointers a
        // lazily initialised Swift global keeps inside enum payloads, and reports them as leaks.
        var nested = EventLineDecoder(mapping: nestedMapping())
        var forced = EventLineDecoder(mapping: forcedMapping())
        var start = 0
        let bytes = data.bindMemory(to: UInt8.self)
        for i in 0...bytes.count where i == bytes.count || bytes[i] == 0x0A {
            if i > start {
                let line = bytes.baseAddress! + start
                let fast = outcome(decoder.decode(line, count: i - start))
                precondition(outcome(decoder.decode(line, count: i - start)) == fast, "a learned layout decodes as the scan")
                _ = nested.decode(line, count: i - start)
                precondition(outcome(forced.decode(line, count: i - start)) == fast, "the path scanner agrees with the fast path")
            }
            start = i + 1
        }
        let splitter = LineSplitter(maxLineBytes: 256, blockSize: 64)
        var config = ProcessorConfig(presets: [10, 60])  // a small ring: thousands of inputs a second
        config.maxFutureSkew = 5
        config.maxJump = 60
        var pipeline = LivePipeline(config: config)
        var offset = 0
        while offset < bytes.count {
            let space = splitter.readSpace()
            let n = min(space.count, bytes.count - offset, 61)
            space.copyMemory(from: UnsafeRawBufferPointer(rebasing: data[offset..<offset + n]))
            splitter.didRead(n, into: &pipeline)
            offset += n
        }
        splitter.finish(into: &pipeline)
        let stats = pipeline.snapshot(hopping: HoppingSpec(size: 60, hop: 10)).stats
        precondition(stats.lines == splitter.linesSeen, "every line counted")
    }

    static func nestedMapping() -> EventMapping { try! EventMapping(
        fields: ["tenant_id=a.b", "event_type=c[0]", "ts=t", #"session_id=s\.x[1].y"#],
        errors: ["e>=5", "event_type=error|x", "a.b!=z", "t<1e3", "d[2]=null|true"], errorTypes: nil, tsUnit: "auto") }
    static func forcedMapping() -> EventMapping {
        try! EventMapping(fields: [], errors: ["event_type=error", "zz.never=1"], errorTypes: nil, tsUnit: "auto")
    }

    /// A decoded line as text (the error flag left out: the forced mapping has one more rule).
    static func outcome(_ line: LineOutcome) -> String {
        switch line {
        case .event(let e):
            func text(_ b: UnsafeBufferPointer<UInt8>) -> String { String(decoding: b, as: UTF8.self) }
            return "\(text(e.tenant))|\(text(e.eventType))|\(text(e.session))|\(e.ts)"
        case .blank: return "blank"
        case .rejected(let reason): return reason.name
        }
    }

    /// The Parquet reader on a whole file: footer, schema, and every flat column of every row
    /// group (statistics too).
    public static func parquet(_ data: UnsafeRawBufferPointer) {
        let path = scratchPath("parquet")
        guard write(data, to: path) else { return }
        defer { unlink(path) }
        guard let reader = try? ParquetFileReader(path: path) else { return }
        for group in 0..<min(reader.rowGroupCount, 64) {
            for column in reader.flatColumns.prefix(64) {
                _ = reader.statistics(of: column, rowGroup: group)
                _ = try? reader.readColumn(column, rowGroup: group)
                _ = try? reader.readColumn(column, rowGroup: group, keepDictionary: true)
            }
        }
    }

    /// The processor the checkpoint seeds were saved with: small windows, so that an input
    /// restores in microseconds.
    public static var checkpointConfig: ProcessorConfig {
        var config = ProcessorConfig(presets: [10, 60])
        config.maxFutureSkew = 5
        config.maxJump = 60
        config.maxTenants = 8
        config.maxTypes = 4
        return config
    }

    public static let checkpointHistory = HistorySettings(directory: "/nonexistent", inputPath: "/in.ndjson",
                                                          sourceName: "fuzz")

    /// A checkpoint, restored as a restart would. Inputs of even length get a checksum that
    /// matches their body, so that mutations reach the decoders behind it; odd ones keep theirs.
    public static func checkpoint(_ data: UnsafeRawBufferPointer) {
        var bytes = Array(data)
        if bytes.count >= 4 && bytes.count % 2 == 0 {
            let crc = CRC32C.checksum(Array(bytes.dropLast(4)))
            bytes.replaceSubrange((bytes.count - 4)..., with: withUnsafeBytes(of: crc.littleEndian, Array.init))
        }
        _ = try? CheckpointFile.restore(bytes, config: checkpointConfig, history: checkpointHistory)
    }

    /// A theme file's text.
    public static func theme(_ data: UnsafeRawBufferPointer) {
        guard let text = String(validating: data.bindMemory(to: UInt8.self), as: UTF8.self) else { return }
        _ = try? ThemeFile.parse(text, path: "fuzz.theme", name: "fuzz")
    }

    /// A settings file's text, checked against a catalog shaped like eventtop's (options, flags,
    /// repeatable options, two commands), and the command settings made from it.
    public static func settings(_ data: UnsafeRawBufferPointer) {
        guard let text = String(validating: data.bindMemory(to: UInt8.self), as: UTF8.self),
              let file = try? ConfigFile(path: "fuzz.toml", text: text, catalog: settingsCatalog)
        else { return }
        let settings = CommandSettings(command: "live", commandLine: ["--window", "1m"], file: file, catalog: settingsCatalog)
        _ = settings.inForce()
        _ = settings.blame("The value 'x' is invalid for '--max-tenants <n>'")
    }

    static let settingsCatalog = OptionCatalog(commands: [
        "live": [OptionSpec(name: "window", isFlag: false, defaultValue: "1m"), OptionSpec(name: "follow", isFlag: true),
                 OptionSpec(name: "field", isFlag: false, isRepeating: true),
                 OptionSpec(name: "error", isFlag: false, isRepeating: true), OptionSpec(name: "error-types", isFlag: false),
                 OptionSpec(name: "max-tenants", isFlag: false, defaultValue: "10000")],
        "history": [OptionSpec(name: "from", isFlag: false), OptionSpec(name: "format", isFlag: false)],
    ])

    /// A file of this process's own, in shared memory when there is some.
    static func scratchPath(_ name: String) -> String {
        let folder = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp"
        return "\(folder)/eventtop-fuzz-\(name)-\(getpid())"
    }

    static func write(_ data: UnsafeRawBufferPointer, to path: String) -> Bool {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var done = 0
        while done < data.count {
            let n = Glibc.write(fd, data.baseAddress! + done, data.count - done)
            guard n > 0 else { return false }
            done += n
        }
        return true
    }
}
