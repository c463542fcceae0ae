/// The email layer's formats, in the order they are listed to users.
public enum EmailFormats {
    public static let all: [any EventFormat] = [
        DefenderEmail(),
        ProofpointTAP(),
        PostfixMaillog(),
        ZeekSMTP(),
        M365MessageTrace(),
        ExchangeAudit(),
    ]
}
