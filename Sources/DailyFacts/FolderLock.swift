#if canImport(Glibc)
import Glibc
#endif
import EventModel

/// The history folder's advisory lock, `DIR/.eventtop-lock` (flock; hidden, so readers skip it):
/// a writer of one file of a date holds it shared while it writes, `replace` holds it
/// exclusively while it swaps a whole date, so no file is ever written into a folder that is
/// being swapped out. Held only for the moment a write takes.
enum FolderLock {
    static let fileName = ".eventtop-lock"

    static func holding<T>(_ directory: String, exclusive: Bool, _ body: () throws(DataError) -> T)
        throws(DataError) -> T
    {
        let path = directory + "/" + fileName
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw Folders.failure("cannot open the lock", path) }
        defer { close(fd) }
        while flock(fd, exclusive ? LOCK_EX : LOCK_SH) != 0 {
            guard errno == EINTR else { throw Folders.failure("cannot lock", path) }
        }
        return try body()
    }
}
