using Microsoft.Extensions.Configuration;

namespace CrmPlatform.Hosting.Orchestration;

/// <summary>What every resource controller needs to know about the run it belongs to.</summary>
internal sealed class OrchestrationContext(
    DataDirectory data, bool isolated, IConfiguration configuration, string repoRoot, string projectConfiguration, ConsoleReporter reporter)
{
    public DataDirectory Data { get; } = data;

    public bool Isolated { get; } = isolated;

    public IConfiguration Configuration { get; } = configuration;

    public string RepoRoot { get; } = repoRoot;

    public string ProjectConfiguration { get; } = projectConfiguration;

    public ConsoleReporter Reporter { get; } = reporter;

    public PidFiles PidFiles { get; } = new(data.Pids, reporter.Info);
}
