import Foundation
import XDRPlatform

// xdrctl: migrations, providers, tenants and API keys. All logic lives in XDRPlatform.AdminCommands.
exit(AdminCommands().run(Array(CommandLine.arguments.dropFirst())))
