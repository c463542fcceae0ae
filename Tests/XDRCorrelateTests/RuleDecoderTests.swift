import Testing
import XDRModel
@testable import XDRCorrelate

@Suite struct RuleDecoderTests {
    @Test func builtInRulesAllParseAndFormAValidSet() throws {
        let rules = try BuiltInRules.definitions()
        #expect(rules.count == BuiltInRules.sources.reduce(0) { $0 + (try! RuleDecoder.decode(text: $1.1, source: $1.0)).count })
        let set = try RuleSet(rules)
        #expect(set.correlations.map(\.id).sorted() == ["tsunagi.k8s-exec-then-rbac-change", "tsunagi.phish-then-cloud-new-ip"])
        #expect(set.incidentRules.map(\.id) == ["tsunagi.lateral-movement-from-incident-host"])
        let office = try #require(rules.first { $0.id == "tsunagi.office-spawns-shell" })
        #expect(office.severity == .high)
        #expect(office.tactics == ["initial_access", "execution"])
        #expect(office.techniques == ["T1566.001", "T1204.002"])
    }

    @Test func decodesEveryConditionForm() throws {
        let rules = try RuleDecoder.decode(text: """
        {"id": "r", "title": "T", "level": "critical", "generate": false, "detection": {"conditions": [
          {"field": "process_image", "endswith": ["\\\\A.exe", "\\\\B.exe"]},
          {"any_of": [{"field": "dst_port", "in": ["445"]}, {"field": "details.logon.type", "equals": "3"}]},
          {"not": {"field": "user", "startswith": "svc_"}},
          {"field": "hostname", "exists": true}
        ]}}
        """, source: "rules/r.json")
        let rule = try #require(rules.first)
        #expect(rule.severity == .critical)
        #expect(rule.generate == false)
        #expect(rule.detection?.conditions == [
            .match(field: "process_image", op: .endswith, values: ["\\a.exe", "\\b.exe"]),
            .anyOf([.match(field: "dst_port", op: .in, values: ["445"]), .match(field: "details.logon.type", op: .equals, values: ["3"])]),
            .not(.match(field: "user", op: .startswith, values: ["svc_"])),
            .exists(field: "hostname"),
        ])
    }

    func error(_ text: String) -> RuleError? {
        do {
            _ = try RuleSet(try RuleDecoder.decode(text: text, source: "rules/tenant.json"))
            return nil
        } catch {
            return error
        }
    }

    @Test func errorsNameTheFileTheRuleAndTheField() {
        let unknownField = error(#"{"id": "a", "detection": {"conditions": [{"field": "proces_image", "equals": "x"}]}}"#)
        #expect(unknownField?.field == "detection.conditions[0].field")
        #expect(unknownField?.rule == "a")
        #expect(unknownField?.description.hasPrefix("rules/tenant.json: rule 'a': detection.conditions[0].field: unknown field 'proces_image'") == true)

        let badTimespan = error(#"{"id": "c", "correlation": {"type": "event_count", "rules": ["c"], "timespan": "5 minutes", "condition": {"gte": 3}}}"#)
        #expect(badTimespan?.field == "correlation.timespan")

        let badType = error(#"{"id": "c", "correlation": {"type": "sequence", "rules": ["x"], "timespan": "5m"}}"#)
        #expect(badType?.field == "correlation.type")

        let noCount = error(#"[{"id": "b", "generate": false, "detection": {"conditions": [{"field": "layer", "equals": "cloud"}]}}, {"id": "c", "correlation": {"type": "value_count", "rules": ["b"], "timespan": "5m", "condition": {"gte": 3}}}]"#)
        #expect(noCount?.field == "[1].correlation.condition.field")

        let missingRule = error(#"{"id": "c", "correlation": {"type": "event_count", "rules": ["nope"], "timespan": "5m", "condition": {"gte": 3}}}"#)
        #expect(missingRule?.field == "correlation.rules[0]")

        let badAlias = error(#"[{"id": "b", "detection": {"conditions": [{"field": "layer", "equals": "cloud"}]}}, {"id": "d", "detection": {"conditions": [{"field": "layer", "equals": "email"}]}}, {"id": "c", "correlation": {"type": "temporal", "rules": ["b", "d"], "group-by": ["who"], "timespan": "5m", "aliases": {"who": {"b": "user", "x": "user"}}}}]"#)
        #expect(badAlias?.field == "[2].correlation.aliases.who.x")

        let twoOperators = error(#"{"id": "a", "detection": {"conditions": [{"field": "title", "equals": "x", "contains": "y"}]}}"#)
        #expect(twoOperators?.field == "detection.conditions[0]")

        let badSeverity = error(#"{"id": "a", "severity": "urgent", "detection": {"conditions": [{"field": "title", "equals": "x"}]}}"#)
        #expect(badSeverity?.field == "severity")

        let duplicate = error(#"[{"id": "a", "detection": {"conditions": [{"field": "title", "equals": "x"}]}}, {"id": "a", "detection": {"conditions": [{"field": "title", "equals": "y"}]}}]"#)
        #expect(duplicate?.field == "id")

        let notAnEntity = error(#"{"id": "a", "detection": {"conditions": [{"field": "title", "equals": "x"}], "except_hubs": ["title"]}}"#)
        #expect(notAnEntity?.field == "detection.except_hubs[0]")

        let upperBound = error(#"[{"id": "b", "detection": {"conditions": [{"field": "layer", "equals": "cloud"}]}}, {"id": "c", "correlation": {"type": "event_count", "rules": ["b"], "timespan": "5m", "condition": {"lt": 3}}}]"#)
        #expect(upperBound?.field == "[1].correlation.condition.lt")

        let notJSON = error("{oops")
        #expect(notJSON?.field == "(document)")
        #expect(notJSON?.rule == nil)
    }

    @Test func correlationsMayReferenceRulesBySigmaNameAndUseGt() throws {
        let rules = try RuleDecoder.decode(text: #"""
        [{"id": "5f1c", "name": "failed_logon", "generate": false,
          "detection": {"conditions": [{"field": "outcome", "equals": "failure"}]}},
         {"id": "bf", "correlation": {"type": "event_count", "rules": ["failed_logon"], "group-by": ["host"],
          "aliases": {"host": {"failed_logon": "hostname"}}, "timespan": "5m", "condition": {"gt": 4}}}]
        """#, source: "sigma.json")
        let set = try RuleSet(rules)
        let spec = try #require(set.correlations.first?.correlation)
        #expect(spec.rules == ["5f1c"])
        #expect(spec.aliases == ["host": ["5f1c": "hostname"]])
        #expect(spec.threshold == 5)
        #expect(set.consumers["5f1c"]?.map(\.id) == ["bf"])
    }

    /// The details the stream reader keeps are every `details.<key>` a rule names, wherever it
    /// names it, and the engine's own; nothing else.
    @Test func theDetailSelectionCoversEveryPlaceARuleNamesADetail() throws {
        let base = RuleDefinition(id: "r1", title: "T", severity: .high, story: "On {details.story_key|hostname} by {user}",
                                  body: .detection(DetectionSpec(conditions: [
                                      .anyOf([.match(field: "details.cond_a", op: .equals, values: ["x"]),
                                              .not(.exists(field: "details.cond_b"))]),
                                      .match(field: "process_image", op: .endswith, values: ["a.exe"]),
                                  ], firstSeen: FirstSeen(field: "details.seen_field", per: "details.seen_per", lookback: 60),
                                  exceptHubs: ["details.hub_key"])), source: "test")
        let conditioned = RuleDefinition(id: "r2", title: "T", severity: .high,
                                         body: .detection(DetectionSpec(conditions: [.exists(field: "details.incident_cond")],
                                                                        requiresIncidentOn: "details.incident_key")), source: "test")
        let correlation = RuleDefinition(id: "c", title: "C", severity: .critical, body: .correlation(CorrelationSpec(
            type: .valueCount, rules: ["r1"], groupBy: ["details.group_key", "g"], timespan: 60, threshold: 2,
            valueField: "details.value_key", aliases: ["g": ["r1": "details.alias_key"]])), source: "test")
        let set = try RuleSet([base, conditioned, correlation])
        let expected: Set<String> = ["story_key", "cond_a", "cond_b", "seen_field", "seen_per", "hub_key", "incident_cond",
                                     "incident_key", "group_key", "value_key", "alias_key"]
        #expect(set.detailSelection.keys == expected.union(CorrelationEvent.detailKeysReadByTheEngine))
        let builtIn = try RuleSet.builtIn()
        #expect(builtIn.detailSelection.keys?.isSuperset(of: ["logon.type", "target_process.image", "activity_name"]) == true)
        #expect(builtIn.detailSelection.keys?.contains("process.pid") == false)
    }
}
