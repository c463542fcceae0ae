import Testing
@testable import XDRCorrelate

@Suite struct CompiledConditionTests {
    /// What `lowercased()` and the String operations say, the way conditions compared before the
    /// byte-wise path with ASCII letters folded.
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
    /// lower-case copies: equal, prefix, suffix, inside, longer than the value, empty. The values
    /// include the two characters whose lower case is ASCII (İ, the Kelvin sign), beside and inside
    /// the ASCII text a pattern looks for, and a long non-ASCII value with the match at its end.
    @Test func comparesWithoutCaseAsLowerCaseCopiesWould() {
        let values = ["C:\\Windows\\System32\\WINWORD.EXE", "powershell.exe -Enc SQBFAFgA", "", "a", "ÄRGER.exe",
                      "Straße\\cmd.exe", "winword", "WINWORD", "x-winword-y", "\u{212A}elvin",
                      "\u{130}STANBUL\\cmd.exe", "Ärger mit WINWORD.EXE", "W\u{130}NWORD", "\u{212A}ELV\u{130}N",
                      String(repeating: "Grüße ", count: 400) + "POWERSHELL -enc"]
        let wanted = ["winword.exe", "\\system32\\", "powershell", "-enc", "", "a", "ärger", "cmd.exe", "winword", "word",
                      "x-winword-y-z", "kelvin", "straße",
                      "istanbul", "i\u{307}stanbul", "wi\u{307}nword", "elvi", "-enc", "grüße grüße"]
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
