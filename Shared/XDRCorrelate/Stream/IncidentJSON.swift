import Foundation
import XDRJSON

/// The incident tables' JSON columns written directly, in the shape `Codable` gives these types
/// (property names as keys, absent optionals left out, UUIDs as their strings), so `JSONDecoder`
/// reads them back as they were. Foundation's `JSONEncoder` was four fifths of the writer's own
/// time: every busy incident's snapshot and entity list went through it with every batch.
enum IncidentJSON {
    /// The stored snapshot (`IncidentSnapshot.stored`: no members, entities or blast radius).
    static func stored(_ snapshot: IncidentSnapshot) -> String {
        var object = ObjectWriter()
        object.string("id", snapshot.id.uuidString)
        object.string("tenantID", snapshot.tenantID.uuidString)
        object.string("seedKey", snapshot.seedKey)
        object.string("title", snapshot.title)
        object.integer("severity", Int64(snapshot.severity.rawValue))
        object.integer("firstSeen", snapshot.firstSeen)
        object.integer("lastSeen", snapshot.lastSeen)
        object.strings("layers", snapshot.layers.map(\.rawValue))
        object.strings("tactics", snapshot.tactics)
        object.strings("techniques", snapshot.techniques)
        object.raw("entities", "[]")
        object.raw("members", "[]")
        object.integer("eventCount", Int64(snapshot.eventCount))
        object.raw("derivedDetections", array(snapshot.derivedDetections.map(derived)))
        object.strings("mergedFrom", snapshot.mergedFrom.map(\.uuidString))
        if let continued = snapshot.continuedFrom { object.string("continuedFrom", continued.uuidString) }
        object.integer("droppedEvidence", Int64(snapshot.droppedEvidence))
        return object.finish()
    }

    static func blastRadius(_ radius: EmailBlastRadius) -> String {
        var object = ObjectWriter()
        object.strings("campaignKeys", radius.campaignKeys)
        object.raw("otherRecipients", array(radius.otherRecipients.map { recipient in
            var object = ObjectWriter()
            object.string("address", recipient.address)
            object.strings("actions", recipient.actions)
            object.integer("receivedAt", recipient.receivedAt)
            return object.finish()
        }))
        return object.finish()
    }

    static func derived(_ detection: DerivedDetection) -> String {
        var object = ObjectWriter()
        object.string("id", detection.id)
        object.string("ruleID", detection.ruleID)
        object.string("title", detection.title)
        object.integer("severity", Int64(detection.severity.rawValue))
        object.strings("tactics", detection.tactics)
        object.strings("techniques", detection.techniques)
        object.integer("time", detection.time)
        object.integer("anchorTime", detection.anchorTime)
        object.string("groupKey", detection.groupKey)
        object.raw("eventIDs", "[" + detection.eventIDs.map { String($0) }.joined(separator: ",") + "]")
        object.raw("entities", array(detection.entities.map { entity in
            var object = ObjectWriter()
            object.string("type", entity.type.rawValue)
            object.string("value", entity.value)
            object.string("role", entity.role.rawValue)
            if let from = entity.resolvedFrom { object.string("resolvedFrom", from) }
            return object.finish()
        }))
        if let story = detection.story { object.string("story", story) }
        object.strings("layers", detection.layers.map(\.rawValue))
        return object.finish()
    }

    private static func array(_ items: [String]) -> String { "[" + items.joined(separator: ",") + "]" }

    /// One JSON object, member by member.
    private struct ObjectWriter {
        private var out = "{"
        private var empty = true

        private mutating func key(_ name: String) {
            if !empty { out += "," }
            empty = false
            out += "\""
            out += name
            out += "\":"
        }

        mutating func string(_ name: String, _ value: String) {
            key(name)
            JSONWriter.appendQuoted(value, to: &out)
        }

        mutating func strings(_ name: String, _ values: [String]) {
            key(name)
            out += "["
            for (index, value) in values.enumerated() {
                if index > 0 { out += "," }
                JSONWriter.appendQuoted(value, to: &out)
            }
            out += "]"
        }

        mutating func integer(_ name: String, _ value: Int64) {
            key(name)
            out += String(value)
        }

        mutating func bool(_ name: String, _ value: Bool) {
            key(name)
            out += value ? "true" : "false"
        }

        mutating func raw(_ name: String, _ json: String) {
            key(name)
            out += json
        }

        mutating func finish() -> String { out + "}" }
    }
}
