using System.Net;
using CrmPlatform.Gateway.Routing;

namespace CrmPlatform.UnitTests.Gateway;

public sealed class EndpointAddressTests
{
    [Fact]
    public void An_ip_endpoint_replaces_the_service_name_and_keeps_scheme_and_path() =>
        EndpointAddress.Combine(new Uri("http://customers/base"), new IPEndPoint(IPAddress.Loopback, 5101))
            .ShouldBe("http://127.0.0.1:5101/base");

    [Fact]
    public void A_dns_endpoint_keeps_its_host_name() =>
        EndpointAddress.Combine(new Uri("http://analytics"), new DnsEndPoint("analytics.internal", 8080))
            .ShouldBe("http://analytics.internal:8080");
}
