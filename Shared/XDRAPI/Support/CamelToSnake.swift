import XDRJSON

/// The engine stores its snapshots with Swift property names (`firstSeen`); the API speaks
/// snake_case everywhere, so documents taken from the engine are re-keyed on the way out.
enum CamelToSnake {
    static func convert(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let object):
            return .object(JSONObject(object.members.map { JSONObject.Member(key: key($0.key), value: convert($0.value)) }))
        case .array(let items):
            return .array(items.map(convert))
        default:
            return value
        }
    }

    static func key(_ name: String) -> String {
        var out = ""
        for character in name {
            if character.isUppercase {
                out += "_" + character.lowercased()
            } else {
                out.append(character)
            }
        }
        return out
    }
}
