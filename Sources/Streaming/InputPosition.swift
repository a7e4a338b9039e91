/// A place in a file input: which file (device, inode) and the byte after the last complete
/// line processed.
struct InputPosition: Sendable, Equatable {
    var device: UInt64 = 0
    var inode: UInt64 = 0
    var offset: Int64 = 0
}
