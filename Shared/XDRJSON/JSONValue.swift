/// A parsed JSON document. Numbers keep their source text so that large integers and exact decimals
/// survive untouched; objects keep member order and duplicates as written.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// The member `key` of an object, or nil.
    public subscript(key: String) -> JSONValue? {
        if case .object(let object) = self { return object[key] }
        return nil
    }

    /// Follows a dotted path (`winlog.event_data.Image`). At each step a key containing the
    /// remaining dots literally (`"event.code"`, as flattened shippers write) is tried as well.
    public subscript(path path: String) -> JSONValue? {
        if case .object(let object) = self, let direct = object[path] { return direct }
        guard let dot = path.firstIndex(of: ".") else { return self[path] }
        let head = String(path[..<dot])
        let rest = String(path[path.index(after: dot)...])
        if let child = self[head], let found = child[path: rest] { return found }
        return nil
    }

    public var isNull: Bool { if case .null = self { return true } else { return false } }

    /// The text of a string, or of a number or boolean (sources disagree on quoting numbers).
    public var string: String? {
        switch self {
        case .string(let text): return text
        case .number(let text): return text
        case .bool(let flag): return flag ? "true" : "false"
        default: return nil
        }
    }

    /// A non-empty string value (empty strings and "-" placeholders are common and mean absent).
    public var text: String? {
        guard let text = string, !text.isEmpty, text != "-" else { return nil }
        return text
    }

    public var int: Int? {
        switch self {
        case .number(let text): return Int(text) ?? Double(text).flatMap { $0.isFinite && abs($0) < 9e18 ? Int($0) : nil }
        case .string(let text): return Int(text.trimmingSpaces)
        default: return nil
        }
    }

    public var double: Double? {
        switch self {
        case .number(let text): return Double(text)
        case .string(let text): return Double(text.trimmingSpaces)
        default: return nil
        }
    }

    public var bool: Bool? {
        switch self {
        case .bool(let flag): return flag
        case .string(let text):
            switch text.lowercased() {
            case "true": return true
            case "false": return false
            default: return nil
            }
        default: return nil
        }
    }

    public var array: [JSONValue]? { if case .array(let items) = self { return items } else { return nil } }
    public var object: JSONObject? { if case .object(let object) = self { return object } else { return nil } }

    /// Strings of an array (or a single string as a one-element list).
    public var strings: [String] {
        switch self {
        case .array(let items): return items.compactMap(\.text)
        case .null: return []
        default: return text.map { [$0] } ?? []
        }
    }
}

/// An ordered JSON object.
public struct JSONObject: Sendable, Equatable {
    public struct Member: Sendable, Equatable {
        public var key: String
        public var value: JSONValue
        public init(key: String, value: JSONValue) { self.key = key; self.value = value }
    }

    public var members: [Member]

    public init(_ members: [Member] = []) { self.members = members }

    public init(_ pairs: KeyValuePairs<String, JSONValue>) {
        self.members = pairs.map { Member(key: $0.key, value: $0.value) }
    }

    /// The first member named `key` (linear: objects in logs are small, and lookup beats hashing them).
    public subscript(key: String) -> JSONValue? {
        get {
            for member in members where member.key == key { return member.value }
            return nil
        }
        set {
            if let index = members.firstIndex(where: { $0.key == key }) {
                if let newValue { members[index].value = newValue } else { members.remove(at: index) }
            } else if let newValue {
                members.append(Member(key: key, value: newValue))
            }
        }
    }

    public var keys: [String] { members.map(\.key) }
    public var isEmpty: Bool { members.isEmpty }
    public var count: Int { members.count }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral, ExpressibleByFloatLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .number(String(value)) }
    public init(floatLiteral value: Double) { self = .number(String(value)) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(JSONObject(elements.map { JSONObject.Member(key: $0.0, value: $0.1) }))
    }
    public init(nilLiteral: ()) { self = .null }
}

extension JSONValue {
    public static func int<I: BinaryInteger>(_ value: I) -> JSONValue { .number(String(value)) }
    public static func double(_ value: Double) -> JSONValue { value.isFinite ? .number(String(value)) : .null }
    public static func optional(_ value: String?) -> JSONValue { value.map { .string($0) } ?? .null }
    public static func strings(_ values: [String]) -> JSONValue { .array(values.map { .string($0) }) }
}

extension StringProtocol {
    var trimmingSpaces: String {
        var slice = Substring(self)
        while slice.first == " " { slice.removeFirst() }
        while slice.last == " " { slice.removeLast() }
        return String(slice)
    }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.init(elements.map { Member(key: $0.0, value: $0.1) })
    }
}
