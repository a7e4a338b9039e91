import EventModel
@testable import Settings
import Testing

/// A catalog shaped like eventtop's: options, flags, a repeatable option, two commands
/// sharing a name.
let catalog = OptionCatalog(commands: [
    "live": [OptionSpec(name: "window", isFlag: false, defaultValue: "1m"), OptionSpec(name: "follow", isFlag: true),
             OptionSpec(name: "field", isFlag: false, isRepeating: true), OptionSpec(name: "error", isFlag: false, isRepeating: true),
             OptionSpec(name: "error-types", isFlag: false), OptionSpec(name: "theme", isFlag: false),
             OptionSpec(name: "max-tenants", isFlag: false, defaultValue: "10000"), OptionSpec(name: "format", isFlag: false, defaultValue: "table")],
    "history": [OptionSpec(name: "format", isFlag: false, defaultValue: "table"), OptionSpec(name: "from", isFlag: false)],
])

func file(_ text: String) throws(DataError) -> ConfigFile { try ConfigFile(path: "/c/config.toml", text: text, catalog: catalog) }

func failure(_ text: String) -> String {
    do {
        _ = try file(text)
        return "no error"
    } catch {
        #expect(error.kind == .usage)
        return error.message
    }
}

@Suite struct ConfigFileTests {
    @Test func optionsTablesAndFields() throws {
        let f = try file("""
            # comment
            window = "5m"
            follow = true
            max-tenants = 500
            error = ["status>=500", "level=fatal"]

            [fields]
            tenant_id = "context.groupId"
            ts = "timestamp"

            [history]
            format = "csv"
            from = 2026-11-01
            """)
        #expect(f.settings.map(\.option) == ["window", "follow", "max-tenants", "error", "field", "field", "format", "from"])
        #expect(f.settings.map(\.line) == [2, 3, 4, 5, 8, 9, 12, 13])
        #expect(f.settings[2].value == .values(["500"]))
        #expect(f.settings[3].value == .values(["status>=500", "level=fatal"]))
        #expect(f.settings[4].value == .values(["tenant_id=context.groupId"]))
        #expect(f.settings[7].value == .values(["2026-11-01"]) && f.settings[7].command == "history")
    }

    @Test func everyMistakeNamesItsLine() {
        #expect(failure("window = \"5m\"\nwindow = \"6m\"\n").hasPrefix("/c/config.toml:2: "))
        #expect(failure("a = = 1").hasPrefix("/c/config.toml:1: "))
        #expect(failure("\nwindw = \"5m\"") == "/c/config.toml:2: unknown setting 'windw': not an option of any eventtop command")
        #expect(failure("follow = \"yes\"") == "/c/config.toml:1: follow is a flag: true or false")
        #expect(failure("x = 1\n").contains(":1: unknown setting 'x'"))
        #expect(failure("window = true").contains(":1: window takes a value, not true or false"))
        #expect(failure("window = [\"1m\", \"2m\"]").contains(":1: window takes one value, not a list"))
        #expect(failure("error = [{a = 1}]").contains(":1: error: a list of strings or numbers"))
        #expect(failure("[nope]\nwindow = \"1m\"").contains(":1: unknown table [nope]"))
        #expect(failure("[history]\n\nwindow = \"1m\"") == "/c/config.toml:3: eventtop history has no option --window")
        #expect(failure("[fields]\ntenant = \"a\"").contains(":2: [fields] has tenant: use tenant_id, event_type, ts, session_id"))
        #expect(failure("[fields]\nts = 5").contains(":2: ts must be a path in quotes"))
        #expect(failure("fields = 1").contains(":1: fields must be a table"))
    }

    @Test func dottedKeysAndQuotedKeysFindTheirLines() throws {
        let f = try file("window = \"1m\"\nhistory.format = \"json\"\n\"theme\" = \"nord\"\n")
        #expect(f.settings.first { $0.option == "format" }?.line == 2)
        #expect(f.settings.first { $0.option == "theme" }?.line == 3)
    }

