extension HTTPServer {
    /// Listening address and every limit the server enforces, with production defaults.
    ///
    /// See `docs/http.md` for what a client sees when it reaches each limit.
    public struct Configuration: Sendable {
        /// The address to bind (`0.0.0.0`, `::`, `127.0.0.1`).
        public var host: String
        /// The port to bind; 0 picks a free port, reported by `start()`.
        public var port: Int
        /// Connections served at once; one more is answered 503 and closed.
        public var maximumConnections: Int
        /// The largest request line → 414.
        public var maximumRequestLineBytes: Int
        /// The largest header section (and chunked trailer section) → 431.
        public var maximumHeaderBytes: Int
        /// The largest body, checked against `Content-Length` before reading, while de-chunking and
        /// while decompressing → 413.
        public var maximumBodyBytes: Int
        /// Seconds within which a whole request (head and body) must arrive once its first byte
        /// has; a slow sender is answered 408 and disconnected.
        public var readTimeout: Double
        /// Seconds a keep-alive connection may wait for its next request before it is closed.
        public var idleTimeout: Double
        /// Seconds allowed for writing one response (or one stream write) to a slow reader.
        public var writeTimeout: Double
        /// Seconds `run()` waits for in-flight requests after cancellation before closing them.
        public var drainTimeout: Double
        /// The `listen` backlog.
        public var backlog: Int32
        /// Stack size of each connection thread.
        public var threadStackBytes: Int

        public init(
            host: String = "0.0.0.0",
            port: Int = 8080,
            maximumConnections: Int = 1024,
            maximumRequestLineBytes: Int = 8 * 1024,
            maximumHeaderBytes: Int = 16 * 1024,
            maximumBodyBytes: Int = 32 * 1024 * 1024,
            readTimeout: Double = 30,
            idleTimeout: Double = 60,
            writeTimeout: Double = 30,
            drainTimeout: Double = 10,
            backlog: Int32 = 511,
            threadStackBytes: Int = 1 << 20
        ) {
            self.host = host
            self.port = port
            self.maximumConnections = maximumConnections
            self.maximumRequestLineBytes = maximumRequestLineBytes
            self.maximumHeaderBytes = maximumHeaderBytes
            self.maximumBodyBytes = maximumBodyBytes
            self.readTimeout = readTimeout
            self.idleTimeout = idleTimeout
            self.writeTimeout = writeTimeout
            self.drainTimeout = drainTimeout
            self.backlog = backlog
            self.threadStackBytes = threadStackBytes
        }

        var headLimits: HeadLimits {
            HeadLimits(maximumStartLineBytes: maximumRequestLineBytes, maximumHeaderBytes: maximumHeaderBytes)
        }
    }
}
