namespace CrmPlatform;

/// <summary>
/// Resource names shared by the AppHost, the services and the tests. A resource name is also the
/// connection-string name (<c>ConnectionStrings__{name}</c>) or the service-discovery name
/// (<c>services__{name}__http__0</c>), so keeping them in one file stops the three from drifting.
/// The file is linked (not referenced) into each project that needs it.
/// </summary>
internal static class ResourceNames
{
    public const string Postgres = "postgres";
    public const string RabbitMq = "rabbitmq";
    public const string Redis = "redis";

    public const string CustomersDb = "customers-db";
    public const string InteractionsDb = "interactions-db";
    public const string ServiceDeskDb = "service-desk-db";
    public const string AnalyticsDb = "analytics-db";

    public const string Customers = "customers";
    public const string Interactions = "interactions";
    public const string ServiceDesk = "service-desk";
    public const string Analytics = "analytics";
    public const string Gateway = "gateway";
    public const string Identity = "identity";
}
