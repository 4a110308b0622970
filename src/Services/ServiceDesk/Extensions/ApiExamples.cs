namespace CrmPlatform.ServiceDesk.Extensions;

/// <summary>Request examples for the API reference, by operation name; each is a request the service accepts.</summary>
internal static class ApiExamples
{
    public static IReadOnlyDictionary<string, string> Requests { get; } = new Dictionary<string, string>
    {
        ["OpenTicket"] = """
            { "customerId": "0193a6a2-7c1e-7b59-9f4e-2f6d1c9a8b10", "type": "complaint", "channel": "phone",
              "subject": "Late delivery", "description": "Order 1234 is a week late." }
            """,
        ["RecordNps"] = """{ "customerId": "0193a6a2-7c1e-7b59-9f4e-2f6d1c9a8b10", "score": 9, "comment": "Atendimento rápido." }""",
    };
}
