#if canImport(Glibc)
import Glibc
#endif
import EventModel
@testable import Settings
import Testing

@Suite struct StateFileTests {
    func folder() -> String {
        var template = Array("/tmp/eventtop-state-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        return String(cString: made!)
    }

    @Test func writesAndReadsBackAnyText() throws {
        let path = folder() + "/state.toml"
        #expect(try StateFile.read(path) == nil, "no file yet")
        let values = ["theme": "my \"quoted\" \\ theme\t\u{1}é", "window": "5m", "reversed": "true"]
        try StateFile.write(path, values: values)
        #expect(try StateFile.read(path) == values)
        try StateFile.write(path, values: ["window": "1h"])
        #expect(try StateFile.read(path) == ["window": "1h"], "replaced whole")
    }

    @Test func aBrokenFileIsAnErrorNamingIt() throws {
        let path = folder() + "/state.toml"
        let fd = open(path, O_WRONLY | O_CREAT, 0o644)
        _ = "window = = 1\n".withCString { write(fd, $0, 13) }
        close(fd)
        #expect(throws: DataError.self) { try StateFile.read(path) }
        do {
            _ = try StateFile.read(path)
        } catch {
            #expect(error.message.hasPrefix("\(path):1: "))
        }
    }

    @Test func anUnwritableFolderIsAnError() {
        #expect(throws: DataError.self) { try StateFile.write("/proc/no-such/state.toml", values: ["a": "b"]) }
    }
}
