import XDRJSON
import XDRStore

/// The columns of `events` the API shows and their JSON form: the normalised fields, the
/// entities, and `original`, the raw record exactly as the source wrote it.
enum EventDocument {
    private static let textColumns = [
        "layer", "kind", "source_product", "source_format", "source_event_id", "title", "rule_id", "outcome",
        "hostname", "src_ip", "dst_ip", "protocol", "user_name", "email_from", "email_subject", "email_message_id",
        "process_image", "process_cmdline", "process_guid", "parent_image", "parent_guid", "file_path", "domain", "url",
        "cloud_account", "cloud_region", "cloud_principal", "cloud_access_key", "api_operation", "k8s_namespace",
        "k8s_pod", "k8s_service_account",
    ]
    private static let integerColumns = ["class_uid", "activity_id", "type_uid", "category_uid", "src_port", "dst_port", "process_pid"]
    private static let arrayColumns = ["attack_techniques", "attack_tactics", "email_to"]

    /// The select list, for a query whose events table is aliased `e`.
    static let columns: String = {
        let plain = (textColumns + integerColumns + arrayColumns).filter { $0 != "src_ip" && $0 != "dst_ip" }.map { "e.\($0)" }
        return (["e.id AS event_id", "e.tenant_id AS event_tenant_id", "e.time", "e.ingested_at", "e.severity_id AS event_severity_id",
                 "host(e.src_ip) AS src_ip", "host(e.dst_ip) AS dst_ip", "e.file_hashes", "e.entities", "e.details", "e.raw"] + plain)
            .joined(separator: ", ")
    }()

    static func json(_ row: Row) throws -> JSONObject {
        let severity = try row.int("event_severity_id")
        var object: JSONObject = [
            "id": try row.jsonInt("event_id"),
            "tenant_id": .id(try row.string("event_tenant_id")),
            "time": try row.jsonTime("time"),
            "ingested_at": try row.jsonTime("ingested_at"),
            "severity_id": .int(severity),
            "severity": .string(SeverityName.name(severity)),
        ]
        for column in textColumns { object[column] = try row.jsonText(column) }
        for column in integerColumns { object[column] = try row.jsonInt(column) }
        for column in arrayColumns { object[column] = try row.jsonStrings(column) }
        object["file_hashes"] = try row.jsonDocument("file_hashes")
        object["entities"] = try row.jsonDocument("entities")
        object["details"] = try row.jsonDocument("details")
        object["original"] = try row.jsonText("raw")
        return object
    }
}
