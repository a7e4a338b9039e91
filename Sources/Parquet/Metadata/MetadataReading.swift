/// Checks shared by the metadata structs' readers.
extension Optional {
    /// The value of a required field, or a `.corrupt` error naming the struct and field.
    func required(_ field: String, in type: String) throws(ParquetError) -> Wrapped {
        guard let self else { throw .corrupt("\(type) lacks required field \(field)") }
        return self
    }
}

extension BinaryInteger {
    /// The value, or a `.corrupt` error if it is negative.
    func nonNegative(_ field: String, in type: String) throws(ParquetError) -> Self {
        guard self >= 0 else { throw .corrupt("\(type).\(field) is negative (\(self))") }
        return self
    }
}

extension Optional where Wrapped: BinaryInteger {
    func nonNegative(_ field: String, in type: String) throws(ParquetError) -> Self {
        guard let self else { return nil }
        return try self.nonNegative(field, in: type)
    }
}

extension ThriftCompactReader {
    /// Reads a struct: `field` handles each field header, returning false for fields it does
    /// not know (or of an unexpected type), which are then skipped.
    mutating func readStruct(
        _ field: (inout ThriftCompactReader, ThriftFieldHeader) throws(ParquetError) -> Bool
    ) throws(ParquetError) {
        try readStructBegin()
        while let header = try readFieldHeader() {
            if try !field(&self, header) { try skip(header.type) }
        }
        readStructEnd()
    }

    /// Reads a union: the first member `member` knows gives the value; a union whose members
    /// are all unknown gives `unknown` of the first member's id.
    mutating func readUnion<T>(
        _ name: String,
        member: (inout ThriftCompactReader, ThriftFieldHeader) throws(ParquetError) -> T?,
        unknown: (Int16) -> T
    ) throws(ParquetError) -> T {
        var value: T?
        var firstID: Int16?
        try readStruct { (reader, header) throws(ParquetError) in
            if firstID == nil { firstID = header.id }
            guard value == nil, let known = try member(&reader, header) else { return false }
            value = known
            return true
        }
        if let value { return value }
        guard let firstID else { throw .corrupt("empty \(name) union") }
        return unknown(firstID)
    }

    /// Reads an empty marker struct (such as `StringType`), skipping any fields it has.
    mutating func readEmptyStruct() throws(ParquetError) {
        try skip(.struct)
    }
}

extension ThriftCompactWriter {
    mutating func writeEmptyStructField(_ id: Int16) {
        writeStructField(id) { _ in }
    }

    mutating func writeEnumField(_ id: Int16, _ value: some ThriftEnum) {
        writeI32Field(id, value.rawValue)
    }
}
