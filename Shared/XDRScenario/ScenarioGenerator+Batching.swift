extension ScenarioGenerator {
    /// Groups records into shipper deliveries: per tenant and format, in event-time order, one
    /// batch per delivery window of the format (bounded in size), sent after the layer's delay.
    /// Network and cloud batches therefore arrive minutes after the endpoint records of the same
    /// moment, as they do in production.
    static func batches(_ records: [GeneratedRecord]) -> [IngestBatch] {
        var groups: [String: [Int]] = [:]
        var keys: [String] = []
        for (index, record) in records.enumerated() {
            let key = record.tenant + "\u{0}" + record.format.name
            if groups[key] == nil { keys.append(key) }
            groups[key, default: []].append(index)
        }
        var batches: [IngestBatch] = []
        for key in keys.sorted() {
            // Ties in time keep emission order, so the output never depends on sort stability.
            let ordered = groups[key]!.sorted { (records[$0].time, $0) < (records[$1].time, $1) }
            guard let firstIndex = ordered.first else { continue }
            let format = records[firstIndex].format
            var current: [Int] = []
            var size = 0
            var windowEnd = records[firstIndex].time + format.batchWindow
            func flush() {
                guard !current.isEmpty else { return }
                batches.append(batch(current.map { records[$0] }, format: format))
                current = []
                size = 0
            }
            for index in ordered {
                let record = records[index]
                if record.time >= windowEnd || size + record.line.utf8.count + 1 > maximumBatchBytes {
                    flush()
                    windowEnd = record.time + format.batchWindow
                }
                current.append(index)
                size += record.line.utf8.count + 1
            }
            flush()
        }
        return batches.sorted { ($0.arrivesAt, $0.tenant, $0.format) < ($1.arrivesAt, $1.tenant, $1.format) }
    }

    private static func batch(_ records: [GeneratedRecord], format: SourceFormat) -> IngestBatch {
        var body: [UInt8] = []
        body.reserveCapacity(records.reduce(16) { $0 + $1.line.utf8.count + 1 })
        if format == .cloudtrail {
            // CloudTrail delivers log files: one `{"Records":[…]}` document.
            body = CloudTrailRecords.file(records.map { Array($0.line.utf8) })
            body.append(0x0A)
        } else {
            for record in records {
                body.append(contentsOf: record.line.utf8)
                body.append(0x0A)
            }
        }
        let last = records.map(\.time).max() ?? 0
        return IngestBatch(tenant: records[0].tenant, format: format.name, layer: format.layer, body: body,
                           recordCount: records.count, arrivesAt: last + format.deliveryDelay)
    }
}
