namespace CrmPlatform.Interactions.Extensions;

/// <summary>Request examples for the API reference, by operation name; each is a request the service accepts.</summary>
internal static class ApiExamples
{
    public static IReadOnlyDictionary<string, string> Requests { get; } = new Dictionary<string, string>
    {
        ["LogInteraction"] = """
            { "customerId": "0193a6a2-7c1e-7b59-9f4e-2f6d1c9a8b10", "type": "call", "direction": "outbound",
              "occurredAt": "2026-12-02T14:30:00Z", "subject": "Follow-up on the proposal", "outcome": "positive",
              "departments": ["sales"] }
            """,
        ["CreateCommitment"] = """
            { "customerId": "0193a6a2-7c1e-7b59-9f4e-2f6d1c9a8b10", "description": "Send the revised proposal",
              "dueAt": "2026-12-05T18:00:00Z" }
            """,
    };
}
