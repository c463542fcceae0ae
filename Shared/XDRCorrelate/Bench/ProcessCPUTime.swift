import Foundation

/// CPU time (user and system) spent by processes, read from Linux's /proc: what a benchmark costs
/// in CPU, beside how long it took. On a machine whose cores are all busy, throughput is cores
/// divided by CPU per event, whatever the pipeline overlaps.
public enum ProcessCPUTime {
    /// Seconds of CPU this process has used.
    public static func ofSelf() -> Double { seconds(statPath: "/proc/self/stat") ?? 0 }

    /// Seconds of CPU used by the live processes named `name` (e.g. every PostgreSQL backend and
    /// helper of a server that runs only for the benchmark). Processes that ended are not counted.
    public static func ofProcesses(named name: String) -> Double {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return 0 }
        var total = 0.0
        for entry in entries where entry.allSatisfy(\.isNumber) {
            guard let text = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                  command(in: text).map(String.init) == name, let seconds = seconds(in: text) else { continue }
            total += seconds
        }
        return total
    }

    /// `pid (comm) state ppid … utime stime …`: the name may hold spaces and parentheses, so the
    /// fields are counted after its last ')'.
    static func seconds(in stat: String) -> Double? {
        guard let close = stat.lastIndex(of: ")") else { return nil }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        // After the name: state is field 3 of the line; utime and stime are fields 14 and 15.
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    static func command(in stat: String) -> Substring? {
        guard let open = stat.firstIndex(of: "("), let close = stat.lastIndex(of: ")"), open < close else { return nil }
        return stat[stat.index(after: open)..<close]
    }

    private static func seconds(statPath: String) -> Double? {
        (try? String(contentsOfFile: statPath, encoding: .utf8)).flatMap(seconds(in:))
    }
}
