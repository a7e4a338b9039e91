import EventModel
@testable import History
import Testing

@Suite struct TenantNamesTests {
    func id(_ names: inout TenantNames, _ s: String) -> UInt32 {
        var s = s
        return s.withUTF8 { names.id(UnsafeRawBufferPointer($0)) }
    }

    @Test func emptyAndRepeatedNamesGetOneIdEach() {
        var names = TenantNames()
        let a = id(&names, "acme"), e = id(&names, ""), a2 = id(&names, "acme"), e2 = id(&names, "")
        #expect(a == a2 && e == e2 && a != e && a != TenantNames.null && e != TenantNames.null)
        #expect(names.name(a) == "acme" && names.name(e) == "" && names.name(TenantNames.null) == nil)
        #expect(names.count == 3)
    }

    @Test func localIndicesRestartEachRowGroup() {
        var summer = DaySummer()
        let x = id(&summer.names, "x"), y = id(&summer.names, "y")
        summer.beginLocal()
        #expect(summer.local(y) == (0, true) && summer.local(x) == (1, true) && summer.local(y) == (0, false))
        summer.beginLocal()
        #expect(summer.local(x) == (0, true) && summer.local(x) == (0, false))
    }

    @Test func takeEmptiesTheSummerAndMergesAdd() throws {
        var summer = DaySummer()
        let x = id(&summer.names, "x")
        try summer.merge(x, DayDecoder.Accumulator(total: 5, errors: 1, totalSeen: true, errorsSeen: false), path: "f")
        try summer.merge(x, DayDecoder.Accumulator(total: 2, errors: 1, totalSeen: true, errorsSeen: true), path: "f")
        let sums = summer.take()
        #expect(sums.count == 1 && sums[0].totalEvents == 7 && sums[0].errorEvents == 2)
        #expect(summer.take().isEmpty)
        try summer.merge(x, DayDecoder.Accumulator(total: .max, errors: 0, totalSeen: true, errorsSeen: false), path: "f")
        #expect(throws: DataError.self) {
            try summer.merge(x, DayDecoder.Accumulator(total: 1, errors: 0, totalSeen: true, errorsSeen: false), path: "f")
        }
    }
}
