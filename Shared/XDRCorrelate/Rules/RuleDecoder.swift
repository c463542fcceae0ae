import XDRJSON
import XDRModel

/// Reads rules from JSON: one rule object, an array of rules, or `{"rules": [...]}`.
public enum RuleDecoder {
    /// Parses rule text; `source` (a file path) is named in every error.
    public static func decode(text: String, source: String) throws(RuleError) -> [RuleDefinition] {
        let document: JSONValue
        do { document = try JSONParser.parse(text) } catch {
            throw RuleError(source: source, rule: nil, field: "(document)", reason: error.description)
        }
        return try decode(document, source: source)
    }

    public static func decode(_ document: JSONValue, source: String) throws(RuleError) -> [RuleDefinition] {
        let items: [JSONValue]
        if let array = document.array { items = array }
        else if let array = document["rules"]?.array { items = array }
        else { items = [document] }
        var rules: [RuleDefinition] = []
        for (index, item) in items.enumerated() {
            var reader = RuleReader(source: source, rule: nil, prefix: items.count > 1 ? "[\(index)]." : "")
            rules.append(try reader.rule(item))
        }
        return rules
    }
}

/// Decoding context: knows the file, rule id and field prefix for errors.
struct RuleReader {
    let source: String
    var rule: String?
    let prefix: String

    func fail(_ field: String, _ reason: String) -> RuleError {
        RuleError(source: source, rule: rule, field: prefix + field, reason: reason)
    }

    mutating func rule(_ value: JSONValue) throws(RuleError) -> RuleDefinition {
        guard value.object != nil else { throw fail("(rule)", "expected a JSON object") }
        guard let id = value["id"]?.text else { throw fail("id", "missing rule id") }
        rule = id
        let title = value["title"]?.text ?? id
        var severity = Severity.medium
        if let name = value["severity"] ?? value["level"] {
            guard let text = name.text, let parsed = Severity(name: text) else {
                throw fail("severity", "expected informational, low, medium, high or critical")
            }
            severity = parsed
        }
        var tactics: [String] = []
        var techniques: [String] = []
        for tag in value["tags"]?.strings ?? [] {
            if let tactic = EntityNormalizer.tactic(tag) { tactics.append(tactic) }
            techniques += EntityNormalizer.techniques(in: tag)
        }
        let generate = value["generate"]?.bool ?? true
        let body: RuleDefinition.Body
        switch (value["detection"], value["correlation"]) {
        case (let detection?, nil): body = .detection(try self.detection(detection))
        case (nil, let correlation?): body = .correlation(try self.correlation(correlation))
        case (nil, nil): throw fail("detection", "a rule needs `detection` or `correlation`")
        default: throw fail("correlation", "a rule has either `detection` or `correlation`, not both")
        }
        var definition = RuleDefinition(id: id, title: title, severity: severity, tactics: tactics, techniques: techniques,
                                        story: value["story"]?.text, generate: generate, body: body, source: source)
        definition.name = value["name"]?.text
        return definition
    }

    func detection(_ value: JSONValue) throws(RuleError) -> DetectionSpec {
        guard let list = value["conditions"]?.array, !list.isEmpty else {
            throw fail("detection.conditions", "expected a non-empty list of conditions")
        }
        var conditions: [FieldCondition] = []
        for (index, item) in list.enumerated() {
            conditions.append(try condition(item, at: "detection.conditions[\(index)]"))
        }
        var spec = DetectionSpec(conditions: conditions)
        if let field = value["requires_incident_on"] {
            spec.requiresIncidentOn = try knownField(field, at: "detection.requires_incident_on")
        }
        if let first = value["first_seen"] {
            spec.firstSeen = FirstSeen(field: try knownField(first["field"], at: "detection.first_seen.field"),
                                       per: try knownField(first["per"], at: "detection.first_seen.per"),
                                       lookback: try duration(first["lookback"], at: "detection.first_seen.lookback"))
        }
        if let fields = value["except_hubs"] {
            guard let list = fields.array else { throw fail("detection.except_hubs", "expected a list of field names") }
            for (index, item) in list.enumerated() {
                let field = try knownField(item, at: "detection.except_hubs[\(index)]")
                guard RuleFields.entityType(of: field) != nil else {
                    throw fail("detection.except_hubs[\(index)]", "'\(field)' does not name an entity")
                }
                spec.exceptHubs.append(field)
            }
        }
        return spec
    }

