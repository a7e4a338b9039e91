#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import EventModel

/// The folder operations partitions and checkpoints need, each failure a `DataError` naming
/// the path.
public enum Folders {
    /// `mkdir -p`
    public static func makeDirectories(_ path: String) throws(DataError) {
        var st = stat()
        if stat(path, &st) == 0 {
            guard (st.st_mode & S_IFMT) == S_IFDIR else { throw .io("\(path) is not a directory") }
            return
        }
        let parent = path.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        if !parent.isEmpty && parent != path { try makeDirectories(parent) }
        guard mkdir(path, 0o755) == 0 || errno == EEXIST else { throw failure("cannot create", path) }
    }

    /// fsync of a folder, so that a rename inside it survives a crash.
    public static func syncDirectory(_ path: String) throws(DataError) {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw failure("cannot open", path) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw failure("cannot sync", path) }
    }

    /// `rm -rf` of a folder eventtop made (files and one level of folders suffice).
    public static func removeTree(_ path: String) {
        for name in (try? names(in: path)) ?? [] {
            let child = path + "/" + name
            if unlink(child) != 0 { removeTree(child) }
        }
        rmdir(path)
    }

    /// The names in a folder, `.` and `..` left out.
    public static func names(in path: String) throws(DataError) -> [String] {
        guard let dir = opendir(path) else { throw failure("cannot list", path) }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) {
                String(cString: $0.bindMemory(to: CChar.self).baseAddress!)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// `what path: reason` from errno.
    static func failure(_ what: String, _ path: String) -> DataError {
        .io("\(what) \(path): \(DataError.systemReason)")
    }
}
