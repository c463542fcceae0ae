import Foundation
import XDRHTTP
import XDRJSON

/// Waits for the correlator's incident to appear in the incident API and prints it the way an
/// analyst would first read it: title, severity, layers, kill chain, entities and timeline.
public struct DemoIncidentReport {
    public let api: String
    public let readKey: String
    public let output: (String) -> Void

    public init(api: String, readKey: String, output: @escaping (String) -> Void = { print($0) }) {
        self.api = api
        self.readKey = readKey
        self.output = output
    }

    public struct NoIncident: Error, CustomStringConvertible {
        public let description: String
    }

    /// Polls until an incident with at least `minimumLayers` layers exists (or `timeout` passes).
    public func waitAndPrint(minimumLayers: Int = 3, timeout: Double = 60) throws {
        let deadline = Date().addingTimeInterval(timeout)
        var best: JSONValue?
        while Date() < deadline {
            best = try incidents().max { rank($0) < rank($1) }
            if let best, (best["layers"]?.array?.count ?? 0) >= minimumLayers { break }
            Thread.sleep(forTimeInterval: 0.5)
        }
        guard let summary = best, let id = summary["id"]?.text else {
            throw NoIncident(description: "no incident appeared within \(Int(timeout)) s: see ./xdr logs xdr-correlator")
        }
        let detail = try get("/v1/incidents/\(id)")
        printIncident(detail)
        let events = try get("/v1/incidents/\(id)/events?limit=200")
        printTimeline(events)
        output("\nFull incident: curl -s -H \"Authorization: Bearer <analyst key>\" \(api)/v1/incidents/\(id)")
    }

    private func rank(_ incident: JSONValue) -> (Int, Int) {
        (incident["layers"]?.array?.count ?? 0, incident["severity_id"]?.int ?? 0)
    }

    private func incidents() throws -> [JSONValue] {
        let list = try get("/v1/incidents?limit=20&sort=severity")
        return list["items"]?.array ?? list["incidents"]?.array ?? list["data"]?.array ?? list.array ?? []
    }

    private func get(_ path: String) throws -> JSONValue {
        var headers = HTTPHeaders()
        headers.add("Authorization", "Bearer \(readKey)")
        let response = try HTTPClient.send("GET", url: api + path, headers: headers, timeout: 10)
        guard response.status == 200 else { throw NoIncident(description: "GET \(path) answered \(response.status): \(response.text.prefix(200))") }
        return try JSONParser.parse(response.body)
    }

    private func printIncident(_ incident: JSONValue) {
        let title = incident["title"]?.text ?? "(untitled)"
        let severity = incident["severity"]?.text ?? incident["severity_id"]?.string ?? "?"
        output("\nIncident \(incident["id"]?.text ?? "")")
        output("  \(title)")
        output("  severity \(severity) · status \(incident["status"]?.text ?? "new") · layers \(incident["layers"]?.strings.joined(separator: ", ") ?? "")")
        if let first = incident["first_seen"]?.text, let last = incident["last_seen"]?.text {
            output("  seen \(first) → \(last)")
        }
        let tactics = incident["tactics"]?.strings ?? []
        if !tactics.isEmpty { output("  kill chain: \(tactics.joined(separator: " → "))") }
        let techniques = incident["techniques"]?.strings ?? []
        if !techniques.isEmpty { output("  ATT&CK: \(techniques.joined(separator: ", "))") }
        let entities = incident["entities"]?.array ?? []
        if !entities.isEmpty {
            output("  entities:")
            for entity in entities.prefix(14) {
                let role = entity["role"]?.text ?? ""
                output("    \(role.padding(toLength: 18, withPad: " ", startingAt: 0)) \(entity["type"]?.text ?? ""):\(entity["value"]?.text ?? "")")
            }
        }
        if let radius = incident["blast_radius"], let others = radius["other_recipients"]?.array ?? radius["otherRecipients"]?.array, !others.isEmpty {
            output("  email blast radius: " + others.map { other in
                let actions = other["actions"]?.strings ?? []
                return (other["address"]?.text ?? "?") + (actions.isEmpty ? "" : " (\(actions.joined(separator: ", ")))")
            }.joined(separator: "; "))
        }
    }

    private func printTimeline(_ page: JSONValue) {
        let events = page["items"]?.array ?? page["events"]?.array ?? page.array ?? []
        guard !events.isEmpty else { return }
        output("  timeline (\(events.count) entries; * marks detections, the last column says what linked each one):")
        for event in events.prefix(60) {
            let time = String((event["time"]?.text ?? "").prefix(19)).replacingOccurrences(of: "T", with: " ")
            var layer = event["layer"]?.text ?? ""
            var source = event["source_format"]?.text ?? ""
            var title = event["title"]?.text ?? ""
            var detection = event["kind"]?.text == "detection"
            if let derived = event["derived_detection"] {
                layer = "rule"
                source = derived["rule_id"]?.text.map { String($0.split(separator: ".").last ?? Substring($0)) } ?? "rule"
                title = derived["title"]?.text ?? ""
                detection = true
            }
            // Telemetry titles are generic ("Process created"); add what it was about.
            if !detection, let image = event["process_image"]?.text {
                let name = image.split(whereSeparator: { $0 == "\\" || $0 == "/" }).last.map(String.init) ?? image
                title += ": \(name)"
                if let destination = event["dst_ip"]?.text, event["layer"]?.text == "endpoint" {
                    title += " → \(destination)\(event["dst_port"]?.int.map { ":\($0)" } ?? "")"
                }
            }
            let link = event["link"]
            let why = link?["role"]?.text == "seed" ? "seed" : (link?["entity"]?.text.map { "via \($0)" } ?? link?["reason"]?.text ?? "")
            let columns = [
                time, (detection ? "*" : " "), layer.padding(toLength: 8, withPad: " ", startingAt: 0),
                String(source.prefix(18)).padding(toLength: 18, withPad: " ", startingAt: 0),
                String(title.prefix(58)).padding(toLength: 58, withPad: " ", startingAt: 0), String(why.prefix(48)),
            ]
            output("    " + columns.joined(separator: " "))
        }
    }
}