    @Test func catalogFromTheParsersDescription() throws {
        let json = #"""
            {"command":{"commandName":"eventtop","subcommands":[{"commandName":"live","arguments":[
              {"kind":"option","names":[{"kind":"long","name":"window"}],"defaultValue":"1m","isRepeating":false},
              {"kind":"flag","names":[{"kind":"long","name":"follow"}],"isRepeating":false},
              {"kind":"option","names":[{"kind":"long","name":"error"}],"isRepeating":true},
              {"kind":"option","names":[{"kind":"long","name":"config"}],"isRepeating":false},
              {"kind":"flag","names":[{"kind":"short","name":"h"},{"kind":"long","name":"help"}]},
              {"kind":"positional","isRepeating":true}]}]}}
            """#
        let parsed = try OptionCatalog(dumpHelp: json)
        #expect(parsed.options(of: "live") == [OptionSpec(name: "window", isFlag: false, defaultValue: "1m"),
                                                OptionSpec(name: "follow", isFlag: true),
                                                OptionSpec(name: "error", isFlag: false, isRepeating: true)])
        #expect(throws: DataError.self) { try OptionCatalog(dumpHelp: "not json") }
    }
}

@Suite struct CommandSettingsTests {
    let f = try! file("""
        window = "5m"
        follow = true
        error = ["status>=500"]
        format = "csv"
        [fields]
        tenant_id = "org"
        ts = "time"
        [live]
        format = "ndjson"
        """)

    @Test func theFileGoesFirstAndTheCommandLineWins() {
        let s = CommandSettings(command: "live", commandLine: ["--window", "10s", "--field", "ts=when", "x"], file: f,
                                catalog: catalog)
        #expect(s.arguments == ["--follow", "--field", "tenant_id=org", "--error", "status>=500", "--format", "ndjson",
                                "--window", "10s", "--field", "ts=when", "x"])
        let rows = s.inForce().map { "\($0.option) \($0.value) \($0.source)" }
        #expect(rows.contains("window 10s command line"))
        #expect(rows.contains("follow on /c/config.toml:2"))
        #expect(rows.contains("field ts=when command line") && rows.contains("field tenant_id=org /c/config.toml:6"))
        #expect(!rows.contains { $0.hasPrefix("field ts=time") })
        #expect(rows.contains("format ndjson /c/config.toml:9"), "a command's table wins over the top")
        #expect(rows.contains("max-tenants 10000 default") && rows.contains("theme (none) default"))
    }

    @Test func rulesOnTheCommandLineReplaceTheFilesRules() {
        let s = CommandSettings(command: "live", commandLine: ["--error-types=fatal"], file: f, catalog: catalog)
        #expect(!s.arguments.contains("status>=500"))
        #expect(s.arguments.suffix(1) == ["--error-types=fatal"])
    }

    @Test func otherCommandsTakeOnlyTheirOptions() {
        let s = CommandSettings(command: "history", commandLine: [], file: f, catalog: catalog)
        #expect(s.arguments == ["--format", "csv"])
    }

    @Test func complaintsAboutFileValuesNameTheLine() {
        let s = CommandSettings(command: "live", commandLine: ["--theme", "x"], file: f, catalog: catalog)
        #expect(s.blame("The value '5m' is invalid for '--window <duration>'") == "/c/config.toml:1: The value '5m' is invalid for '--window <duration>'")
        #expect(s.blame("--theme: unknown theme") == nil, "the command line's own option")
        #expect(s.blame("--window-size is odd") == nil)
        #expect(CommandSettings(command: "live", commandLine: [], file: nil, catalog: catalog).blame("--window") == nil)
    }

    @Test func noFileMeansDefaults() {
        let s = CommandSettings(command: "live", commandLine: ["--follow"], file: nil, catalog: catalog)
        #expect(s.arguments == ["--follow"])
        #expect(s.inForce().first { $0.option == "window" }.map { "\($0.value) \($0.source)" } == "1m default")
    }
}
