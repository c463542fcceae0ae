import Testing
@testable import XDRCorrelate

@Suite struct CompiledConditionTests {
    /// What `lowercased()` and the String operations say, the way conditions compared before the
    /// byte-wise path for ASCII.
    private func reference(_ raw: String, _ op: MatchOperator, _ wanted: String) -> Bool {
        let value = raw.lowercased()
        switch op {
        case .equals, .in: return value == wanted
        case .contains: return wanted.isEmpty || value.utf8.firstRange(of: wanted.utf8) != nil
        case .startswith: return value.hasPrefix(wanted)
        case .endswith: return value.hasSuffix(wanted)
        }
    }

    /// Every operator, on ASCII values of any case and on non-ASCII ones, agrees with comparing
    /// lower-case copies: equal, prefix, suffix, inside, longer than the value, empty.
    @Test func comparesWithoutCaseAsLowerCaseCopiesWould() {
        let values = ["C:\\Windows\\System32\\WINWORD.EXE", "powershell.exe -Enc SQBFAFgA", "", "a", "ÄRGER.exe",
                      "Straße\\cmd.exe", "winword", "WINWORD", "x-winword-y", "\u{212A}elvin"]
        let wanted = ["winword.exe", "\\system32\\", "powershell", "-enc", "", "a", "ärger", "cmd.exe", "winword", "word",
                      "x-winword-y-z", "kelvin", "straße"]
        for value in values {
            for op in MatchOperator.allCases {
                for item in wanted {
                    #expect(CompiledCondition.matches(value, op, [item]) == reference(value, op, item), "\(value) \(op) \(item)")
                }
                #expect(CompiledCondition.matches(value, op, wanted) == wanted.contains { reference(value, op, $0) })
            }
        }
        #expect(CompiledCondition.matches("C:\\Program Files\\Microsoft Office\\WINWORD.EXE", .endswith, ["\\winword.exe"]))
        #expect(!CompiledCondition.matches("winword.exe", .endswith, ["\\winword.exe"]))
    }
}
