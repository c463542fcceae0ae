/// The endpoint layer's formats, in the order they are listed to users.
public enum EndpointFormats {
    public static let all: [any EventFormat] = [SysmonFormat(), FalconFormat(), AuditdFormat(), OsqueryFormat(), ECSFormat()]
}
