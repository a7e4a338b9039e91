import EventModel
import Foundation
import Ingest
import TestSupport
import Testing

/// nst/JSONTestSuite's parsing cases (scripts/json-test-suite fetches them): every `y_` document
/// is valid JSON and every `n_` one is not, wherever it stands in a line — as the value of a
/// member eventtop skips, of a field it reads, or as the whole line when it is an object — for
/// eventtop's own layout (the fast path) and for a mapping (the path scanner). "Valid" means the
/// line is not refused as invalid JSON or invalid UTF-8 (it may still be refused for its fields).
/// `i_` cases are the parser's choice and are only run for crashes.
@Suite(.enabled(if: JSONTestSuiteFiles.available,
                "JSONTestSuite not found: set JSON_TEST_SUITE or run scripts/json-test-suite"))
struct JSONTestSuiteTests {
    static let mappings: [(String, EventMapping)] = [
        ("default layout", .standard),
        ("path scanner", try! EventMapping(fields: [], errors: ["event_type=error", "zz.never=1"], errorTypes: nil,
                                           tsUnit: "auto")),
    ]

    /// The lines a document becomes in each place, with the lines that first teach a decoder
    /// that place's layout (`LineShapes`) with valid values of every kind. A raw newline cuts a
    /// line, so a `y_` document's newlines (whitespace there) become spaces; an `n_` document is
    /// cut like any input, and none of its pieces may pass as JSON.
    static func placements(_ doc: [UInt8], valid: Bool) -> [(place: String, lines: [[UInt8]], primers: [[UInt8]])] {
        let text = valid ? doc.map { $0 == 0x0A ? 0x20 : $0 } : doc
        let head = Array(#"{"ts":1,"tenant_id":"a","event_type":"e""#.utf8)
        let builders: [(String, ([UInt8]) -> [UInt8])] = [
            ("skipped member", { head + Array(#","x":"#.utf8) + $0 + [0x7D] }),
            ("nested skipped member", { head + Array(#","props":{"a":[1,"#.utf8) + $0 + Array("]}}".utf8) }),
            ("read field", { head + Array(#","session_id":"#.utf8) + $0 + [0x7D] }),
        ]
        let values = [#""s""#, "1", "-2.5e+3", "true", "null", "[1]", #"["s"]"#, "[true]", #"[1,"a"]"#, #"{"k":"v"}"#,
                      #"{"k":1}"#, #"{"k":[true,null]}"#].map { Array($0.utf8) }
        var places = builders.map { (place: $0.0, line: $0.1(text), primers: values.map($0.1)) }
        if text.first(where: { ![0x20, 0x09, 0x0D, 0x0A].contains($0) }) == 0x7B {
            places.append(("whole line", text, [#"{}"#, #"{"k":"v"}"#, #"{"k":1}"#, #"{"k":[1]}"#, #"{"k":["s"]}"#].map { Array($0.utf8) }))
        }
        return places.map { ($0.place, $0.line.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init), $0.primers) }
    }

    /// A line decoded by a fresh decoder and by one that learned its place's layout first.
    static func decodings(_ line: [UInt8], _ primers: [[UInt8]], _ mapping: EventMapping)
        -> [(label: String, result: (event: DecodedEvent?, isError: Bool, reason: RejectReason?, blank: Bool))]
    {
        [("", decodeMapped(line, mapping)), (", layout learned", decodeAfter(primers, line, mapping))]
    }

    static func isJSONRefusal(_ reason: RejectReason?) -> Bool { reason == .invalidJSON || reason == .invalidUTF8 }

    @Test func validDocumentsAreAccepted() throws {
        let cases = JSONTestSuiteFiles.cases(prefix: "y_")
        #expect(cases.count >= 90)
        for (name, doc) in cases {
            for (label, mapping) in Self.mappings {
                for (place, lines, primers) in Self.placements(doc, valid: true) {
                    #expect(lines.count == 1)
                    for (how, result) in Self.decodings(lines[0], primers, mapping) {
                        #expect(!Self.isJSONRefusal(result.reason),
                                "\(name) as \(place), \(label)\(how): \(String(describing: result.reason))")
                    }
                }
            }
        }
    }

    @Test func invalidDocumentsAreRefused() throws {
        let cases = JSONTestSuiteFiles.cases(prefix: "n_")
        #expect(cases.count >= 180)
        for (name, doc) in cases {
            for (label, mapping) in Self.mappings {
                for (place, lines, primers) in Self.placements(doc, valid: false) {
                    for k in 0..<2 {
                        let results = lines.map { Self.decodings($0, primers, mapping)[k] }
                        let how = results[0].label
                        #expect(results.allSatisfy { $0.result.event == nil }, "\(name) as \(place), \(label)\(how): decoded as an event")
                        #expect(results.contains { Self.isJSONRefusal($0.result.reason) },
                                "\(name) as \(place), \(label)\(how): not refused as JSON")
                    }
                }
            }
        }
    }

    @Test func implementationDefinedDocumentsEndCleanly() throws {
        for (_, doc) in JSONTestSuiteFiles.cases(prefix: "i_") {
            for (_, mapping) in Self.mappings {
                for (_, lines, primers) in Self.placements(doc, valid: false) {
                    for line in lines { _ = Self.decodings(line, primers, mapping) }
                }
            }
        }
    }
}

/// Where nst/JSONTestSuite's files are: `$JSON_TEST_SUITE` when set (and only there), else
/// `.cache/JSONTestSuite` in this repository (scripts/json-test-suite's clone).
enum JSONTestSuiteFiles {
    static func root() -> URL? {
        let candidates: [URL]
        if let value = ProcessInfo.processInfo.environment["JSON_TEST_SUITE"], !value.isEmpty {
            candidates = [URL(fileURLWithPath: value)]
        } else {
            candidates = [Repository.root?.appendingPathComponent(".cache/JSONTestSuite")].compactMap { $0 }
        }
        return candidates.first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("test_parsing").path) }
    }

    /// Whether the files were found, or `$JSON_TEST_SUITE` is set (a wrong one fails the tests).
    static var available: Bool {
        root() != nil || !(ProcessInfo.processInfo.environment["JSON_TEST_SUITE"] ?? "").isEmpty
    }

    /// The documents whose names start with `prefix`, sorted by name.
    static func cases(prefix: String) -> [(name: String, bytes: [UInt8])] {
        guard let dir = root()?.appendingPathComponent("test_parsing") else { return [] }
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? [])
            .filter { $0.hasPrefix(prefix) && $0.hasSuffix(".json") }.sorted()
        return names.compactMap { name in
            (try? Data(contentsOf: dir.appendingPathComponent(name))).map { (name, [UInt8]($0)) }
        }
    }
}
