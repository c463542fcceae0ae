/// Something that runs until it is cancelled: an HTTP server, a correlator loop, a syslog listener.
///
/// `run()` returns when the work is done or when the surrounding task is cancelled; it should drain
/// in-flight work before returning.
public protocol Service: Sendable {
    var name: String { get }
    func run() async throws
}
