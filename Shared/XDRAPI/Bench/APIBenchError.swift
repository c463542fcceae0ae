/// Why the API benchmark could not run or did not pass.
public struct APIBenchError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
