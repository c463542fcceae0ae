/// Collects an attack's records step by step while a scenario writes them.
struct AttackLog {
    private(set) var steps: [AttackStep] = []
    private(set) var detections: [RecordReference] = []

    /// Starts a new step; the records added next belong to it.
    mutating func step(_ narrative: String) {
        steps.append(AttackStep(narrative: narrative))
    }

    mutating func add(_ reference: RecordReference) {
        if steps.isEmpty { step("Activity") }
        steps[steps.count - 1].records.append(reference)
    }

    /// Adds a record that is an alert/detection (it can seed the incident).
    mutating func detection(_ reference: RecordReference) {
        add(reference)
        detections.append(reference)
    }
}
