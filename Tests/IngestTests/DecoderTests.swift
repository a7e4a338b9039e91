import EventModel
@testable import Ingest
import TestSupport
import Testing

func reason(_ text: String) -> RejectReason? { decodeBytes(Array(text.utf8)).reason }

@Suite struct DecoderTests {
    @Test func plainEvent() throws {
        let e = try #require(decodeLine(#"{"tenant_id":"acme","event_type":"click","ts":"2026-11-26T15:30:00.123Z","session_id":"s1"}"#))
        #expect(e.tenant == "acme")
        #expect(e.type == "click")
        #expect(e.session == "s1")
        #expect(e.ts == 1_795_707_000_123_000_000)
    }

    @Test func fieldOrderAliasesAndUnknownFields() throws {
        let line = #"{"x":{"a":[1,2.5e-3,{"b":null}],"c":"\ud83d\ude00\n"},"event_ts":1795707000,"# +
            #""event_type":"view","tenant_id":"t\u00e9","y":[true,false,null,[],{}],"z":-0.0E+1}"#
        let e = try #require(decodeLine(line))
        #expect(e.tenant == "té")
        #expect(e.type == "view")
        #expect(e.session == "")
        #expect(e.ts == 1_795_707_000_000_000_000)
    }

    @Test func aliasPriorityAndDuplicateKeys() throws {
        let e = try #require(decodeLine(#"{"event_ts":1,"timestamp":2,"ts":3,"tenant_id":1,"tenant_id":"b","event_type":"e"}"#))
        #expect(e.ts == 3_000_000_000)
        #expect(e.tenant == "b")
        let f = try #require(decodeLine(#"{"event_ts":1,"timestamp":2,"tenant_id":"a","event_type":"e"}"#))
        #expect(f.ts == 2_000_000_000)
    }

    @Test func escapedKeysAreRecognised() throws {
        let e = try #require(decodeLine(#"{"t\u0073":5,"tenant_id":"a","event\u005ftype":"e"}"#))
        #expect(e.ts == 5_000_000_000)
        #expect(e.type == "e")
    }

    @Test func surrogatePairsAndLoneSurrogates() throws {
        let e = try #require(decodeLine(#"{"ts":1,"tenant_id":"\ud83d\ude00","event_type":"e","other":"\ud800"}"#))
        #expect(e.tenant == "😀")
        #expect(reason(#"{"ts":1,"tenant_id":"\ud800","event_type":"e"}"#) == .invalidJSON)
        #expect(reason(#"{"ts":1,"tenant_id":"a\udc00","event_type":"e"}"#) == .invalidJSON)
        #expect(reason(#"{"ts":1,"tenant_id":"a","event_type":"e","session_id":"\ud800x"}"#) == .invalidJSON)
    }

    @Test func invalidJSON() {
        for line in [
            #"{"ts":1,"tenant_id":"a","event_type":"e"} x"#,
            #"{"ts":1,"tenant_id":"a","event_type":"e",}"#,
            #"{'ts':1}"#, #"{"ts":NaN,"tenant_id":"a","event_type":"e"}"#,
            #"{"ts":01,"tenant_id":"a","event_type":"e"}"#, "{\"ts\":1,\"tenant_id\":\"a\tb\",\"event_type\":\"e\"}",
            #"{"ts":1,"tenant_id":"a\x","event_type":"e"}"#, #"{"ts":1,"tenant_id":"a","event_type":"e""#,
            #"[1,2]"#, "42", #"{"ts":1,"tenant_id":"a","event_type":"e","n":[1,]}"#, #"{"a":1.}"#, #"{"a":-}"#,
            #"{"a":1e}"#, #"{"a":tru}"#, #"{"a" 1}"#, #"{"a":1 "b":2}"#, #"{"a":{"b":1]}"#, "{", "}",
            #"{"ts":1,"tenant_id":"a","event_type":"e"}{"#, #"{"a":"\u12G4"}"#,
        ] {
            #expect(reason(line) == .invalidJSON, "\(line)")
        }
    }

