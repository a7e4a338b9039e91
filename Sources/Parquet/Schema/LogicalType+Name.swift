extension LogicalType {
    /// The annotation as parquet.thrift and most tools name it: `STRING`, `DECIMAL(9,2)`,
    /// `TIMESTAMP(MICROS,UTC)`, `INT(16,unsigned)`.
    public var name: String {
        switch self {
        case .string: "STRING"
        case .map: "MAP"
        case .list: "LIST"
        case .enum: "ENUM"
        case .decimal(let scale, let precision): "DECIMAL(\(precision),\(scale))"
        case .date: "DATE"
        case .time(let utc, let unit): "TIME(\(unit),\(utc ? "UTC" : "local"))"
        case .timestamp(let utc, let unit): "TIMESTAMP(\(unit),\(utc ? "UTC" : "local"))"
        case .integer(let bits, let signed): "INT(\(bits),\(signed ? "signed" : "unsigned"))"
        case .null: "UNKNOWN"
        case .json: "JSON"
        case .bson: "BSON"
        case .uuid: "UUID"
        case .float16: "FLOAT16"
        case .other(let id): "unknown logical type \(id)"
        }
    }
}
