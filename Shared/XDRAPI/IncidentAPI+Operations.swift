import XDRHTTP

extension IncidentAPI {
    private static let page: [Int] = [400, 401, 403, 404]

    var incidentOperations: [APIOperation] {
        [
            APIOperation("GET", "/v1/incidents", id: "listIncidents",
                         summary: "List incidents, most recently active first, with filters and cursor pagination.",
                         query: Self.listParameters, errors: [400, 401, 403], response: "IncidentPage", handler: listIncidents),
            APIOperation("GET", "/v1/incidents/{id}", id: "getIncident",
                         summary: "One incident: entities with roles, link graph, ATT&CK, SLA timestamps, merges, blast radius. A merged-away id answers 308 to the survivor.",
                         errors: [308, 401, 403, 404], response: "IncidentDetail", handler: incidentDetail),
            APIOperation("GET", "/v1/incidents/{id}/events", id: "listIncidentEvents",
                         summary: "The incident's timeline, oldest first: each event with its link reason and its original record.",
                         query: Self.timelineParameters, errors: [308] + Self.page, response: "EventPage", handler: incidentEvents),
            APIOperation("GET", "/v1/events/{id}", id: "getEvent",
                         summary: "One normalised event with its original record and the incidents it belongs to.",
                         errors: [401, 403, 404], response: "Event", handler: eventDetail),
        ]
    }

    var workflowOperations: [APIOperation] {
        [
            APIOperation("PATCH", "/v1/incidents/{id}", id: "updateIncident",
                         summary: "Move the status along the workflow, close with a verdict, assign, or override severity with a reason.",
                         scope: .write, hasBody: true, errors: [308, 400, 401, 403, 404, 409], response: "Incident", handler: updateIncident),
            APIOperation("GET", "/v1/incidents/{id}/history", id: "listIncidentHistory",
                         summary: "Every analyst change to the incident: who (API key id), when, field, from, to.",
                         errors: [308, 401, 403, 404], handler: incidentHistory),
            APIOperation("GET", "/v1/incidents/{id}/comments", id: "listIncidentComments",
                         summary: "The incident's comments, oldest first.", errors: [308, 401, 403, 404], handler: listComments),
            APIOperation("POST", "/v1/incidents/{id}/comments", id: "addIncidentComment",
                         summary: "Add a comment: {\"body\": \"…\"}.", scope: .write, hasBody: true,
                         errors: [308, 400, 401, 403, 404], handler: addComment),
        ]
    }

    var pivotOperations: [APIOperation] {
        [
            APIOperation("GET", "/v1/incidents/{id}/ocsf", id: "getIncidentOCSF",
                         summary: "The incident as an OCSF Incident Finding (class_uid 2005) with finding_info_list from its detections.",
                         errors: [308, 401, 403, 404], handler: incidentOCSF),
            APIOperation("GET", "/v1/entities/{type}/{value}", id: "getEntity",
                         summary: "Pivot on an entity: the incidents that involve it and its most recent events, within the caller's tenants.",
                         query: Self.entityParameters, errors: [400, 401, 403], handler: entityPivot),
            APIOperation("GET", "/v1/usage", id: "getUsage",
                         summary: "Per tenant and month: events, monitored endpoints and identities, handled incidents, and SLA figures by severity.",
                         query: Self.usageParameters, errors: [400, 401, 403], handler: usage),
            APIOperation("GET", "/v1/stream", id: "streamIncidentChanges",
                         summary: "Server-Sent Events of incident created/updated/merged changes; resumable with Last-Event-ID.",
                         query: Self.streamParameters, errors: [400, 401, 403], handler: incidentStream),
        ]
    }

    var notificationOperations: [APIOperation] {
        [
            APIOperation("POST", "/v1/notification-routes", id: "createNotificationRoute",
                         summary: "Send incident changes at or above a severity to a webhook URL, signed with X-Tsunagi-Signature: sha256=<hex HMAC-SHA256 of the body>.",
                         scope: .write, hasBody: true, errors: [400, 401, 403], handler: createNotificationRoute),
            APIOperation("GET", "/v1/notification-routes", id: "listNotificationRoutes",
                         summary: "The caller's notification routes (secrets are never shown).",
                         query: [APIParameter("tenant", "Operator keys: only this tenant.")], errors: [400, 401, 403], handler: listNotificationRoutes),
            APIOperation("GET", "/v1/notification-routes/{id}/deliveries", id: "listWebhookDeliveries",
                         summary: "The route's deliveries, newest first, each with its attempt log (pending, delivered or dead).",
                         handler: listDeliveries),
        ]
    }

    var responseOperations: [APIOperation] {
        [
            APIOperation("GET", "/v1/response-policy", id: "getResponsePolicy",
                         summary: "The tenant's response policy: investigate first or isolate on detection, and the critical hosts never isolated automatically.",
                         query: Self.policyParameters, errors: [400, 401, 403], handler: getResponsePolicy),
            APIOperation("PUT", "/v1/response-policy", id: "putResponsePolicy",
                         summary: "Replace the tenant's response policy.", scope: .write, query: Self.policyParameters, hasBody: true,
                         errors: [400, 401, 403], handler: putResponsePolicy),
            APIOperation("GET", "/v1/incidents/{id}/actions", id: "listIncidentActions",
                         summary: "Requested response actions and what the tenant's policy recommends for the incident's entities.",
                         errors: [308, 401, 403, 404], handler: listActions),
            APIOperation("POST", "/v1/incidents/{id}/actions", id: "requestIncidentAction",
                         summary: "Request a response action (isolate_host, disable_user, block_ip, block_hash, revoke_sessions); a critical host needs confirm_critical.",
                         scope: .write, hasBody: true, errors: [308, 400, 401, 403, 404, 409], handler: requestAction),
        ]
    }

    var documentOperation: APIOperation {
        APIOperation("GET", "/v1/openapi.json", id: "getOpenAPIDocument",
                     summary: "This API's OpenAPI 3.1 document (no key needed).", scope: .read, errors: [], handler: openAPIDocument)
    }
}
