using Microsoft.Extensions.Configuration;

namespace CrmPlatform.Hosting.Orchestration;

/// <summary>
/// Decides every port before anything starts, so connection strings and service-discovery variables
/// are known up front. Normal mode: configuration <c>Ports:&lt;name&gt;</c>, else the requested or
/// default port (stable URLs across runs). Isolated mode: a free port for everything.
/// </summary>
internal sealed class PortAssignment(IConfiguration configuration, bool isolated)
{
    public const int DefaultDashboardPort = 18888;

    private readonly PortAllocator _allocator = new();

    public int Dashboard { get; private set; }

    public void Assign(IEnumerable<Resource> resources)
    {
        var fixedPorts = new List<(string Name, int Port)>();
        Dashboard = Pick("dashboard", DefaultDashboardPort, fixedPorts);
        foreach (var resource in resources)
        {
            switch (resource)
            {
                case ServerResource { IsExternal: true }:
                    break;
                case RabbitMQServerResource rabbitMq:
                    rabbitMq.Port = Pick(rabbitMq.Name, rabbitMq.DefaultPort, fixedPorts);

                    // The default (AMQP port + 20000) does not fit in 16 bits for our port range.
                    rabbitMq.DistributionPort = Pick(rabbitMq.Name + "-dist", rabbitMq.Port + 10, fixedPorts);
                    break;
                case ServerResource server:
                    server.Port = Pick(server.Name, server.DefaultPort, fixedPorts);
                    break;
                case ProjectResource project:
                    project.Port = Pick(project.Name, project.RequestedPort, fixedPorts);
                    break;
            }
        }

        // Fail before starting anything, with the port's owner named, rather than with a bind error in a log.
        var taken = fixedPorts.Where(p => !PortAllocator.IsFree(p.Port)).ToList();
        if (taken.Count > 0)
        {
            throw new DistributedApplicationException(
                "Ports already in use: " + string.Join(", ", taken.Select(p => $"{p.Port} ({p.Name})")) +
                ". Stop whatever holds them, set Ports:<resource> in configuration, or run with --isolated.");
        }
    }

    private int Pick(string name, int? preferred, List<(string, int)> fixedPorts)
    {
        if (isolated)
        {
            return _allocator.GetFreePort();
        }

        var port = configuration.GetValue<int?>($"Ports:{name}") ?? preferred;
        if (port is null)
        {
            return _allocator.GetFreePort();
        }

        fixedPorts.Add((name, port.Value));
        return port.Value;
    }
}
