import XDRJSON

/// Azure writes the same record with different spellings depending on the export: diagnostic
/// settings (`operationName`), the REST API (`eventTimestamp`, `{value, localizedValue}`), the
/// Python SDK (`event_timestamp`), Log Analytics tables (`TimeGenerated`, nested JSON as strings).
extension JSONValue {
    /// The first present member among `keys`, with its name (for error messages).
    func azureField(_ keys: [String]) -> (key: String, value: JSONValue)? {
        for key in keys { if let value = self[key], !value.isNull { return (key, value) } }
        return nil
    }

    /// The text of the first present member: a string, or the `value` of a localizable string.
    func azureText(_ keys: String...) -> String? {
        guard let (_, value) = azureField(keys) else { return nil }
        if case .object = value { return value["value"]?.text }
        return value.text
    }

    /// An object member that Log Analytics may have stored as a JSON string.
    func azureEmbedded(_ keys: String...) -> JSONValue? {
        guard let (_, value) = azureField(keys) else { return nil }
        if case .string(let text) = value {
            return try? JSONParser.parse(text)
        }
        return value
    }
}
