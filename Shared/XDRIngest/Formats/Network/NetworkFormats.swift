/// The network layer's formats, in the order they are listed to users.
public enum NetworkFormats {
    public static let all: [any EventFormat] = [SuricataEVE(), ZeekLog(), ZeekTSV(), CEF()]
}
