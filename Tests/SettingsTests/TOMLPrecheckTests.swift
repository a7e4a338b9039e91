@testable import Settings
import Testing

/// What must be refused before toml++ sees it (it aborts on these), and what must pass through
/// to it untouched (valid TOML whose lines start with `[` inside values and strings).
@Suite struct TOMLPrecheckTests {
    @Test(arguments: [
        ("[\u{12}", 1, "U+0012"),
        ("a = 1\n[#1#2\nd", 2, "saw '#'"),
        ("[\n", 1, "the end of the line"),
        ("[[ #x\n", 1, "saw '#'"),
        ("[ é]\n", 1, "needs a name"),
        ("a = \"x\u{0}\"", 1, "U+0000"),
        ("a = 1\r\nb = 2\r", 2, "U+000D"),
        ("a = 1\nb = '\u{7F}'", 2, "U+007F"),
    ])
    func refused(text: String, line: Int, words: String) {
        let problem = TOMLPrecheck.firstProblem(in: text)
        #expect(problem?.line == line)
        #expect(problem?.message.contains(words) == true, "\(problem?.message ?? "none")")
        // And ConfigFile says so with the file and line, instead of aborting.
        #expect(failure(text).hasPrefix("/c/config.toml:\(line): "))
    }

    @Test(arguments: [
        "window = \"1m\"\n[live]\nfollow = true\n",
        "[[a]]\nb = 1\n[ \"quoted #\" ]\n['lit']\n[ _x.y-z ]\n",
        "m = [\n[#comment\n1, 2],\n[3],\n]\n",
        "s = \"\"\"\n[#not a header\n\\\"\"\"\"\"\n[t]\n",
        "l = '''\n[\n'''\n",
        "i = { a = [ 1 ] }\n# [#\n",
        "a = 1\r\nb = \"tab\there\"\r\n",
        "[]\n",
    ])
    func passedOn(text: String) {
        #expect(TOMLPrecheck.firstProblem(in: text) == nil)
    }
}

/// Input toml++ aborts on that the precheck does not know: refused all the same, in one line.
@Suite struct TOMLParseGuardTests {
    @Test(arguments: ["ar = [1, 2.5,\n }i", "a = [1,\u{2028}2]"])
    func abortsAreCaught(text: String) {
        #expect(TOMLPrecheck.firstProblem(in: text) == nil)
        #expect(TOMLParseGuard.trial(text) == .died)
        #expect(failure(text) == "/c/config.toml: not valid TOML (the TOML parser gave up on it without saying where; look for a stray bracket, brace or unusual space)")
    }

    @Test func validAndInvalidTextSurvive() {
        #expect(TOMLParseGuard.trial("a = 1\n[t]\nb = [1, 2]\n") == .survived)
        #expect(TOMLParseGuard.trial("a = = 1\n") == .survived)
    }
}
