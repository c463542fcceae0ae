import Foundation
import XDRJSON
import XDRModel
import XDRStore
import XDRTestSupport

/// Writes events into `events` the way the ingest services do: partitions first, then one short
/// tenant-scoped transaction per batch that also notifies `xdr_events`.
enum EventTable {
    /// A provider and tenants (by id), created as the owner.
    static func createTenants(_ tenants: [UUID], in database: TestDatabase) throws {
        let admin = try database.admin()
        let provider = UUID()
        try admin.execute("INSERT INTO providers (id, name) VALUES ($1, $2)", [provider, "mssp-\(provider.uuidString.prefix(8))"])
        for tenant in tenants {
            let slug = "t-" + tenant.uuidString.prefix(8).lowercased()
            try admin.execute("INSERT INTO tenants (id, provider_id, name, slug) VALUES ($1, $2, $3, $4)",
                              [tenant, provider, slug, slug])
        }
    }

    /// Inserts `events` for `tenant` in one transaction and returns their ids in order.
    @discardableResult
    static func insert(_ events: [NormalizedEvent], tenant: UUID, on connection: DatabaseConnection) throws -> [Int64] {
        guard !events.isEmpty else { return [] }
        try ensurePartitions(for: events, on: connection)
        return try connection.withTenantScope([tenant]) { connection in
            let ids = try events.map { try insertRow($0, tenant: tenant, on: connection) }
            try connection.execute("SELECT pg_notify('xdr_events', $1)", [tenant.uuidString.lowercased()])
            return ids
        }
    }

    static func ensurePartitions(for events: [NormalizedEvent], on connection: DatabaseConnection) throws {
        let times = events.map(\.time)
        try connection.execute("SELECT xdr_ensure_event_partitions($1, $2)", [Micros(times.min()!), Micros(times.max()!)])
    }

    /// One row, inside a transaction the caller scoped to `tenant`.
    static func insertRow(_ event: NormalizedEvent, tenant: UUID, on connection: DatabaseConnection) throws -> Int64 {
        let entities = JSONValue.array(event.entities.map { entity in
            .object(JSONObject([
                "type": .string(entity.type.rawValue), "value": .string(entity.value),
                "role": .string(entity.role.rawValue), "original": .optional(entity.original),
            ]))
        })
        let hashes = JSONObject(event.fileHashes.sorted { $0.key < $1.key }.map { JSONObject.Member(key: $0.key, value: .string($0.value)) })
        let fingerprint = ByteA((0..<16).map { _ in UInt8.random(in: 0...255) })
        let parameters: [any PostgresEncodable] = [
            tenant, Micros(event.time), event.layer.rawValue, event.kind.rawValue, event.classUID, event.activityID,
            event.typeUID, event.categoryUID, event.severity.rawValue, event.sourceProduct, event.sourceFormat,
            event.sourceEventID, event.title, event.ruleID, event.attackTechniques, event.attackTactics, event.outcome,
            event.hostname, event.srcIP, event.srcPort, event.dstIP, event.dstPort, event.networkProtocol, event.userName,
            event.emailFrom, event.emailTo, event.emailSubject, event.emailMessageID, event.processImage,
            event.processCommandLine, event.processPID, event.processGUID, event.parentProcessImage, event.parentProcessGUID,
            event.filePath, JSONWriter.serialize(.object(hashes)), event.domain, event.url, event.cloudAccount,
            event.cloudRegion, event.cloudPrincipal, event.cloudAccessKeyID, event.apiOperation, event.k8sNamespace,
            event.k8sPod, event.k8sServiceAccount, event.entityKeys, JSONWriter.serialize(entities),
            JSONWriter.serialize(.object(event.details)), fingerprint, event.raw,
        ]
        let placeholders = (1...parameters.count).map { "$\($0)" }.joined(separator: ", ")
        let rows = try connection.query("""
            INSERT INTO events (tenant_id, time, layer, kind, class_uid, activity_id, type_uid, category_uid, severity_id,
                source_product, source_format, source_event_id, title, rule_id, attack_techniques, attack_tactics, outcome,
                hostname, src_ip, src_port, dst_ip, dst_port, protocol, user_name, email_from, email_to, email_subject,
                email_message_id, process_image, process_cmdline, process_pid, process_guid, parent_image, parent_guid,
                file_path, file_hashes, domain, url, cloud_account, cloud_region, cloud_principal, cloud_access_key,
                api_operation, k8s_namespace, k8s_pod, k8s_service_account, entity_keys, entities, details, fingerprint, raw)
            VALUES (\(placeholders))
            RETURNING id
            """, parameters)
        return try rows[0].int64("id")
    }
}
