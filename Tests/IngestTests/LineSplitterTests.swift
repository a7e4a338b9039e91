import EventModel
@testable import Ingest
import Testing

/// Collects what a splitter hands out.
struct CollectingSink: LineSink {
    var lines: [(number: Int, text: [UInt8])] = []
    var tooLong: [Int] = []
    mutating func line(_ bytes: UnsafePointer<UInt8>, count: Int, number: Int) {
        lines.append((number, Array(UnsafeBufferPointer(start: bytes, count: count))))
    }
    mutating func tooLong(number: Int) { tooLong.append(number) }
}

/// Feeds `input` through a splitter in reads of `chunk` bytes.
func split(_ input: [UInt8], maxLine: Int, block: Int, chunk: Int) -> CollectingSink {
    let splitter = LineSplitter(maxLineBytes: maxLine, blockSize: block)
    var sink = CollectingSink()
    var offset = 0
    while offset < input.count {
        let space = splitter.readSpace()
        let n = min(chunk, space.count, input.count - offset)
        input[offset..<offset + n].withUnsafeBytes { space.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[...])) }
        splitter.didRead(n, into: &sink)
        offset += n
    }
    splitter.finish(into: &sink)
    return sink
}

@Suite struct LineSplitterTests {
    @Test func linesAcrossReadsAndFinalPartialLine() {
        let input = Array("a\nbb\n\nccc\ndddd".utf8)
        for chunk in 1...6 {
            let sink = split(input, maxLine: 10, block: 3, chunk: chunk)
            #expect(sink.lines.map { String(decoding: $0.text, as: UTF8.self) } == ["a", "bb", "", "ccc", "dddd"])
            #expect(sink.lines.map(\.number) == [1, 2, 3, 4, 5])
            #expect(sink.tooLong.isEmpty)
        }
    }

    @Test func tooLongLinesAreSkippedAndNeighboursKept() {
        let long = String(repeating: "x", count: 50)
        let input = Array("ok1\n\(long)\nok2\n\(long)\(long)\nok3\n\(long)".utf8)
        for chunk in [1, 3, 7, 16, 64] {
            let sink = split(input, maxLine: 10, block: 4, chunk: chunk)
            #expect(sink.lines.map { String(decoding: $0.text, as: UTF8.self) } == ["ok1", "ok2", "ok3"], "chunk \(chunk)")
            #expect(sink.lines.map(\.number) == [1, 3, 5])
            #expect(sink.tooLong == [2, 4, 6])
        }
    }

    @Test func lineExactlyAtTheLimitIsKept() {
        let exact = String(repeating: "y", count: 10)
        let sink = split(Array("\(exact)\n\(exact)y\n".utf8), maxLine: 10, block: 4, chunk: 5)
        #expect(sink.lines.count == 1)
        #expect(sink.lines.first?.text.count == 10)
        #expect(sink.tooLong == [2])
    }
}