    @Test func invalidUTF8() {
        let prefix = Array(#"{"ts":1,"tenant_id":""#.utf8)
        let suffix = Array(#"","event_type":"e"}"#.utf8)
        for bad: [UInt8] in [[0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82], [0xFF], [0x80]] {
            #expect(decodeBytes(prefix + bad + suffix).reason == .invalidUTF8)
        }
        // Invalid UTF-8 outside strings is still invalid UTF-8, and wins over invalid JSON.
        #expect(decodeBytes(Array("{\"a\":1}".utf8) + [0xFF]).reason == .invalidUTF8)
        // Valid UTF-8 in a bad place is invalid JSON.
        #expect(reason("{\"a\":1}é") == .invalidJSON)
        #expect(decodeLine("{\"ts\":1,\"tenant_id\":\"日本\",\"event_type\":\"e\"}")?.tenant == "日本")
    }

    @Test func fieldChecksInOrder() {
        #expect(reason(#"{"ts":1,"event_type":"e"}"#) == .missingField)
        #expect(reason(#"{"ts":1,"tenant_id":"a"}"#) == .missingField)
        #expect(reason(#"{"tenant_id":"a","event_type":"e"}"#) == .missingField)
        // Integers are names too (their decimal text); other numbers are not.
        #expect(decodeLine(#"{"ts":1,"tenant_id":5,"event_type":-7}"#).map { "\($0.tenant)/\($0.type)" } == "5/-7")
        #expect(reason(#"{"ts":1,"tenant_id":5.5,"event_type":"e"}"#) == .badField)
        #expect(reason(#"{"ts":1,"tenant_id":5e3,"event_type":"e"}"#) == .badField)
        #expect(reason(#"{"ts":1,"tenant_id":null,"event_type":"e"}"#) == .badField)
        #expect(reason(#"{"ts":1,"tenant_id":"","event_type":"e"}"#) == .badField)
        #expect(reason(#"{"ts":1,"tenant_id":"a","event_type":["e"]}"#) == .badField)
        #expect(reason(#"{"ts":"x","tenant_id":"a","event_type":"e","session_id":5}"#) == .badTimestamp)
        #expect(decodeLine(#"{"ts":1,"tenant_id":"a","event_type":"e","session_id":5}"#)?.session == "5")
        #expect(reason(#"{"ts":1,"tenant_id":"a","event_type":"e","session_id":0.5}"#) == .badField)
        #expect(reason(#"{"ts":1,"tenant_id":"a","event_type":"e","session_id":true}"#) == .badField)
        #expect(reason(#"{"ts":1,"tenant_id":"a","event_type":"e","session_id":{}}"#) == .badField)
        #expect(decodeLine(#"{"ts":1,"tenant_id":"a","event_type":"e","session_id":null}"#)?.session == "")
        let long = String(repeating: "x", count: 256)
        #expect(decodeLine("{\"ts\":1,\"tenant_id\":\"\(long)\",\"event_type\":\"e\"}")?.tenant == long)
        #expect(reason("{\"ts\":1,\"tenant_id\":\"\(long)x\",\"event_type\":\"e\"}") == .badField)
        #expect(reason("{\"ts\":1,\"tenant_id\":\"a\",\"event_type\":\"e\",\"session_id\":\"\(long)x\"}") == .badField)
        // An escaped name is measured after unescaping: 128 × "\u00e9" is 256 bytes.
        let escaped = String(repeating: "\\u00e9", count: 128)
        #expect(decodeLine("{\"ts\":1,\"tenant_id\":\"\(escaped)\",\"event_type\":\"e\"}") != nil)
        #expect(reason("{\"ts\":1,\"tenant_id\":\"\(escaped)a\",\"event_type\":\"e\"}") == .badField)
        #expect(reason(#"{"ts":null,"tenant_id":"a","event_type":"e"}"#) == .badTimestamp)
        #expect(reason(#"{"ts":true,"tenant_id":"a","event_type":"e"}"#) == .badTimestamp)
    }

    @Test func blankLines() {
        #expect(decodeBytes([]).blank)
        #expect(decodeBytes(Array(" \t\r".utf8)).blank)
        #expect(decodeLine("  {\"ts\":1,\"tenant_id\":\"a\",\"event_type\":\"e\"} \r") != nil)
    }

    @Test func deepNestingIsSkippedWithoutRecursion() {
        let depth = 100_000
        let nested = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        #expect(decodeLine("{\"x\":\(nested),\"ts\":1,\"tenant_id\":\"a\",\"event_type\":\"e\"}") != nil)
        let objects = String(repeating: "{\"a\":", count: 70) + "1" + String(repeating: "}", count: 70)
        #expect(decodeLine("{\"x\":\(objects),\"ts\":1,\"tenant_id\":\"a\",\"event_type\":\"e\"}") != nil)
        let mismatched = String(repeating: "[", count: 70) + "{" + String(repeating: "]", count: 71)
        #expect(reason("{\"x\":\(mismatched),\"ts\":1,\"tenant_id\":\"a\",\"event_type\":\"e\"}") == .invalidJSON)
    }
}

@Suite struct FieldOrderTests {
    @Test func checksGoFieldByField() {
        #expect(reason(#"{"event_type":"view","tenant_id":0.5}"#) == .badField)
        #expect(reason(#"{"ts":1,"tenant_id":null}"#) == .badField)
        #expect(reason(#"{"ts":1,"tenant_id":"a","event_type":""}"#) == .badField)
        #expect(reason(#"{"tenant_id":"a","event_type":7.0}"#) == .badField)
        #expect(reason(#"{"tenant_id":"a","event_type":"e","session_id":5}"#) == .missingField)
    }
}
