import Testing
import XDRJSON
@testable import XDRScenario

@Suite struct KubernetesAuditRecordsTests {
    @Test func followsAuditV1Events() {
        for record in GeneratedSamples.records(.k8sAudit) {
            #expect(record["apiVersion"]?.string == "audit.k8s.io/v1")
            #expect(record["kind"]?.string == "Event")
            #expect(record["auditID"]?.string?.count == 36)
            #expect(record["sourceIPs"]?.array?.isEmpty == false)
            #expect(record[path: "responseStatus.code"]?.int != nil)
            #expect(record["requestReceivedTimestamp"]?.string?.count == 27)
        }
    }

    @Test func theBindingGrantsClusterAdminToTheWebAccount() throws {
        let binding = try #require(GeneratedSamples.records(.k8sAudit).first { $0[path: "objectRef.resource"]?.string == "clusterrolebindings" })
        #expect(binding["verb"]?.string == "create")
        #expect(binding[path: "user.username"]?.string == ContainerEscapeScenario.serviceAccount)
        #expect(binding[path: "requestObject.roleRef.name"]?.string == "cluster-admin")
    }
}
