import EventModel
@testable import Ingest
import TestSupport
import Testing

func mapping(fields: [String] = [], errors: [String] = [], unit: EpochUnitChoice = .auto) throws -> EventMapping {
    var m = EventMapping()
    for f in fields { try m.map(parsing: f) }
    if !errors.isEmpty { m.errorRules = try errors.map(ErrorRule.init(parsing:)) }
    m.tsUnit = unit
    return m
}

/// `tenant/type/session/ts` and `!` for an error, or the reject reason's name.
func outcome(_ line: String, _ m: EventMapping) -> String {
    let d = decodeMapped(line, m)
    if let e = d.event { return "\(e.tenant)/\(e.type)/\(e.session)/\(e.ts)" + (d.isError ? "!" : "") }
    return d.reason?.name ?? "blank"
}

let s0: Int64 = 1_795_707_000

@Suite struct FieldPathTests {
    @Test func pathsParse() throws {
        #expect(try FieldPath(parsing: "context.groupId").steps == [.key(Array("context".utf8)), .key(Array("groupId".utf8))])
        #expect(try FieldPath(parsing: #"a\.b.c"#).steps == [.key(Array("a.b".utf8)), .key(Array("c".utf8))])
        #expect(try FieldPath(parsing: "attributes[2].value[0]").steps
            == [.key(Array("attributes".utf8)), .index(2), .key(Array("value".utf8)), .index(0)])
        #expect(try FieldPath(parsing: "m[0][1]").steps == [.key(Array("m".utf8)), .index(0), .index(1)])
        #expect(try FieldPath(parsing: #"x\\y"#).steps == [.key(Array(#"x\y"#.utf8))])
        #expect(try FieldPath(parsing: "é.ü").steps.count == 2)
    }

    @Test func badPathsSayWhy() {
        for (bad, why) in [("", "empty key"), ("a..b", "empty key"), (".a", "empty key"), ("a.", "ends with a dot"),
                           ("[0]", "must follow a key"), ("a[x]", "not an index"), ("a[", "[ without ]"),
                           ("a]", "] without ["), ("a[0]b", "must follow ]"), (#"a\b"#, "escapes only"), (#"a\"#, "escapes only"),
                           ("a[99999999]", "not an index"), ("a[-1]", "not an index"),
                           (Array(repeating: "k", count: 33).joined(separator: "."), "deeper than 32")]
        {
            #expect(throws: DataError.self, "\(bad)") { try FieldPath(parsing: bad) }
            do { _ = try FieldPath(parsing: bad) } catch {
                #expect(error.kind == .usage && error.message.contains(why), "\(bad): \(error.message)")
            }
        }
    }

    @Test func fieldSpecs() throws {
        var m = EventMapping()
        try m.map(parsing: "tenant_id=org.id")
        #expect(m.paths(of: .tenant).map(\.description) == ["org.id"])
        #expect(m.paths(of: .ts).map(\.description) == ["ts", "timestamp", "event_ts"])
        for bad in ["tenant", "tenant_id", "tenant_id=", "tenant=x", "ts=a..b", "=x"] {
            #expect(throws: DataError.self, "\(bad)") { try m.map(parsing: bad) }
        }
    }
}

