import Foundation

/// `xdr-tool` sub-commands.
public enum ToolCommands {
    public static let usage = """
        usage: xdr-tool demo --keys FILE     replay the built-in attack and print the incident
        """

    public static func run(_ arguments: [String]) -> Int32 {
        switch arguments.first {
        case "demo":
            return demo(Array(arguments.dropFirst()))
        default:
            print(usage)
            return arguments.isEmpty ? 0 : 64
        }
    }

    static func demo(_ arguments: [String]) -> Int32 {
        guard arguments.count == 2, arguments[0] == "--keys", let text = try? String(contentsOfFile: arguments[1], encoding: .utf8) else {
            print("xdr-tool demo: expected --keys FILE (written by ./xdr demo)")
            return 64
        }
        var keys: [String: String] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1).map(String.init)
            if parts.count == 2 { keys[parts[0]] = parts[1] }
        }
        guard let ingest = keys["XDR_DEMO_INGEST_KEY"], let analyst = keys["XDR_DEMO_ANALYST_KEY"] else {
            print("xdr-tool demo: the keys file lacks XDR_DEMO_INGEST_KEY or XDR_DEMO_ANALYST_KEY")
            return 64
        }
        do {
            try DemoReplay(ingestKey: ingest).run()
            try DemoIncidentReport(api: DemoReplay.Endpoints.local.api, readKey: analyst).waitAndPrint()
            return 0
        } catch {
            print("xdr-tool demo: \(error)")
            return 1
        }
    }
}
