import XDRJSON
import XDRModel

/// Typed field access for normalisers, with errors that name the field.
extension JSONValue {
    /// A required, non-empty string field.
    public func requiredText(_ path: String) throws(RecordError) -> String {
        guard let value = self[path: path] else { throw .missing(path) }
        guard let text = value.text else {
            throw RecordError(field: path, "expected a non-empty string, got \(value.kindName)")
        }
        return text
    }

    /// An optional non-empty string field; a present value of the wrong type is an error.
    public func optionalText(_ path: String) -> String? {
        self[path: path]?.text
    }

    /// A required ISO 8601 / RFC 3339 time field.
    public func requiredISOTime(_ path: String) throws(RecordError) -> Int64 {
        let text = try requiredText(path)
        guard let micros = EventTime.iso8601(text) else { throw .notADate(path, text) }
        return micros
    }

    /// A required epoch time field (number or numeric string; unit guessed from size).
    public func requiredEpochTime(_ path: String) throws(RecordError) -> Int64 {
        guard let value = self[path: path] else { throw .missing(path) }
        switch value {
        case .number(let text), .string(let text):
            if let micros = EventTime.epoch(text) { return micros }
            if let micros = EventTime.iso8601(text) { return micros }
            throw .notADate(path, text)
        default:
            throw RecordError(field: path, "expected a time, got \(value.kindName)")
        }
    }

    /// An optional integer field; nil when absent, an error when present but not an integer.
    public func optionalInt(_ path: String) throws(RecordError) -> Int? {
        guard let value = self[path: path], !value.isNull else { return nil }
        if case .string(let text) = value, text.isEmpty || text == "-" { return nil }
        guard let number = value.int else { throw RecordError(field: path, "expected an integer, got \(value.preview)") }
        return number
    }

    /// The JSON type of this value, for error messages.
    public var kindName: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string(let text): text.isEmpty ? "an empty string" : "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }

    /// A short rendering of this value for error messages.
    public var preview: String {
        let text = JSONWriter.serialize(self)
        return text.count > 64 ? String(text.prefix(61)) + "..." : text
    }
}

extension String {
    /// Nil for the empty string, so optional chains can treat "" as absent.
    var nonEmpty: String? { isEmpty ? nil : self }
}
