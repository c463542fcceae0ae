import Foundation

/// CPU time (user and system) spent by processes, read from Linux's /proc: what a benchmark costs
/// in CPU, beside how long it took. On a machine whose cores are all busy, throughput is cores
/// divided by CPU per event, whatever the pipeline overlaps.
public enum ProcessCPUTime {
    /// Seconds of CPU this process has used.
    public static func ofSelf() -> Double { seconds(statPath: "/proc/self/stat") ?? 0 }

    /// Seconds of CPU the calling thread has used.
    public static func ofThisThread() -> Double {
        var now = timespec()
        guard clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now) == 0 else { return 0 }
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1_000_000_000
    }

    /// Seconds of CPU used so far by each live process named `name`, by process id (e.g. every
    /// PostgreSQL backend and helper of a server that runs only for the benchmark).
    public static func byProcess(named name: String) -> [Int: Double] {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return [:] }
        var found: [Int: Double] = [:]
        for entry in entries {
            guard let pid = Int(entry), let text = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                  command(in: text).map(String.init) == name, let seconds = seconds(in: text) else { continue }
            found[pid] = seconds
        }
        return found
    }

    /// CPU used between two `byProcess` snapshots: each process's growth, all of it for a process
    /// that started in between. A process that ended in between is not counted (taking the
    /// totals instead counted a busy connection that closed as negative time).
    public static func used(from start: [Int: Double], to end: [Int: Double]) -> Double {
        end.reduce(0) { total, process in total + process.value - (start[process.key] ?? 0) }
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
