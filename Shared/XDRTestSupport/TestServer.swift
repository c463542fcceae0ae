import Foundation
import XDRStore

/// A private PostgreSQL server owned by one test, for failure tests (stop, restart) that must not
/// disturb the shared test server. Uses the binaries and run-as user that `./xdr test` exports.
public final class TestServer: @unchecked Sendable {
    public let port: Int
    public let directory: String
    private let bin: String
    private let runAs: String?

    public init() throws {
        let environment = ProcessInfo.processInfo.environment
        guard let bin = environment["XDR_TEST_PG_BIN"], !bin.isEmpty else {
            throw TestEnvironmentError("XDR_TEST_PG_BIN is not set: run the tests with ./xdr test")
        }
        self.bin = bin
        runAs = environment["XDR_TEST_PG_RUNAS"].flatMap { getuid() == 0 && !$0.isEmpty ? $0 : nil }
        directory = "/tmp/xdr-test-server-\(getpid())-\(UUID().uuidString.prefix(6))"
        // Below the kernel's ephemeral range (32768+), so an outgoing connection cannot hold the port.
        port = Int.random(in: 20_000...32_000)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        if let runAs { try run(["/usr/bin/chown", runAs, directory], asServerUser: false) }
        try run(["\(bin)/initdb", "-D", "\(directory)/data", "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale"])
        let config = "listen_addresses = '127.0.0.1'\nport = \(port)\nunix_socket_directories = '\(directory)'\nfsync = on\n"
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: "\(directory)/data/postgresql.conf"))
        handle.seekToEndOfFile()
        handle.write(Data(config.utf8))
        try handle.close()
        try start()
        let admin = try DatabaseConnection(url: adminURL(database: "postgres"))
        try admin.execute("CREATE ROLE xdr_service NOLOGIN")
        try admin.execute("CREATE ROLE xdr_app LOGIN IN ROLE xdr_service")
        try admin.execute("CREATE DATABASE tsunagi")
    }

    public func adminURL(database: String = "tsunagi") throws -> DatabaseURL {
        try DatabaseURL("postgresql://postgres@127.0.0.1:\(port)/\(database)")
    }

    public func appURL(database: String = "tsunagi") throws -> DatabaseURL {
        try DatabaseURL("postgresql://xdr_app@127.0.0.1:\(port)/\(database)")
    }

    public func start() throws {
        try run(["\(bin)/pg_ctl", "-D", "\(directory)/data", "-l", "\(directory)/server.log", "-w", "-t", "60", "start"])
    }

    /// Stops the server at once (`immediate`: like a crash, no checkpoint).
    public func stop(mode: String = "immediate") throws {
        try run(["\(bin)/pg_ctl", "-D", "\(directory)/data", "-m", mode, "-w", "stop"])
    }

    public func destroy() {
        _ = try? stop(mode: "immediate")
        try? FileManager.default.removeItem(atPath: directory)
    }

    deinit { destroy() }

    /// Runs a command to completion with output in a log file. posix_spawn and waitpid directly:
    /// Foundation's Process can miss the exit of a child whose grandchild (the server) lives on.
    private func run(_ arguments: [String], asServerUser: Bool = true) throws {
        let argv = (asServerUser && runAs != nil) ? ["/usr/sbin/runuser", "-u", runAs!, "--"] + arguments : arguments
        let logPath = "\(directory)/command.log"
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, logPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        let cArguments = argv.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, argv[0], &actions, nil, cArguments, environ)
        guard spawned == 0 else { throw TestEnvironmentError("could not start \(argv[0]): error \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let exited = (status & 0x7F) == 0
        let code = (status >> 8) & 0xFF
        guard exited && code == 0 else {
            let text = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
            throw TestEnvironmentError("\(arguments.joined(separator: " ")) failed (status \(status)): \(text.suffix(500))")
        }
    }
}
