import XDRModel

/// Every format Tsunagi reads, by layer and name.
public enum FormatRegistry {
    public static let all: [any EventFormat] =
        EndpointFormats.all + EmailFormats.all + NetworkFormats.all + CloudFormats.all

    /// The format called `name` (case-insensitive), on any layer.
    public static func format(named name: String) -> (any EventFormat)? {
        let lower = name.lowercased()
        return all.first { $0.name == lower }
    }

    public static func formats(of layer: Layer) -> [any EventFormat] {
        all.filter { $0.layer == layer }
    }
}
