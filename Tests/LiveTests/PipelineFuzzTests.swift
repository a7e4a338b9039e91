import EventModel
import Ingest
@testable import Live
import Testing
import Windows

/// Good lines among bad ones, cut into blocks of every size, are all counted by the pipeline
/// that feeds the processor.
@Suite struct PipelineFuzzTests {
    @Test func everyGoodLineAmongBadOnesIsCounted() {
        var rng = SplitMix64(seed: 3)
        var text: [UInt8] = []
        var good = 0, bad = 0
        let goodLine = { (i: Int) in Array("{\"ts\":\(1_795_707_000 + i),\"tenant_id\":\"t\(i % 7)\",\"event_type\":\"e\"}".utf8) }
        for i in 0..<50_000 {
            switch rng.below(6) {
            case 0:  // truncated good line
                let line = goodLine(i)
                text += line[0..<(1 + rng.below(line.count - 2))]
                bad += 1
            case 1:  // invalid UTF-8 inside
                var line = goodLine(i)
                line.insert(0xFF, at: 20)
                text += line
                bad += 1
            case 2:  // trailing garbage
                text += goodLine(i) + Array(" x".utf8)
                bad += 1
            case 3:  // a line over the limit
                text += [UInt8](repeating: 0x20, count: 300) + goodLine(i)
                bad += 1
            default:
                text += goodLine(i)
                good += 1
            }
            text.append(0x0A)
        }
        for block in [64, 1000, 65_536] {
            let splitter = LineSplitter(maxLineBytes: 256, blockSize: block)
            var pipeline = LivePipeline(config: ProcessorConfig())
            var offset = 0
            while offset < text.count {
                let space = splitter.readSpace()
                let n = min(space.count, text.count - offset, block)
                text[offset..<offset + n].withUnsafeBytes { space.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[...])) }
                splitter.didRead(n, into: &pipeline)
                offset += n
            }
            splitter.finish(into: &pipeline)
            #expect(pipeline.processor.accepted == good, "block \(block)")
            #expect(pipeline.rejected.total == bad, "block \(block)")
            #expect(splitter.linesSeen == 50_000)
        }
    }
}
