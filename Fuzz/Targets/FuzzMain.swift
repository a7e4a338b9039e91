import Foundation

/// The fuzz executables built plainly (not by `scripts/fuzz`): each file named on the command
/// line goes through the target once, as a replay of a corpus or a crash.
public enum FuzzMain {
    public static func replay(_ arguments: [String], _ target: (UnsafeRawBufferPointer) -> Void) {
        for path in arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else {
                FileHandle.standardError.write(Data("\(path): cannot read\n".utf8))
                exit(1)
            }
            data.withUnsafeBytes(target)
            print("\(path): ok")
        }
    }
}