@Suite struct ErrorRuleTests {
    @Test func rulesParse() throws {
        let eq = try ErrorRule(parsing: "level=error|fatal")
        #expect(eq.op == .equal && eq.texts == [Array("error".utf8), Array("fatal".utf8)] && eq.target == .path(FieldPath(key: "level")))
        #expect(try ErrorRule(parsing: "status>=500").op == .atLeast)
        #expect(try ErrorRule(parsing: "status>500").op == .above)
        #expect(try ErrorRule(parsing: "status<=2").bound == 2)
        #expect(try ErrorRule(parsing: "a.b<-1.5").bound == -1.5)
        #expect(try ErrorRule(parsing: "ok!=true").op == .notEqual)
        #expect(try ErrorRule(parsing: "event_type=error").target == .field(.eventType))
        let escaped = try ErrorRule(parsing: #"a\=b\>=c"#)
        #expect(escaped.target == .path(FieldPath(key: "a=b>")) && escaped.texts == [Array("c".utf8)])
        #expect(try ErrorRule(parsing: "msg=a=b").texts == [Array("a=b".utf8)], "only the first operator splits")
        #expect(try ErrorRule.types("error,fatal").description == "event_type=error|fatal")
    }

    @Test func badRulesSayWhy() {
        for (bad, why) in [("status", "no operator"), ("=x", "no path"), ("status>=", "needs a number"),
                           ("status>=abc", "needs a number"), ("status>=1e999", "needs a number"),
                           ("level=", "empty value"), ("level=a||b", "empty value"), ("a!b", "must be followed by"),
                           ("a..b=1", "empty key")]
        {
            do {
                _ = try ErrorRule(parsing: bad)
                Issue.record("\(bad) parsed")
            } catch {
                #expect(error.kind == .usage && error.message.contains(why), "\(bad): \(error.message)")
            }
        }
        #expect(throws: DataError.self) { try ErrorRule.types("a,,b") }
    }
}

@Suite struct MappedDecodingTests {
    @Test func nestedPathsArraysAndIntegers() throws {
        let m = try mapping(fields: ["tenant_id=org.id", "event_type=type", "ts=created_at", "session_id=actor.login"])
        let line = #"{"id":"1","type":"PushEvent","actor":{"id":7,"login":"octo"},"repo":{"name":"a/b"},"org":{"id":9919},"#
            + #""payload":{"x":[1,{"y":2}]},"created_at":"2026-11-26T15:30:00Z"}"#
        #expect(outcome(line, m) == "9919/PushEvent/octo/\(s0 * 1_000_000_000)")
        let otel = try mapping(fields: ["tenant_id=resource.attributes[0].value.stringValue", "event_type=body.stringValue",
                                        "ts=timeUnixNano"], errors: ["severityText=ERROR"])
        let log = #"{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"checkout"}}]},"#
            + #""timeUnixNano":"1795707000123456789","severityText":"ERROR","body":{"stringValue":"boom"}}"#
        #expect(outcome(log, otel) == "checkout/boom//1795707000123456789!")
        #expect(outcome(log.replacingOccurrences(of: "\"ERROR\"", with: "\"INFO\""), otel) == "checkout/boom//1795707000123456789")
        // A missing element, a wrong type on the way, an object where a name should be.
        #expect(outcome(#"{"resource":{"attributes":[]},"timeUnixNano":"1","body":{"stringValue":"b"}}"#, otel) == "missing_field")
        #expect(outcome(#"{"resource":{"attributes":{"0":1}},"timeUnixNano":"1","body":{"stringValue":"b"}}"#, otel) == "missing_field")
        #expect(outcome(#"{"resource":{"attributes":[{"value":{"stringValue":{}}}]},"timeUnixNano":"1","body":{"stringValue":"b"}}"#, otel)
            == "bad_field")
    }

