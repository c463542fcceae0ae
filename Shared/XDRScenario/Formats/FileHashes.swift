/// MD5, SHA-1 and SHA-256 of a file, as lower-case hex.
///
/// Synthetic: derived from a name, so the same binary (`powershell.exe`) or the same attachment
/// has the same hashes everywhere it appears, in every tenant and every run.
public struct FileHashes: Sendable, Hashable {
    public var md5: String
    public var sha1: String
    public var sha256: String
    /// Sysmon's `Hashes` text: `SHA1=…,MD5=…,SHA256=…,IMPHASH=…` in upper case (kept, not
    /// rebuilt per record).
    public let sysmonText: String

    public init(of name: String) {
        var random = SplitMix64(seed: 0xF11E_4A54, stream: name.lowercased())
        md5 = random.hex(32)
        sha1 = random.hex(40)
        sha256 = random.hex(64)
        sysmonText = "SHA1=\(sha1.uppercased()),MD5=\(md5.uppercased()),SHA256=\(sha256.uppercased()),IMPHASH=\(String(sha256.prefix(32)).uppercased())"
    }
}
