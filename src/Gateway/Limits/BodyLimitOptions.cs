namespace CrmPlatform.Gateway.Limits;

/// <summary>Request body sizes the gateway accepts (configuration section <c>Limits</c>).</summary>
internal sealed class BodyLimitOptions
{
    public const string Section = "Limits";

    /// <summary>Every route but the uploads: 1 MB is far more than any JSON command the API takes.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1L << 20;

    /// <summary>POST /api/customers/imports: the customers service's own cap (Import:MaxFileBytes, 1 GB).</summary>
    public long CustomerImportMaxBytes { get; set; } = 1L << 30;

    /// <summary>
    /// POST /api/analytics/purchases/history: the service streams the CSV into COPY and sets no cap, so
    /// the gateway's is the only one. 1 GB holds a 10M-purchase history in one file (about 100 bytes a
    /// line); the benchmark loads it in 1M-line requests of about 100 MB.
    /// </summary>
    public long PurchaseHistoryMaxBytes { get; set; } = 1L << 30;
}
