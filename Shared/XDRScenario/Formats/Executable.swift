/// A program file as Windows and EDR products describe it: path, file name, hashes and the
/// version resource. Worked out once per program, because bulk noise starts many processes of
/// the same few programs.
public struct Executable: Sendable {
    public let path: String
    /// `powershell.exe`.
    public let fileName: String
    /// Sysmon's `OriginalFileName` (upper case, as the version resource usually has it).
    public let originalFileName: String
    /// By default derived from the file name, so a binary hashes the same everywhere.
    public let hashes: FileHashes
    public let company: String
    public let product: String

    public init(_ path: String, hashes: FileHashes? = nil) {
        self.path = path
        fileName = String(path.split(separator: "\\").last ?? Substring(path))
        originalFileName = fileName.uppercased()
        self.hashes = hashes ?? FileHashes(of: fileName)
        (company, product) = Self.vendor(of: path)
    }

    /// Who ships a binary, judged by where it lives; unsigned drops in user folders have no
    /// version resource, which Sysmon writes as `-`.
    static func vendor(of path: String) -> (String, String) {
        if path.hasPrefix("C:\\Windows\\") { return ("Microsoft Corporation", "Microsoft® Windows® Operating System") }
        if path.contains("Microsoft Office") { return ("Microsoft Corporation", "Microsoft Office") }
        if path.contains("Google\\Chrome") { return ("Google LLC", "Google Chrome") }
        if path.contains("Microsoft\\Teams") { return ("Microsoft Corporation", "Microsoft Teams") }
        if path.contains("Windows Defender") { return ("Microsoft Corporation", "Microsoft® Windows® Operating System") }
        if path.contains("Dropbox") { return ("Dropbox, Inc.", "Dropbox") }
        return ("-", "-")
    }
}
