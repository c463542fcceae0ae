import Foundation
import Testing
import XDRCorrelate
import XDRModel
import XDRScenario
import XDRStore
import XDRTestSupport

/// The generated attacks, hidden in benign noise and benign alerts, go through the real ingestion
/// services into PostgreSQL and through the correlator; the incidents are then scored against the
/// generator's ground truth.
@Suite struct ScenarioQualityTests {
    struct StoredEvent { let id: Int64; let tenant: UUID; let kind: String }

    @Test func attacksBecomeOneIncidentEachAndNothingElseLeaks() throws {
        let tenants = ["tenant-a", "tenant-b"]
        let database = try TestDatabase("quality")
        let cluster = try IngestCluster(database: database, tenantLabels: tenants)
        defer { cluster.shutdown() }
        let dataset = try ScenarioGenerator(seed: 42).build(ScenarioKind.allCases, tenants: tenants, noise: .light)

        // Shippers deliver late and out of order across layers: post in arrival order.
        for batch in dataset.batches.sorted(by: { $0.arrivesAt < $1.arrivesAt }) {
            let answer = try cluster.post(layer: batch.layer, path: batch.path, tenant: batch.tenant, body: batch.body)
            #expect(answer.status == 200, "\(batch.path) for \(batch.tenant): \(answer.text.prefix(300))")
        }

        // Onboarding: the MSSP enters each customer's NetBIOS → DNS domain map, without which
        // `CORP\alice` on an endpoint and `alice@corp.example` in mail and SSO cannot be one person.
        let company = SyntheticCompany(tenant: tenants[0])
        for tenant in cluster.tenants.values {
            try database.admin().execute("INSERT INTO tenant_correlation_config (tenant_id, config) VALUES ($1, $2::jsonb)",
                                         [tenant, "{\"userDomains\": {\"\(company.netbios)\": \"\(company.domain)\"}}"])
        }

        let connection = try database.app()
        for tenant in cluster.tenants.values {
            let correlator = TenantCorrelator(tenant: tenant)
            while true {
                let outcome = try correlator.processBatch(on: connection)
                // A skipped row is an event the correlator never saw.
                #expect(outcome.skipped.isEmpty, "rows the correlator could not read: \(outcome.skipped)")
                if outcome.rows == 0 { break }
            }
        }

        let admin = try database.admin()
        var eventsByRecord: [String: [StoredEvent]] = [:]
        var tenantOfEvent: [Int64: UUID] = [:]
        var detections = 0
        for row in try admin.query("SELECT id, tenant_id, source_format, raw, kind FROM events") {
            let event = StoredEvent(id: try row.int64("id"), tenant: try row.uuid("tenant_id"), kind: try row.string("kind"))
            eventsByRecord[Self.key(event.tenant, try row.string("source_format"), try row.string("raw")), default: []].append(event)
            tenantOfEvent[event.id] = event.tenant
            if event.kind == "detection" { detections += 1 }
        }
        var membersOf: [UUID: Set<Int64>] = [:]
        for row in try admin.query("""
            SELECT m.incident_id, m.event_id FROM incident_members m JOIN incidents i ON i.id = m.incident_id
            WHERE i.redirected_to IS NULL AND m.event_id IS NOT NULL
            """) {
            membersOf[try row.uuid("incident_id"), default: []].insert(try row.int64("event_id"))
        }
        var severityOf: [UUID: Int] = [:]
        var titleOf: [UUID: String] = [:]
        for row in try admin.query("SELECT id, severity_id, title FROM incidents WHERE redirected_to IS NULL") {
            severityOf[try row.uuid("id")] = try row.int("severity_id")
            titleOf[try row.uuid("id")] = try row.string("title")
        }

        func eventIDs(_ references: [RecordReference]) -> (found: Set<Int64>, missing: Int) {
            var found = Set<Int64>()
            var missing = 0
            for reference in references {
                guard let tenant = cluster.tenants[reference.tenant],
                      let events = eventsByRecord[Self.key(tenant, reference.format, reference.line)] else { missing += 1; continue }
                found.formUnion(events.map(\.id))
            }
            return (found, missing)
        }

        let diagnostics = try QualityDiagnostics(admin)
        var attackIncident: [String: UUID] = [:]
        for attack in dataset.truth.attacks {
            let (members, missing) = eventIDs(attack.members)
            #expect(missing == 0, "\(attack.id): \(missing) ground-truth records were not stored")
            let touching = membersOf.filter { !$0.value.isDisjoint(with: members) }
            let best = touching.max { $0.value.intersection(members).count < $1.value.intersection(members).count }
            guard let (incident, incidentMembers) = best else {
                Issue.record("\(attack.id): no incident holds any of its \(members.count) events")
                continue
            }
            attackIncident[attack.id] = incident
            let overlap = Double(incidentMembers.intersection(members).count)
            let coverage = overlap / Double(max(1, members.count))
            let purity = overlap / Double(max(1, incidentMembers.count))
            print("quality \(attack.id): \(touching.count) incident(s), coverage \(String(format: "%.1f", coverage * 100))%, purity \(String(format: "%.1f", purity * 100))%, severity \(severityOf[incident] ?? -1), \"\(titleOf[incident] ?? "")\"")
            if touching.count != 1 || coverage < 0.95 || purity < 0.95 {
                for line in diagnostics.report(attack: attack.id, incident: incident, members: members, incidentMembers: incidentMembers) {
                    print(line)
                }
            }
            #expect(touching.count == 1, "\(attack.id): its events are spread over \(touching.count) incidents")
            #expect(coverage >= 0.95, "\(attack.id): the incident holds \(Int(overlap)) of \(members.count) attack events")
            #expect(purity >= 0.95, "\(attack.id): \(incidentMembers.count - Int(overlap)) of \(incidentMembers.count) incident events are not part of the attack")
            #expect((severityOf[incident] ?? 0) >= attack.minimumSeverity.rawValue, "\(attack.id): severity \(severityOf[incident] ?? 0) below \(attack.minimumSeverity)")
        }

        // Tenants never mix: every member belongs to its incident's tenant.
        let crossTenant = try admin.query("""
            SELECT count(*) AS n FROM incident_members m JOIN incidents i ON i.id = m.incident_id
            JOIN events e ON e.id = m.event_id WHERE e.tenant_id <> i.tenant_id OR m.tenant_id <> i.tenant_id
            """).first?.int("n")
        #expect(crossTenant == 0)

        // Benign alerts never sit in High or Critical incidents.
        let (benign, _) = eventIDs(dataset.truth.benignAlerts)
        for (incident, members) in membersOf where (severityOf[incident] ?? 0) >= Severity.high.rawValue {
            let leaked = members.intersection(benign)
            #expect(leaked.isEmpty, "\(leaked.count) benign alerts in the severity-\(severityOf[incident] ?? 0) incident \"\(titleOf[incident] ?? "")\"")
        }

        // IP reuse after a DHCP change, and similar traps, must not join.
        for forbidden in dataset.truth.forbiddenLinks {
            guard let incident = attackIncident[forbidden.attackID] else { continue }
            let (records, _) = eventIDs([forbidden.record])
            #expect(membersOf[incident, default: []].isDisjoint(with: records), "forbidden link: \(forbidden.reason)")
        }

        // The rest: benign alerts and noise that seeded incidents of their own.
        let attackIncidents = Set(attackIncident.values)
        for (incident, title) in titleOf.sorted(by: { $0.value < $1.value }) where !attackIncidents.contains(incident) {
            print("quality other: severity \(severityOf[incident] ?? -1), \(membersOf[incident, default: []].count) event(s), \"\(title)\"")
        }
        let incidents = severityOf.count
        print("quality: \(detections) detections became \(incidents) incidents (compression \(String(format: "%.1f", Double(detections) / Double(max(1, incidents))))x), \(tenantOfEvent.count) events stored")
    }

    static func key(_ tenant: UUID, _ format: String, _ raw: String) -> String { "\(tenant)|\(format)|\(raw)" }
}
