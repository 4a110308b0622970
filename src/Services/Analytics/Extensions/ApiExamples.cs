namespace CrmPlatform.Analytics.Extensions;

/// <summary>Request examples for the API reference, by operation name; each is a request the service accepts.</summary>
internal static class ApiExamples
{
    public static IReadOnlyDictionary<string, string> Requests { get; } = new Dictionary<string, string>
    {
        ["RecordPurchases"] = """
            [ { "purchaseId": "ERP-2026-000123", "customerId": "0193a6a2-7c1e-7b59-9f4e-2f6d1c9a8b10",
                "occurredAt": "2026-12-01T10:15:00Z", "amount": 1520.50, "currency": "BRL", "itemCount": 12, "channel": "store" } ]
            """,
    };
}
