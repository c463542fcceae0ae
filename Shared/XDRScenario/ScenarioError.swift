/// Why a dataset could not be built.
public struct ScenarioError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) { self.description = description }
}
