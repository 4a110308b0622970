namespace CrmPlatform.Hosting;

public sealed partial class DistributedApplication
{
    public static DistributedApplicationBuilder CreateBuilder(string[] args) =>
        CreateBuilder(new DistributedApplicationOptions { Args = args });

    public static DistributedApplicationBuilder CreateBuilder(DistributedApplicationOptions options) => new(options);
}
