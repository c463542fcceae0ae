import XDRModel

/// Addresses worth joining on. Unspecified (`0.0.0.0`, `::`) and loopback (`127.0.0.0/8`, `::1`)
/// addresses, which binds and local connections report, name no machine: as entities they would
/// join every host's events together, so endpoint formats drop them.
enum JoinableAddress {
    /// The text unchanged when it is an address worth joining on, else nil.
    static func filter(_ text: String?) -> String? {
        guard let text, let ip = EntityNormalizer.ip(text) else { return nil }
        guard ip != "0.0.0.0", ip != "::", ip != "::1", !ip.hasPrefix("127.") else { return nil }
        return text
    }
}
