import Testing
@testable import XDRIngest

@Suite struct GuardDutyFindingTypeTests {
    @Test func mapsThreatPurposesToTactics() {
        #expect(GuardDutyFindingType.attack(for: "Recon:EC2/PortProbeUnprotectedPort").tactics == ["reconnaissance"])
        #expect(GuardDutyFindingType.attack(for: "Recon:IAMUser/MaliciousIPCaller").tactics == ["discovery"])
        #expect(GuardDutyFindingType.attack(for: "CryptoCurrency:EC2/BitcoinTool.B!DNS") ==
                .init(tactics: ["impact"], techniques: ["T1496"]))
        #expect(GuardDutyFindingType.attack(for: "Backdoor:EC2/C&CActivity.B!DNS") ==
                .init(tactics: ["command_and_control"], techniques: ["T1071"]))
        #expect(GuardDutyFindingType.attack(for: "Stealth:IAMUser/CloudTrailLoggingDisabled").techniques == ["T1562.008"])
        #expect(GuardDutyFindingType.attack(for: "UnauthorizedAccess:IAMUser/ConsoleLoginSuccess.B").tactics == ["initial_access"])
        #expect(GuardDutyFindingType.attack(for: "Policy:S3/BucketBlockPublicAccessDisabled").tactics.isEmpty)
    }

    @Test func pinsTechniquesByThreatFamily() {
        #expect(GuardDutyFindingType.attack(for: "UnauthorizedAccess:EC2/RDPBruteForce") ==
                .init(tactics: ["credential_access"], techniques: ["T1110"]))
        #expect(GuardDutyFindingType.attack(for: "Trojan:EC2/DNSDataExfiltration").techniques == ["T1048"])
        #expect(GuardDutyFindingType.attack(for: "Behavior:EC2/NetworkPortUnusual") == .init(tactics: [], techniques: []))
    }
}
