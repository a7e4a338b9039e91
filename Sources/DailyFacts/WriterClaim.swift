#if canImport(Glibc)
import Glibc
#endif
import EventModel
import ObjectStore

/// One writer for each input in a history folder: `live --history` claims its source's name
/// (`DIR/.eventtop-source-NAME.lock`, an advisory flock holding the writer's pid) for as long as
/// it runs, so a second `live` of the same input on the same folder is refused with the pid that
/// holds it, instead of both replacing each other's files. Released when the claim is dropped
/// or the process ends, however it ends. For object storage the claim is a lock file on this
/// machine (`$XDG_STATE_HOME/eventtop/claims/`).
public final class WriterClaim {
    private let fd: Int32
    public let path: String

    /// Claims `source` in `directory` (made if missing); throws, naming the holder's pid, when
    /// another process holds it.
    public init(directory: String, source: String) throws(DataError) {
        if S3Location.isURL(directory) {
            // Object storage has no locks: the claim is made on this machine, in the state folder,
            // under a name derived from the URL. (A source's name is the identity of its input on
            // this machine: collectors on other machines write other files.)
            let claims = DataFolders.stateHome(environment: S3Settings.processEnvironment()) + "/claims"
            try Folders.makeDirectories(claims)
            path = claims + "/" + Self.hash(directory) + "-" + source + ".lock"
        } else {
            try Folders.makeDirectories(directory)
            path = directory + "/.eventtop-source-" + source + ".lock"
        }
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw Folders.failure("cannot open the lock", path) }
        var locked = flock(fd, LOCK_EX | LOCK_NB) == 0
        while !locked && errno == EINTR { locked = flock(fd, LOCK_EX | LOCK_NB) == 0 }
        guard locked else {
            let busy = errno == EWOULDBLOCK
            let reason = DataError.systemReason
            let holder = Self.holder(fd)
            close(fd)
            if busy {
                throw .io("\(directory) is being written for this input by pid \(holder.map(String.init) ?? "?") "
                    + "(\(path)): one collector per input and folder")
            }
            throw .io("cannot lock \(path): \(reason)")
        }
        let pid = Array("\(getpid())\n".utf8)
        _ = ftruncate(fd, 0)
        _ = pid.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
    }

    deinit { close(fd) }

    /// FNV-1a of `text` in hex: a file name for a URL.
    static func hash(_ text: String) -> String {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in text.utf8 { hash = (hash ^ UInt64(b)) &* 0x100_0000_01B3 }
        return String(hash, radix: 16)
    }

    /// The pid written in a claim file.
    private static func holder(_ fd: Int32) -> Int? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        guard n > 0 else { return nil }
        return Int(String(decoding: buffer[0..<n].filter { $0 >= 0x30 && $0 <= 0x39 }, as: UTF8.self))
    }
}
