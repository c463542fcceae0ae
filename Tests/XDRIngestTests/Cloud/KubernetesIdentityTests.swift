import Testing
@testable import XDRIngest
import XDRModel

@Suite struct KubernetesIdentityTests {
    func keys(_ username: String, role: EntityRole = .actor) -> [String] {
        var event = NormalizedEvent(time: 0, layer: .cloud, kind: .telemetry, classUID: 6003, severity: .informational,
                                    sourceProduct: "test", sourceFormat: "test", raw: "")
        KubernetesIdentity.add(username, role: role, to: &event)
        return event.entityKeys
    }

    @Test func splitsServiceAccountsIntoNamespaceAndAccount() {
        #expect(KubernetesIdentity.serviceAccount(in: "system:serviceaccount:kube-system:default")! == ("kube-system", "default"))
        #expect(KubernetesIdentity.serviceAccount(in: "system:serviceaccount:broken") == nil)
        #expect(keys("system:serviceaccount:ci:deployer") == ["k8s_namespace:ci", "k8s_sa:ci/deployer"])
    }

    @Test func readsNodesPrincipalsAndPeople() {
        #expect(keys("system:node:ip-10-0-1-25.ec2.internal") == ["host:ip-10-0-1-25"])
        #expect(keys("arn:aws:iam::111122223333:user/bob") == ["cloud_principal:arn:aws:iam::111122223333:user/bob", "user:bob"])
        #expect(keys("Alice@Corp.Example") == ["user:alice@corp.example"])
    }

    @Test func ignoresControlPlaneIdentities() {
        #expect(keys("system:kube-controller-manager").isEmpty)
        #expect(keys("system:anonymous").isEmpty)
        #expect(keys("eks:node-manager").isEmpty)
    }

    @Test func addsTargetServiceAccountsWithoutTheActorColumn() {
        var event = NormalizedEvent(time: 0, layer: .cloud, kind: .telemetry, classUID: 6003, severity: .informational,
                                    sourceProduct: "test", sourceFormat: "test", raw: "")
        KubernetesIdentity.addServiceAccount(namespace: "Prod", name: "Web", role: .target, to: &event)
        #expect(event.k8sServiceAccount == nil)
        #expect(event.entities(of: .k8sServiceAccount) == [Entity(.k8sServiceAccount, "prod/web", role: .target, original: "Prod/Web")])
    }
}
