namespace CrmPlatform.Hosting.Tests;

public class ArgumentsAndBackoffTests
{
    [Fact]
    public void Flags_are_parsed_and_the_rest_is_left_for_configuration()
    {
        var args = AppHostArguments.Parse(["--isolated", "--data-dir", "/tmp/x", "--Ports:gateway=6000", "--keep-data"]);

        args.Isolated.ShouldBeTrue();
        args.KeepData.ShouldBeTrue();
        args.Help.ShouldBeFalse();
        args.DataDirectory.ShouldBe("/tmp/x");
        args.ConfigurationArgs.ShouldBe(["--Ports:gateway=6000"]);
    }

    [Fact]
    public void No_flags_means_normal_mode()
    {
        var args = AppHostArguments.Parse([]);

        args.ShouldBe(new AppHostArguments(false, null, false, false, args.ConfigurationArgs));
        args.ConfigurationArgs.ShouldBeEmpty();
    }

    [Fact]
    public void Data_dir_accepts_the_equals_form_and_help_is_recognised()
    {
        var args = AppHostArguments.Parse(["--data-dir=/srv/crm", "--help"]);

        args.DataDirectory.ShouldBe("/srv/crm");
        args.Help.ShouldBeTrue();
    }

    [Fact]
    public void Data_dir_without_a_path_is_an_error() =>
        Should.Throw<ArgumentException>(() => AppHostArguments.Parse(["--data-dir"]));

    [Fact]
    public void Command_line_configuration_reaches_the_builder()
    {
        var builder = DistributedApplication.CreateBuilder(["--isolated", "--Environment=Staging"]);

        builder.IsIsolated.ShouldBeTrue();
        builder.Configuration["Environment"].ShouldBe("Staging");
    }

    [Fact]
    public void Restart_backoff_doubles_from_one_second_and_caps_at_thirty()
    {
        var backoff = new RestartBackoff();

        var delays = Enumerable.Range(0, 8).Select(_ => backoff.Next(TimeSpan.Zero).TotalSeconds).ToArray();

        delays.ShouldBe([1, 2, 4, 8, 16, 30, 30, 30]);
    }

    [Fact]
    public void Restart_backoff_resets_after_a_minute_of_health()
    {
        var backoff = new RestartBackoff();
        backoff.Next(TimeSpan.Zero);
        backoff.Next(TimeSpan.Zero);
        backoff.Next(TimeSpan.Zero).ShouldBe(TimeSpan.FromSeconds(4));

        backoff.Next(TimeSpan.FromSeconds(61)).ShouldBe(TimeSpan.FromSeconds(1));
    }
}
