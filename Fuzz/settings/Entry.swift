import FuzzTargets
#if FUZZING
import CFuzzing

// Built by scripts/fuzz (-sanitize=fuzzer -parse-as-library -D FUZZING): SwiftPM links this
// executable's entry as fuzz_settings_main; it hands over to libFuzzer's driver.
@_cdecl("fuzz_settings_main")
func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzOne(data, size) }
}

/// libFuzzer's callback, also under the name its own main looks for.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    FuzzTargets.settings(UnsafeRawBufferPointer(start: data, count: size))
    return 0
}
#else
/// Built plainly: replays the files named on the command line.
@main
enum Replay {
    static func main() { FuzzMain.replay(CommandLine.arguments, FuzzTargets.settings) }
}
#endif
