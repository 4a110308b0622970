using CrmPlatform.IntegrationTests.Infrastructure;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CrmPlatform.IntegrationTests.Messaging;

[Collection(SuiteCollection.Name)]
public sealed class BusConfigurationTests(Suite suite)
{
    [Fact]
    public void No_service_reports_usage_telemetry_to_the_messaging_vendor()
    {
        foreach (var services in new[] { suite.Customers.Services, suite.Interactions.Services, suite.ServiceDesk.Services, suite.Analytics.Services })
        {
            services.GetRequiredService<IOptions<UsageTelemetryOptions>>().Value.Enabled.ShouldBeFalse();
        }
    }
}
