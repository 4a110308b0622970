namespace CrmPlatform.Hosting;

/// <summary>
/// The AppHost's own flags. They are taken out before the rest goes to the command-line
/// configuration provider, which cannot read value-less switches like <c>--isolated</c>.
/// </summary>
public sealed record AppHostArguments(
    bool Isolated, string? DataDirectory, bool KeepData, bool Help, IReadOnlyList<string> ConfigurationArgs)
{
    public const string Usage = """
        Usage: CrmPlatform.AppHost [options] [--Key=Value ...]

        Options:
          --isolated         fresh temporary data directory and free ports; deleted on stop
          --data-dir PATH    data directory (default: <repo>/.apphost)
          --keep-data        keep the isolated data directory after stop
          --help             show this help

        Configuration (appsettings.json, environment, or --Key=Value):
          ConnectionStrings:postgres|rabbitmq|redis   use an external server instead of starting one
          Ports:<resource>                            fixed port in normal mode (e.g. Ports:gateway=6080)
          Environment                                 ASPNETCORE_ENVIRONMENT of the projects (Development)
          OTEL_EXPORTER_OTLP_ENDPOINT                 passed on to the projects when set
        """;

    public static AppHostArguments Parse(IReadOnlyList<string> args)
    {
        bool isolated = false, keepData = false, help = false;
        string? dataDirectory = null;
        var rest = new List<string>();

        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            switch (arg)
            {
                case "--isolated":
                    isolated = true;
                    break;
                case "--keep-data":
                    keepData = true;
                    break;
                case "--help" or "-h" or "-?":
                    help = true;
                    break;
                case "--data-dir":
                    if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                    {
                        throw new ArgumentException("--data-dir needs a path.");
                    }

                    dataDirectory = args[++i];
                    break;
                default:
                    if (arg.StartsWith("--data-dir=", StringComparison.Ordinal))
                    {
                        dataDirectory = arg["--data-dir=".Length..];
                    }
                    else
                    {
                        rest.Add(arg);
                    }

                    break;
            }
        }

        return new AppHostArguments(isolated, dataDirectory, keepData, help, rest);
    }
}
