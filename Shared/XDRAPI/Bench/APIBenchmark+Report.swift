import Foundation
import XDRJSON

extension APIBenchmark.Report {
    /// The p99 targets of the issue, in milliseconds, by request kind.
    public static let targets: [String: Double] = [
        BenchRequest.Kind.list.rawValue: 50, BenchRequest.Kind.detail.rawValue: 100, BenchRequest.Kind.timeline.rawValue: 100,
    ]

    /// Whether every request succeeded and every kind met its p99 target.
    public var passed: Bool { errors.isEmpty && missedTargets.isEmpty }

    /// The kinds whose p99 is above target.
    public var missedTargets: [String] {
        kinds.filter { row in Self.targets[row.kind].map { row.latency.p99 > $0 } ?? false }.map(\.kind)
    }

    private static func ms(_ value: Double) -> String { String(format: value < 10 ? "%.1f" : "%.0f", value) }

    /// The results as Markdown: data size and seeding time, one row per kind, one per variant.
    public var markdown: String {
        var lines: [String] = []
        lines.append("Data: \(shape.tenants) tenants, \(shape.incidents) incidents, \(shape.events) events over \(Int(shape.days)) days; database \(databaseBytes >> 30) GiB (\(databaseBytes >> 20) MiB).")
        lines.append("Seeding: " + seedingSteps.map { "\($0.name) \(String(format: "%.0f", $0.seconds)) s" }.joined(separator: ", ")
                     + "; total \(String(format: "%.0f", seedingSteps.reduce(0) { $0 + $1.seconds })) s.")
        lines.append("Load: \(Int(rate)) requests/s open loop for \(Int(seconds)) s over \(connections) keep-alive connections; latency from each request's scheduled time; longest wait for a free connection \(Self.ms(maximumSendLag)) ms; xdr-api peak RSS \(serverPeakBytes >> 20) MiB.")
        lines.append("Machine during the run: load average \(loadAverage) at the end; some task waited for a CPU \(cpuPressure.map { String(format: "%.0f", $0) } ?? "?") % and for I/O \(ioPressure.map { String(format: "%.0f", $0) } ?? "?") % of the time (Linux pressure stall information).")
        lines.append("")
        lines.append("| request | count | p50 ms | p90 ms | p99 ms | max ms | errors | p99 target |")
        lines.append("|---|---:|---:|---:|---:|---:|---:|---|")
        for row in kinds {
            let target = Self.targets[row.kind].map { "≤ \(Int($0)) ms: " + (row.latency.p99 <= $0 ? "met" : "**missed**") } ?? ""
            lines.append("| \(row.kind) | \(row.latency.count) | \(Self.ms(row.latency.p50)) | \(Self.ms(row.latency.p90)) | \(Self.ms(row.latency.p99)) | \(Self.ms(row.latency.max)) | \(row.errors) | \(target) |")
        }
        lines.append("")
        lines.append("Inside xdr-api (its `/metrics` histogram for the same run, first byte of the request to the end of the response; known to the bucket):")
        lines.append("")
        lines.append("| route | requests | p50 ≤ | p90 ≤ | p99 ≤ |")
        lines.append("|---|---:|---:|---:|---:|")
        for route in ["/v1/incidents", "/v1/incidents/{id}", "/v1/incidents/{id}/events"] {
            func bound(_ percent: Double) -> String {
                guard let seconds = serverSide.percentileBound(percent, route: route) else { return "?" }
                return seconds.isInfinite ? "> 10 s" : "\(Self.ms(seconds * 1000)) ms"
            }
            lines.append("| `\(route)` | \(serverSide.count(route)) | \(bound(50)) | \(bound(90)) | \(bound(99)) |")
        }
        lines.append("")
        lines.append("| variant | count | p50 ms | p90 ms | p99 ms | max ms | errors |")
        lines.append("|---|---:|---:|---:|---:|---:|---:|")
        for row in variants {
            lines.append("| \(row.kind): \(row.label ?? "") | \(row.latency.count) | \(Self.ms(row.latency.p50)) | \(Self.ms(row.latency.p90)) | \(Self.ms(row.latency.p99)) | \(Self.ms(row.latency.max)) | \(row.errors) |")
        }
        if !errors.isEmpty {
            lines.append("")
            lines.append("\(errors.count) failed requests; first: \(errors[0])")
        }
        return lines.joined(separator: "\n")
    }

    /// The query plans as Markdown sections.
    public var plansMarkdown: String {
        plans.map { "#### \($0.title)\n\n```sql\n\($0.statement)\n```\n\n```\n\($0.text)\n```" }.joined(separator: "\n\n")
    }

    /// The figures as JSON, for tooling.
    public var json: JSONValue {
        func row(_ row: APIBenchmark.Row) -> JSONValue {
            ["kind": .string(row.kind), "label": row.label.map { .string($0) } ?? .null, "count": .int(Int64(row.latency.count)),
             "p50_ms": .number(String(row.latency.p50)), "p90_ms": .number(String(row.latency.p90)),
             "p99_ms": .number(String(row.latency.p99)), "max_ms": .number(String(row.latency.max)), "errors": .int(Int64(row.errors))]
        }
        return [
            "tenants": .int(Int64(shape.tenants)), "incidents": .int(Int64(shape.incidents)), "events": .int(Int64(shape.events)),
            "database_bytes": .int(Int64(databaseBytes)), "rate": .number(String(rate)), "seconds": .number(String(seconds)),
            "connections": .int(Int64(connections)),
            "seeding_seconds": .object(JSONObject(seedingSteps.map { .init(key: $0.name, value: .number(String(format: "%.1f", $0.seconds))) })),
            "kinds": .array(kinds.map(row)), "variants": .array(variants.map(row)),
            "errors": .int(Int64(errors.count)), "load_average": .string(loadAverage), "passed": .bool(passed),
            "cpu_pressure_percent": cpuPressure.map { .number(String(format: "%.1f", $0)) } ?? .null,
            "io_pressure_percent": ioPressure.map { .number(String(format: "%.1f", $0)) } ?? .null,
        ]
    }
}
