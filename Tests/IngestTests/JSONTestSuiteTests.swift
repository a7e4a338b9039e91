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

    /// The lines a document becomes in each place. A raw newline cuts a line, so a `y_`
    /// document's newlines (whitespace there) become spaces; an `n_` document is cut like any
    /// input, and none of its pieces may pass as JSON.
    static func placements(_ doc: [UInt8], valid: Bool) -> [(String, [[UInt8]])] {
        let text = valid ? doc.map { $0 == 0x0A ? 0x20 : $0 } : doc
        let head = Array(#"{"ts":1,"tenant_id":"a","event_type":"e""#.utf8)
        var places: [(String, [UInt8])] = [
            ("skipped member", head + Array(#","x":"#.utf8) + text + [0x7D]),
            ("nested skipped member", head + Array(#","props":{"a":[1,"#.utf8) + text + Array("]}}".utf8)),
            ("read field", head + Array(#","session_id":"#.utf8) + text + [0x7D]),
        ]
        if text.first(where: { ![0x20, 0x09, 0x0D, 0x0A].contains($0) }) == 0x7B { places.append(("whole line", text)) }
        return places.map { ($0.0, $0.1.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)) }
    }

    static func isJSONRefusal(_ reason: RejectReason?) -> Bool { reason == .invalidJSON || reason == .invalidUTF8 }

    @Test func validDocumentsAreAccepted() throws {
        let cases = JSONTestSuiteFiles.cases(prefix: "y_")
        #expect(cases.count >= 90)
        for (name, doc) in cases {
            for (label, mapping) in Self.mappings {
                for (place, lines) in Self.placements(doc, valid: true) {
                    #expect(lines.count == 1)
                    let result = decodeMapped(lines[0], mapping)
                    #expect(!Self.isJSONRefusal(result.reason), "\(name) as \(place), \(label): \(String(describing: result.reason))")
                }
            }
        }
    }

    @Test func invalidDocumentsAreRefused() throws {
        let cases = JSONTestSuiteFiles.cases(prefix: "n_")
        #expect(cases.count >= 180)
        for (name, doc) in cases {
            for (label, mapping) in Self.mappings {
                for (place, lines) in Self.placements(doc, valid: false) {
                    let results = lines.map { decodeMapped($0, mapping) }
                    #expect(results.allSatisfy { $0.event == nil }, "\(name) as \(place), \(label): decoded as an event")
                    #expect(results.contains { Self.isJSONRefusal($0.reason) }, "\(name) as \(place), \(label): not refused as JSON")
                }
            }
        }
    }

    @Test func implementationDefinedDocumentsEndCleanly() throws {
        for (_, doc) in JSONTestSuiteFiles.cases(prefix: "i_") {
            for (_, mapping) in Self.mappings {
                for (_, lines) in Self.placements(doc, valid: false) { for line in lines { _ = decodeMapped(line, mapping) } }
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
