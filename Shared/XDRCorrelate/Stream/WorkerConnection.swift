import Foundation
import XDRStore

/// The connection of a background worker (read-ahead, state saves): opened on first use, dropped
/// after any failure and opened again for the next job, so one broken connection costs one job.
/// Confined to the worker's thread.
struct WorkerConnection {
    let url: DatabaseURL
    private var connection: DatabaseConnection?

    init(url: DatabaseURL) {
        self.url = url
    }

    /// Runs `body` in `tenant`'s scope (one transaction).
    mutating func inTenantScope<T>(_ tenant: UUID, _ body: (DatabaseConnection) throws -> T) -> Result<T, Error> {
        do {
            if connection == nil || connection!.isBroken { connection = try DatabaseConnection(url: url) }
            return .success(try connection!.withTenantScope([tenant]) { try body($0) })
        } catch {
            connection = nil
            return .failure(error)
        }
    }
}
