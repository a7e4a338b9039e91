import ArgumentParser

/// `--config FILE`, on every command the settings file serves (read before parsing: see main).
struct ConfigArguments: ParsableArguments {
    @Option(help: ArgumentHelp("Settings file (default $XDG_CONFIG_HOME/eventtop/config.toml); the command line wins over it. eventtop config shows what is in force.",
                               valueName: "file"))
    var config: String?
}
