#if canImport(Glibc)
import Glibc
#endif

/// `wcwidth` needs a UTF-8 LC_CTYPE, as the program sets one from the environment: suites that
/// measure text assert this first.
public let utf8Locale: Bool = setlocale(LC_CTYPE, "C.UTF-8") != nil
