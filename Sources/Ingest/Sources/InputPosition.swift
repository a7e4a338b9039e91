/// A place in a file input: which file (device, inode) and the byte after the last complete
/// line processed.
public struct InputPosition: Sendable, Equatable {
    public var device: UInt64 = 0
    public var inode: UInt64 = 0
    public var offset: Int64 = 0

    public init(device: UInt64 = 0, inode: UInt64 = 0, offset: Int64 = 0) {
        self.device = device
        self.inode = inode
        self.offset = offset
    }
}