    @Test func escapedKeysDuplicatesAndDotsInKeys() throws {
        let m = try mapping(fields: [#"tenant_id=k8s\.ns"#, "event_type=e.t"])
        #expect(outcome(#"{"k8s.ns":"prod","e":{"t":"x"},"ts":1795707000}"#, m) == "prod/x//\(s0 * 1_000_000_000)")
        #expect(outcome(#"{"k8s\u002ens":"prod","\u0065":{"t":"x"},"ts":1795707000}"#, m) == "prod/x//\(s0 * 1_000_000_000)")
        // Last wins, for a whole object too: the second "e" has no "t".
        #expect(outcome(#"{"k8s.ns":"a","k8s.ns":"b","e":{"t":"x"},"ts":1}"#, m) == "b/x//1000000000")
        #expect(outcome(#"{"k8s.ns":"a","e":{"t":"x"},"e":{"u":"y"},"ts":1}"#, m) == "missing_field")
        #expect(outcome(#"{"k8s.ns":"a","e":{"t":"x","t":"z"},"ts":1}"#, m) == "a/z//1000000000")
    }

    @Test func theLineStaysStrictJSONAroundThePaths() throws {
        let m = try mapping(fields: ["tenant_id=a.b"])
        #expect(outcome(#"{"a":{"b":"t"},"event_type":"e","ts":1}"#, m) == "t/e//1000000000")
        for bad in [#"{"a":{"b":"t",},"event_type":"e","ts":1}"#, #"{"a":{"b":"t"},"event_type":"e","ts":01}"#,
                    #"{"a":{"b":"t"} "event_type":"e","ts":1}"#, #"{"a":{"b":"t"},"event_type":"e","ts":1}x"#,
                    #"{"a":{"b":"t"},"x":[1,],"event_type":"e","ts":1}"#, #"{"a":{"b":"\ud800"},"event_type":"e","ts":1}"#,
                    #"{"a":{"b" "t"},"event_type":"e","ts":1}"#, #"[{"a":{"b":"t"}}]"#]
        {
            #expect(outcome(bad, m) == "invalid_json", "\(bad)")
        }
        let deep = String(repeating: "[", count: 50_000) + String(repeating: "]", count: 50_000)
        #expect(outcome("{\"a\":{\"x\":\(deep),\"b\":\"t\"},\"event_type\":\"e\",\"ts\":1}", m) == "t/e//1000000000")
    }

    @Test func timestampsInEveryForm() throws {
        let m = try mapping(fields: ["ts=time"])
        func ts(_ json: String, _ mm: EventMapping? = nil) -> String {
            outcome("{\"tenant_id\":\"t\",\"event_type\":\"e\",\"time\":\(json)}", mm ?? m)
        }
        let ns = s0 * 1_000_000_000
        #expect(ts(#""2026-11-26T15:30:00Z""#) == "t/e//\(ns)")
        #expect(ts(#""2026-11-26T16:30:00.5+01:00""#) == "t/e//\(ns + 500_000_000)")
        #expect(ts(#""2026-11-26 15:30:00""#) == "t/e//\(ns)")
        #expect(ts(#""2026-11-26 15:30:00.000001""#) == "t/e//\(ns + 1000)")
        #expect(ts("1795707000") == "t/e//\(ns)")
        #expect(ts("1795707000123") == "t/e//\(ns + 123_000_000)")
        #expect(ts(#""1795707000123456""#) == "t/e//\(ns + 123_456_000)")
        #expect(ts(#""1795707000123456789""#) == "t/e//\(ns + 123_456_789)")
        #expect(ts("1795707000.25") == "t/e//\(ns + 250_000_000)")
        #expect(ts("1795707000", try mapping(fields: ["ts=time"], unit: .fixed(.milliseconds))) == "t/e//\(ns / 1000)")
        for bad in [#""yesterday""#, #""""#, #""1795707000 ""#, "-5", #""2026-11-26T15:30:00+0100""#, "true", "{}", "null"] {
            #expect(ts(bad) == "bad_timestamp", "\(bad)")
        }
        #expect(outcome(#"{"tenant_id":"t","event_type":"e","ts":1}"#, m) == "missing_field", "a mapped ts has no aliases")
    }

    @Test func errorRulesOnAnyPath() throws {
        let m = try mapping(fields: ["tenant_id=host", "event_type=request.method"],
                            errors: ["status>=500", "level=error|fatal", "upstream.ok!=true"])
        func line(_ extra: String) -> String {
            outcome(#"{"host":"h","request":{"method":"GET"},"ts":1"# + extra + "}", m)
        }
        #expect(line(#","status":200,"upstream":{"ok":true}"#) == "h/GET//1000000000")
        #expect(line(#","status":503,"upstream":{"ok":true}"#) == "h/GET//1000000000!")
        #expect(line(#","status":"503","upstream":{"ok":true}"#) == "h/GET//1000000000!", "a numeric string compares as a number")
        #expect(line(#","status":500.0,"upstream":{"ok":true}"#) == "h/GET//1000000000!")
        #expect(line(#","status":499.9,"upstream":{"ok":true}"#) == "h/GET//1000000000")
        #expect(line(#","status":"5xx","upstream":{"ok":true}"#) == "h/GET//1000000000")
        #expect(line(#","level":"fatal","upstream":{"ok":true}"#) == "h/GET//1000000000!")
        #expect(line(#","level":"Fatal","upstream":{"ok":true}"#) == "h/GET//1000000000", "texts compare exactly")
        #expect(line(#","level":"err\u006fr","upstream":{"ok":true}"#) == "h/GET//1000000000!", "after unescaping")
        #expect(line(#","upstream":{"ok":false}"#) == "h/GET//1000000000!")
        #expect(line(#","upstream":{"ok":"true"}"#) == "h/GET//1000000000", "true and \"true\" are the same text")
        #expect(line("") == "h/GET//1000000000", "an absent value matches no rule, not even !=")
        #expect(line(#","status":[503],"upstream":{"ok":true}"#) == "h/GET//1000000000", "arrays match nothing")
        // A rule on a field sees it where --field maps it, and integer names as their text.
        let typed = try mapping(fields: ["event_type=kind", "tenant_id=org"], errors: ["event_type=crash", "tenant_id=7"])
        #expect(outcome(#"{"org":"a","kind":"crash","ts":1}"#, typed) == "a/crash//1000000000!")
        #expect(outcome(#"{"org":7,"kind":"ok","ts":1}"#, typed) == "7/ok//1000000000!")
        #expect(outcome(#"{"org":8,"kind":"ok","event_type":"crash","ts":1}"#, typed) == "8/ok//1000000000")
    }

    @Test func theDefaultRuleFollowsTheMappedType() throws {
        let m = try mapping(fields: ["event_type=event"])
        #expect(outcome(#"{"tenant_id":"a","event":"error","ts":1}"#, m) == "a/error//1000000000!")
        #expect(outcome(#"{"tenant_id":"a","event":"ok","event_type":"error","ts":1}"#, m) == "a/ok//1000000000")
        #expect(outcome(#"{"tenant_id":"a","event_type":"error","ts":1}"#, .standard) == "a/error//1000000000!")
        #expect(outcome(#"{"tenant_id":"a","event_type":"errors","ts":1}"#, .standard) == "a/errors//1000000000")
    }

    /// The path scanner and the fast path agree on every line under the default layout: the
    /// scanner is forced by a rule on a path no line has.
    @Test func pathScannerAgreesWithTheFastPath() throws {
        let forced = try mapping(errors: ["event_type=error", "zz.never=1"])
        #expect(!forced.isStandardLayout && EventMapping.standard.isStandardLayout)
        var rng = SplitMix64(seed: 11)
        let pieces = [#""tenant_id":"acme""#, #""tenant_id":42"#, #""tenant_id":"""#, #""event_type":"error""#,
                      #""event_type":"view""#, #""event_type":null"#, #""ts":1795707000"#, #""timestamp":"2026-11-26T15:30:00Z""#,
                      #""event_ts":1795707000123"#, #""ts":"1795707000""#, #""ts":"bad""#, #""session_id":"s1""#,
                      #""session_id":5"#, #""session_id":true"#, #""x":{"ts":1,"tenant_id":"no"}"#, #""t\u0073":2"#,
                      #""y":[1,2,{"z":null}]"#, #""tenant_id":"b\"q""#, #""ts":-1"#, #""tenant_id":"\ud800""#]
        var agreed = 0
        for _ in 0..<20_000 {
            var members: [String] = []
            for _ in 0..<Int(rng.next() % 7) { members.append(pieces[Int(rng.next() % UInt64(pieces.count))]) }
            var line = "{" + members.joined(separator: ",") + "}"
            if rng.next() % 10 == 0, !line.isEmpty {
                var bytes = Array(line.utf8)
                bytes[Int(rng.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: rng.next())
                line = String(decoding: bytes, as: UTF8.self)
            }
            #expect(outcome(line, forced) == outcome(line, .standard), "\(line)")
            agreed += 1
        }
        #expect(agreed == 20_000)
    }
}
