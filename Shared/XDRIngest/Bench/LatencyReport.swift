import Foundation
import XDRCore

/// What one latency run measured.
public struct LatencyReport: Sendable {
    /// Background events per second asked for.
    public var offeredRate: Int
    public var seconds: Double
    /// Background lines acknowledged per second, from the scheduled start to the last answer.
    public var achievedRate: Double
    public var acknowledgedLines: Int
    /// Scheduled background lines not sent by the end of the run (the services fell behind).
    public var unsentLines: Int
    /// Events in the database after the run (background, probes).
    public var storedEvents: Int
    /// Events the correlator had decided when the run ended (its checkpoint's count).
    public var decidedEvents: Int
    /// Size of the engine state last saved with the checkpoint (its JSON text).
    public var engineStateBytes: Int
    /// Incidents not merged into another.
    public var incidents: Int
    /// How late (seconds) the most delayed background batch was sent: above a second or so, the
    /// services did not keep up and the offered rate was not really offered.
    public var worstSendDelay: Double
    public var failures: [String]
    /// Acknowledgement → visible, seconds, for the probes seen in time.
    public var latencies: LatencySummary
    public var probes: Int
    /// Probes acknowledged but never seen in time, or never acknowledged.
    public var missing: [Int]
    /// Age (seconds) of the oldest committed event the correlator had not yet decided, sampled
    /// twice a second: the correlator's backlog in time.
    public var correlatorLagMaximum: Double
    public var correlatorLagMean: Double
    public var correlatorLagSamples: Int

    /// Every probe seen in time and nothing failed.
    public var passed: Bool { missing.isEmpty && failures.isEmpty && latencies.count == probes }

    /// A Markdown table row set with the figures, then any failures.
    public var markdown: String {
        func ms(_ value: Double?) -> String { value.map { String(format: "%.0f ms", $0 * 1000) } ?? "–" }
        var lines = [
            "| offered events/s | achieved events/s | seconds | probes seen | p50 | p90 | p99 | max | correlator lag mean / max | worst send delay |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
            "| \(offeredRate) | \(Int(achievedRate)) | \(Int(seconds)) | \(latencies.count) / \(probes) | \(ms(latencies.median)) | \(ms(latencies.percentile(90))) "
                + "| \(ms(latencies.percentile(99))) | \(ms(latencies.maximum)) | "
                + String(format: "%.1f / %.1f s", correlatorLagMean, correlatorLagMaximum) + " | " + String(format: "%.2f s", worstSendDelay) + " |",
            "",
            "\(acknowledgedLines) background events acknowledged, \(unsentLines) not sent by the end of the run, \(storedEvents) events stored, \(decidedEvents) decided by the correlator "
                + "when the run ended, \(incidents) incidents, engine state last saved \(engineStateBytes >> 20) MiB.",
        ]
        if !missing.isEmpty { lines.append("probes never seen within the time limit: \(missing.map(String.init).joined(separator: ", "))") }
        for failure in failures.prefix(10) { lines.append("failure: \(failure)") }
        if failures.count > 10 { lines.append("… and \(failures.count - 10) more failures") }
        return lines.joined(separator: "\n")
    }
}
