import Testing
import XDRModel
@testable import XDRScenario

@Suite struct SyntheticCompanyTests {
    @Test func everyAddressIsAValidIPv4Address() {
        let company = SyntheticCompany(tenant: "t", extraWorkstations: 2_000)
        let machines = company.workstations + [company.domainController, company.resolver, company.fileServer]
        for machine in machines {
            #expect(EntityNormalizer.ip(machine.ip) == machine.ip, "\(machine.name): \(machine.ip)")
        }
        #expect(Set(machines.map(\.ip)).count == machines.count, "addresses are unique")
        #expect(Set(machines.map(\.name)).count == machines.count, "names are unique")
    }

    @Test func tenantsShareNamesAndSubnetsButNotVendorAccounts() {
        let a = SyntheticCompany(tenant: "tenant-a", awsAccountID: SyntheticCompany.awsAccount(forTenantAt: 0))
        let b = SyntheticCompany(tenant: "tenant-b", awsAccountID: SyntheticCompany.awsAccount(forTenantAt: 1))
        #expect(a.workstations.map(\.name) == b.workstations.map(\.name))
        #expect(a.workstations.map(\.ip) == b.workstations.map(\.ip))
        #expect(a.employees.map(\.email) == b.employees.map(\.email))
        #expect(a.awsAccountID == "111122223333")
        #expect(a.awsAccountID != b.awsAccountID)
        #expect(a.falconCustomerID != b.falconCustomerID)
        #expect(a.defenderTenantID != b.defenderTenantID)
    }

    @Test func placesTheScenarioMachinesWhereTheStoriesNeedThem() {
        let company = SyntheticCompany(tenant: "t")
        #expect(company.workstation(of: "alice").name == "ws-alice")
        #expect(company.workstation(of: "carol").ip == DHCPReuseScenario.sharedIP)
        #expect(company.resolver.ip == "10.0.0.53")
        #expect(company.domainController.name == "dc01")
        #expect(company.nodes[0].instanceID.hasPrefix("i-0abc"))
    }
}
