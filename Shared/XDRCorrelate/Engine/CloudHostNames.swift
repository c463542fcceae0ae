/// Host names that spell their own address. An EC2 instance's private DNS name is derived from its
/// primary private IP (`ip-10-0-20-15.ec2.internal`, `ip-10-0-20-15.eu-west-1.compute.internal`),
/// so every record naming such a host also tells which address the host held — the fact that
/// ties a Kubernetes node seen by Falco to the API calls AWS logs from its address.
enum CloudHostNames {
    /// The IPv4 address an EC2 private DNS name spells, or nil for any other name.
    static func address(spelledBy hostname: String) -> String? {
        // Most names are not such names: decided on the first bytes, before any copy is made.
        var prefix = hostname.utf8.prefix(3).makeIterator()
        guard prefix.next().map({ $0 | 0x20 }) == UInt8(ascii: "i"), prefix.next().map({ $0 | 0x20 }) == UInt8(ascii: "p"),
              prefix.next() == UInt8(ascii: "-") else { return nil }
        let labels = hostname.lowercased().split(separator: ".", omittingEmptySubsequences: false)
        guard let first = labels.first, first.hasPrefix("ip-") else { return nil }
        let rest = labels.dropFirst()
        // The bare short name is accepted too: agents often report only the first label.
        let isEC2 = rest.isEmpty || rest.elementsEqual(["ec2", "internal"])
            || (rest.count == 3 && rest.dropFirst().elementsEqual(["compute", "internal"]))
        guard isEC2 else { return nil }
        let octets = first.dropFirst(3).split(separator: "-", omittingEmptySubsequences: false)
        guard octets.count == 4,
              octets.allSatisfy({ !$0.isEmpty && $0.count <= 3 && $0.allSatisfy(\.isNumber) && Int($0)! <= 255 }) else { return nil }
        return octets.joined(separator: ".")
    }
}
