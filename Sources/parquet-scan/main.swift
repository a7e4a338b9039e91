// parquet-scan: the Parquet benchmark's reader side. Reads tenant_id, total_events and
// error_events from every .parquet file under a folder and prints the sums per tenant, as
// `SELECT tenant_id, sum(total_events), sum(error_events) … GROUP BY tenant_id` would.
import EventModel
import Foundation
import Parquet

guard CommandLine.arguments.count == 2 else {
    FileHandle.standardError.write(Data("usage: parquet-scan FOLDER\n".utf8))
    exit(2)
}
/// Every `.parquet` file below `folder`, by a readdir walk that trusts d_type (no stat per entry).
func parquetFiles(below folder: String) -> [String] {
    guard let dir = opendir(folder) else { return [] }
    defer { closedir(dir) }
    var found: [String] = []
    while let entry = readdir(dir) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
        if name.hasPrefix(".") || name.hasPrefix("_") { continue }
        let path = folder + "/" + name
        var type = Int32(entry.pointee.d_type)
        if type == Int32(DT_UNKNOWN) {
            // Some file systems do not say: ask.
            var st = stat()
            guard stat(path, &st) == 0 else { continue }
            type = (st.st_mode & S_IFMT) == S_IFDIR ? Int32(DT_DIR) : (st.st_mode & S_IFMT) == S_IFREG ? Int32(DT_REG) : 0
        }
        switch type {
        case Int32(DT_DIR): found += parquetFiles(below: path)
        case Int32(DT_REG) where name.hasSuffix(".parquet"): found.append(path)
        default: break
        }
    }
    return found
}
var files = parquetFiles(below: CommandLine.arguments[1])
files.sort()

struct Sums { var total: Int64 = 0; var errors: Int64 = 0 }
var sums: [String: Sums] = [:]

func integers(_ values: ColumnValues) -> [Int64] {
    switch values {
    case .int64(let v): return v
    case .int32(let v): return v.map(Int64.init)
    default: return []
    }
}

do {
    for path in files {
        let reader = try ParquetFileReader(path: path)
        let wanted = [FactEventsDaily.tenantID, FactEventsDaily.totalEvents, FactEventsDaily.errorEvents].map { name in
            reader.schema.columns.first { $0.name == name }
        }
        guard let tenant = wanted[0], let total = wanted[1], let errors = wanted[2] else {
            FileHandle.standardError.write(Data("\(path): missing columns\n".utf8))
            exit(1)
        }
        for group in 0..<reader.rowGroupCount {
            let t = try reader.readColumn(tenant, rowGroup: group, keepDictionary: true)
            let n = integers(try reader.readColumn(total, rowGroup: group).materialized)
            let e = integers(try reader.readColumn(errors, rowGroup: group).materialized)
            guard t.present == nil, n.count == t.rowCount, e.count == t.rowCount else {
                FileHandle.standardError.write(Data("\(path): nulls or uneven columns\n".utf8))
                exit(1)
            }
            if let (dictionary, indices) = t.dictionary, case .bytes(let names) = dictionary {
                // Sum per dictionary entry, then name each entry once.
                var local = [Sums](repeating: Sums(), count: names.count)
                for i in 0..<indices.count {
                    local[Int(indices[i])].total &+= n[i]
                    local[Int(indices[i])].errors &+= e[i]
                }
                for k in 0..<names.count where local[k].total != 0 || local[k].errors != 0 {
                    let name = String(decoding: names[k], as: UTF8.self)
                    sums[name, default: Sums()].total += local[k].total
                    sums[name, default: Sums()].errors += local[k].errors
                }
            } else if case .bytes(let names) = t.values {
                for i in 0..<n.count {
                    let name = String(decoding: names[i], as: UTF8.self)
                    sums[name, default: Sums()].total += n[i]
                    sums[name, default: Sums()].errors += e[i]
                }
            }
        }
    }
} catch {
    FileHandle.standardError.write(Data("parquet-scan: \(error)\n".utf8))
    exit(1)
}
for (name, s) in sums.sorted(by: { $0.key < $1.key }) { print("\(name),\(s.total),\(s.errors)") }
