public enum CSV {
    /// RFC 4180: quote a field holding a comma, quote, CR or LF; double inner quotes.
    public static func quote(_ field: String) -> String {
        guard field.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return field }
        return "\"" + field.replacingAll("\"", with: "\"\"") + "\""
    }
}
