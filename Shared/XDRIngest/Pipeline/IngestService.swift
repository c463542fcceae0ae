import XDRCore
import XDRModel
import XDRPlatform

/// Everything an ingestion service's `main` wires: the layer's formats plus `ocsf`, the writer and routes.
public enum IngestService {
    public static func formats(for layer: Layer) -> [any EventFormat] {
        let own: [any EventFormat]
        switch layer {
        case .endpoint: own = EndpointFormats.all
        case .email: own = EmailFormats.all
        case .network: own = NetworkFormats.all
        case .cloud: own = CloudFormats.all
        }
        return own + CommonFormats.all(servedBy: layer)
    }

    public static func parts(layer: Layer, context: ServiceContext) -> ServiceParts {
        let routes = IngestRoutes(layer: layer, formats: formats(for: layer), writer: EventWriter(pool: context.pool),
                                  authenticator: context.authenticator, metrics: context.metrics)
        return ServiceParts(configureRoutes: { router in routes.register(on: &router) })
    }
}
