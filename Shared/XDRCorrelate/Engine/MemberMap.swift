import Foundation

/// An incident's links by member key, as the engine holds them; saved in columns.
///
/// The members are most of a tenant's saved state (up to 1,150 per incident). As a JSON object of
/// objects every link repeated its incident id and seven field names; saved as one array per
/// field, with the incident id once, the state is a fraction of the size and `JSONEncoder` has
/// that much less to build. A state saved as the plain object still loads.
struct MemberMap: Sendable, Equatable, Sequence {
    private var links: [String: EventLink] = [:]

    init() {}

    subscript(key: String) -> EventLink? {
        get { links[key] }
        set { links[key] = newValue }
    }

    var count: Int { links.count }
    var values: Dictionary<String, EventLink>.Values { links.values }

    func makeIterator() -> Dictionary<String, EventLink>.Iterator { links.makeIterator() }
}

extension MemberMap: Codable {
    private enum ColumnKeys: String, CodingKey {
        case columns
    }

    private struct Columns: Codable {
        /// Distinct incident ids; `incident` holds an index into them per link.
        var incidents: [UUID] = []
        var incident: [Int] = []
        var eventID: [Int64?] = []
        var derivedDetectionID: [String?] = []
        var time: [Int64] = []
        var role: [EventLink.Role] = []
        var reason: [String] = []
        var entity: [String?] = []
        var window: [Int64?] = []
        /// Only when some link is filed under a key other than its own `memberKey`.
        var keys: [String]?
    }

    func encode(to encoder: Encoder) throws {
        var columns = Columns()
        var incidentIndex: [UUID: Int] = [:]
        let keys = links.keys.sorted()
        if keys.contains(where: { links[$0]!.memberKey != $0 }) { columns.keys = keys }
        for key in keys {
            let link = links[key]!
            let index = incidentIndex[link.incidentID] ?? {
                columns.incidents.append(link.incidentID)
                incidentIndex[link.incidentID] = columns.incidents.count - 1
                return columns.incidents.count - 1
            }()
            columns.incident.append(index)
            columns.eventID.append(link.eventID)
            columns.derivedDetectionID.append(link.derivedDetectionID)
            columns.time.append(link.time)
            columns.role.append(link.role)
            columns.reason.append(link.reason)
            columns.entity.append(link.entity)
            columns.window.append(link.window)
        }
        var container = encoder.container(keyedBy: ColumnKeys.self)
        try container.encode(columns, forKey: .columns)
    }

    init(from decoder: Decoder) throws {
        // Member keys are `e<id>` or derived ids (`d-…`), never `columns`: an object without it is
        // the plain form of earlier saves.
        let keyed = try decoder.container(keyedBy: ColumnKeys.self)
        guard keyed.contains(.columns) else {
            links = try decoder.singleValueContainer().decode([String: EventLink].self)
            return
        }
        let columns = try keyed.decode(Columns.self, forKey: .columns)
        let count = columns.incident.count
        guard [columns.eventID.count, columns.derivedDetectionID.count, columns.time.count, columns.role.count,
               columns.reason.count, columns.entity.count, columns.window.count, columns.keys?.count ?? count]
                .allSatisfy({ $0 == count }),
              columns.incident.allSatisfy({ $0 >= 0 && $0 < columns.incidents.count }) else {
            throw DecodingError.dataCorruptedError(forKey: .columns, in: keyed,
                                                   debugDescription: "member columns of different lengths or an incident index out of range")
        }
        for row in 0..<count {
            let link = EventLink(incidentID: columns.incidents[columns.incident[row]], eventID: columns.eventID[row],
                                 derivedDetectionID: columns.derivedDetectionID[row], time: columns.time[row],
                                 role: columns.role[row], reason: columns.reason[row], entity: columns.entity[row],
                                 window: columns.window[row])
            links[columns.keys?[row] ?? link.memberKey] = link
        }
    }
}
