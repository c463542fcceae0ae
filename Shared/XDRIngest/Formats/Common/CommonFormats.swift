import XDRModel

/// Formats every ingestion service accepts, whatever its layer.
public enum CommonFormats {
    /// `servedBy` is the layer of the service offering them: the fallback layer for records that
    /// do not say which layer they belong to.
    public static func all(servedBy layer: Layer) -> [any EventFormat] {
        [OCSFEvent(servedBy: layer)]
    }

    /// The common formats as the cloud service offers them (the list form the registries use).
    public static let all: [any EventFormat] = all(servedBy: .cloud)
}
