/// Arrays of trivial values laid out once in memory of their own, for the decoder's hot path
/// (no reference counting, no uniqueness checks). Each buffer has room for at least one element,
/// so its base address is never nil, even for an empty array.
enum FlatMemory {
    static func copy<T>(_ array: [T]) -> UnsafeMutableBufferPointer<T> {
        let buffer = UnsafeMutableBufferPointer<T>.allocate(capacity: max(1, array.count))
        for (i, element) in array.enumerated() { buffer.initializeElement(at: i, to: element) }
        return UnsafeMutableBufferPointer(rebasing: buffer[..<array.count])
    }

    static func free<T>(_ buffer: UnsafeMutableBufferPointer<T>) {
        buffer.baseAddress!.deallocate()
    }
}
