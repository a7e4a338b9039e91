import EventModel
import Parquet

extension DataError {
    /// A Parquet file that could not be read, as the history reader reports it: an I/O failure
    /// stays one, anything else in the file is corrupt; the text names file, row group, column
    /// and page as the Parquet reader does.
    init(_ error: ParquetError) {
        self.init(error.kind == .io ? .io : .corrupt, error.description)
    }
}
