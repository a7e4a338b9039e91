#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one error type of the data layers (Ingest, DailyFacts, Live, History, Demo): what failed
/// and where, in the shape `ParquetError` has for the file format — a kind, a message, and a
/// context path, outermost first. The executable maps kinds to exit statuses in one place.
public struct DataError: Error, CustomStringConvertible, Equatable, Sendable {
    public enum Kind: Sendable, Equatable {
        /// A file, folder or pipe could not be opened, listed, read, written or synced.
        case io
        /// Stored bytes contradict their format (a checkpoint, a partition's rows).
        case corrupt
        /// The request cannot be served as asked (`--follow` on standard input).
        case usage
        /// A number does not fit where it must be exact (a 64-bit sum).
        case overflow
        /// Valid, but not something eventtop reads (a nested or encrypted column).
        case unsupported
    }

    public var kind: Kind
    public var message: String
    /// Outermost first: `["checkpoint /data/.eventtop-checkpoint-1f", "rollup"]`.
    public var context: [String]

    public init(_ kind: Kind, _ message: String, context: [String] = []) {
        self.kind = kind
        self.message = message
        self.context = context
    }

    public static func io(_ message: String, _ context: String...) -> DataError { .init(.io, message, context: context) }
    public static func corrupt(_ message: String, _ context: String...) -> DataError {
        .init(.corrupt, message, context: context)
    }

    /// The same error, located inside `place` (added as the new outermost context).
    public func within(_ place: String) -> DataError {
        var copy = self
        copy.context.insert(place, at: 0)
        return copy
    }

    /// `checkpoint /data/.eventtop-checkpoint-1f: ends early`
    public var description: String { (context + [message]).joined(separator: ": ") }
}

extension DataError {
    /// The C library's text for `errno` now (`No such file or directory`).
    public static var systemReason: String { String(cString: strerror(errno)) }
}
