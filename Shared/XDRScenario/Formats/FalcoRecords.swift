/// Falco alerts as `json_output: true` writes them (stdout, file or falcosidekick input).
enum FalcoRecords {
    struct Alert {
        var rule: String
        /// Emergency, Alert, Critical, Error, Warning, Notice, Informational, Debug.
        var priority: String
        /// The rendered text after the time and priority.
        var message: String
        var source = "syscall"
        var tags: [String]
        var hostname: String
        /// `output_fields`, in order; values are strings except where `numbers` names them.
        var fields: [(String, String)]
    }

    static func alert(_ alert: Alert, time: Int64) -> [UInt8] {
        var line = JSONLine(capacity: 1024)
        line.string("hostname", alert.hostname)
        var output = TimeText.string(time, .isoNanos)
        output.removeLast() // Falco renders `…123456789+0000: Priority text`.
        output += "+0000: \(alert.priority) \(alert.message)"
        line.string("output", output)
        line.string("priority", alert.priority)
        line.string("rule", alert.rule)
        line.string("source", alert.source)
        line.strings("tags", alert.tags)
        line.time("time", time, .isoNanos)
        line.object("output_fields") { fields in
            fields.number("evt.time", text: String(time * 1000 + (time % 1_000_000 * 7) % 1000))
            for (key, value) in alert.fields { fields.string(key, value) }
        }
        return line.finish()
    }
}