    func condition(_ value: JSONValue, at path: String) throws(RuleError) -> FieldCondition {
        guard let object = value.object else { throw fail(path, "expected a condition object") }
        if let group = value["any_of"] ?? value["all_of"] {
            let key = value["any_of"] != nil ? "any_of" : "all_of"
            guard let items = group.array, !items.isEmpty else { throw fail("\(path).\(key)", "expected a non-empty list") }
            var parts: [FieldCondition] = []
            for (index, item) in items.enumerated() { parts.append(try condition(item, at: "\(path).\(key)[\(index)]")) }
            return key == "any_of" ? .anyOf(parts) : .allOf(parts)
        }
        if let inner = value["not"] { return .not(try condition(inner, at: "\(path).not")) }
        let field = try knownField(value["field"], at: "\(path).field")
        if value["exists"] != nil { return .exists(field: field) }
        let operators = object.keys.filter { $0 != "field" }
        guard operators.count == 1, let name = operators.first else {
            throw fail(path, "expected exactly one of \(MatchOperator.allCases.map(\.rawValue).joined(separator: ", ")), exists")
        }
        guard let op = MatchOperator(rawValue: name) else { throw fail("\(path).\(name)", "unknown operator") }
        let raw = value[name]!
        let values = raw.array.map { $0.compactMap(\.string) } ?? raw.string.map { [$0] } ?? []
        guard !values.isEmpty else { throw fail("\(path).\(name)", "expected a string or a list of strings") }
        return .match(field: field, op: op, values: values.map { $0.lowercased() })
    }

    func correlation(_ value: JSONValue) throws(RuleError) -> CorrelationSpec {
        guard let typeName = value["type"]?.text else { throw fail("correlation.type", "missing correlation type") }
        guard let type = CorrelationType(rawValue: typeName) else {
            throw fail("correlation.type", "unknown type '\(typeName)' (expected \(CorrelationType.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        let rules = value["rules"]?.strings ?? []
        guard !rules.isEmpty else { throw fail("correlation.rules", "expected a non-empty list of rule ids") }
        if (type == .temporal || type == .temporalOrdered) && rules.count < 2 {
            throw fail("correlation.rules", "\(typeName) needs at least two rules")
        }
        let groupBy = (value["group-by"] ?? value["group_by"])?.strings ?? []
        let timespan = try duration(value["timespan"], at: "correlation.timespan")
        var aliases: [String: [String: String]] = [:]
        if let object = value["aliases"]?.object {
            for member in object.members {
                guard let mapping = member.value.object else { throw fail("correlation.aliases.\(member.key)", "expected rule → field") }
                var fields: [String: String] = [:]
                for entry in mapping.members {
                    guard rules.contains(entry.key) else {
                        throw fail("correlation.aliases.\(member.key).\(entry.key)", "not one of the correlated rules")
                    }
                    fields[entry.key] = try knownField(entry.value, at: "correlation.aliases.\(member.key).\(entry.key)")
                }
                aliases[member.key] = fields
            }
        }
        for name in groupBy where aliases[name] == nil {
            guard RuleFields.isKnown(name) else { throw fail("correlation.group-by", "unknown field '\(name)'") }
        }
        var threshold = 1
        var valueField: String?
        if type == .eventCount || type == .valueCount {
            // Sigma allows gt/gte/lt/lte/eq; only lower bounds can fire while a window is open.
            if let gt = value["condition"]?["gt"] {
                guard let count = gt.int, count >= 0 else { throw fail("correlation.condition.gt", "expected a count") }
                threshold = count + 1
            } else if let gte = value["condition"]?["gte"] {
                guard let count = gte.int, count >= 1 else { throw fail("correlation.condition.gte", "expected a positive count") }
                threshold = count
            } else {
                let other = value["condition"]?.object?.keys.first { $0 != "field" }
                throw fail("correlation.condition" + (other.map { ".\($0)" } ?? ""),
                           other == nil ? "expected {\"gte\": N} or {\"gt\": N}" : "only gte and gt conditions are supported")
            }
        }
        if type == .valueCount {
            valueField = try knownField(value["condition"]?["field"], at: "correlation.condition.field")
        }
        return CorrelationSpec(type: type, rules: rules, groupBy: groupBy, timespan: timespan, threshold: threshold,
                               valueField: valueField, aliases: aliases)
    }

    func knownField(_ value: JSONValue?, at path: String) throws(RuleError) -> String {
        guard let name = value?.text else { throw fail(path, "missing field name") }
        guard RuleFields.isKnown(name) else { throw fail(path, "unknown field '\(name)'") }
        return name
    }

    /// `30s`, `5m`, `2h`, `7d` → microseconds.
    func duration(_ value: JSONValue?, at path: String) throws(RuleError) -> Int64 {
        guard let text = value?.text?.lowercased(), let unit = text.last, let amount = Int64(text.dropLast()), amount > 0 else {
            throw fail(path, "expected a duration like 30s, 5m, 2h or 7d")
        }
        switch unit {
        case "s": return amount * EngineConfiguration.second
        case "m": return amount * EngineConfiguration.minute
        case "h": return amount * EngineConfiguration.hour
        case "d": return amount * EngineConfiguration.day
        default: throw fail(path, "expected a duration like 30s, 5m, 2h or 7d")
        }
    }
}
