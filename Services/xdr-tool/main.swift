import Foundation
import XDRScenario

// xdr-tool: the demo replay and the benchmarks. Logic lives in XDRScenario.
let arguments = Array(CommandLine.arguments.dropFirst())
exit(ToolCommands.run(arguments))
