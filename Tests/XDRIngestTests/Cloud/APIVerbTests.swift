import Testing
@testable import XDRIngest

@Suite struct APIVerbTests {
    @Test func readsTheVerbAtTheStartOfAWSNames() {
        #expect(APIVerb.activity(of: "DescribeInstances") == 2)
        #expect(APIVerb.activity(of: "RunInstances") == 1)
        #expect(APIVerb.activity(of: "TerminateInstances") == 4)
        #expect(APIVerb.activity(of: "StopInstances") == 3)
        #expect(APIVerb.activity(of: "ConsoleLogin") == 99)
        #expect(APIVerb.activity(of: "ConsoleLogin", readOnly: true) == 2)
    }

    @Test func readsTheVerbAtTheEndOfGCPAndAzureMethods() {
        #expect(APIVerb.activity(ofMethod: "beta.compute.instances.insert") == 1)
        #expect(APIVerb.activity(ofMethod: "storage.objects.list") == 2)
        #expect(APIVerb.activity(ofMethod: "v1.compute.firewalls.patch") == 3)
        #expect(APIVerb.activity(ofMethod: "google.iam.admin.v1.DeleteServiceAccountKey") == 4)
        #expect(APIVerb.activity(ofMethod: "microsoft.compute/virtualmachines/write") == 3)
        #expect(APIVerb.activity(ofMethod: "microsoft.compute/virtualmachines/delete") == 4)
        #expect(APIVerb.activity(ofMethod: "microsoft.storage/storageaccounts/listkeys/action") == 99)
    }
}
