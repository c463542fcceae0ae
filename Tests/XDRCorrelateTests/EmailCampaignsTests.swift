import Testing
import XDRModel
@testable import XDRCorrelate

@Suite struct EmailCampaignsTests {
    private func action(title: String?, activity: String?, layer: Layer = .email, classUID: Int = 0) -> String? {
        var factory = EventFactory()
        let event = factory.make(1, layer, classUID: classUID) { event in
            event.title = title
            if let activity { event.details[CorrelationEvent.activityNameDetail] = .string(activity) }
        }
        let resolved = EventResolver(configuration: EngineConfiguration(), users: UserDirectory(configuration: EngineConfiguration()))
            .resolve(event, leases: AddressLeases())
        return EmailCampaigns.action(of: resolved)
    }

    /// "click" in the title or the activity name, in any case, names a click; neither part alone
    /// nor the space between them makes one up.
    @Test func aClickIsNamedInTheTitleOrTheActivityInAnyCase() {
        #expect(action(title: "URL CLICKED in Outlook", activity: nil) == "clicked")
        #expect(action(title: nil, activity: "ClickAllowed") == "clicked")
        #expect(action(title: "Übermittelte Nachricht, geKlickt: nein, Click", activity: "Delivered") == "clicked")
        #expect(action(title: "cli", activity: "ck") == nil)
        #expect(action(title: "Delivered", activity: "Delivered") == nil)
        #expect(action(title: "Process Create", activity: "Launch", layer: .endpoint, classUID: OCSFClass.processActivity) == "ran")
    }
}
