using System.Diagnostics;
using System.Globalization;

namespace CrmPlatform.Hosting.Tests;

public class SafetyTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public async Task A_leftover_process_recorded_in_a_pid_file_is_swept_at_the_next_start()
    {
        var timeout = TestApps.Timeout();
        var dataDirectory = Directory.CreateTempSubdirectory("crm-sweep-").FullName;
        using var leftover = Process.Start(new ProcessStartInfo("/usr/bin/setsid", ["sleep", "300"]))!;
        try
        {
            // What a killed AppHost leaves behind: a live process group and its pid file.
            var startTime = File.ReadAllText($"/proc/{leftover.Id}/stat").Split(") ")[1].Split(' ')[19];
            Directory.CreateDirectory(Path.Combine(dataDirectory, "pids"));
            File.WriteAllText(Path.Combine(dataDirectory, "pids", "redis.pid"), string.Create(CultureInfo.InvariantCulture, $"{leftover.Id} {startTime}\n"));
            var console = new StringWriter();
            var builder = TestApps.Isolated(dataDirectory, TextWriter.Synchronized(console));
            builder.AddRedis("redis");
            await using var app = builder.Build();

            await app.StartAsync(timeout);

            TestApps.IsAlive(leftover.Id).ShouldBeFalse();
            console.ToString().ShouldContain($"sweeping leftover 'redis' (pid {leftover.Id})");
            await app.StopAsync(timeout);
        }
        finally
        {
            if (!leftover.HasExited)
            {
                leftover.Kill(entireProcessTree: true);
            }

            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task A_second_apphost_on_the_same_data_directory_refuses_to_start()
    {
        var timeout = TestApps.Timeout();
        var dataDirectory = Directory.CreateTempSubdirectory("crm-lock-").FullName;
        try
        {
            var first = TestApps.Isolated(dataDirectory);
            first.AddRedis("redis");
            await using var firstApp = first.Build();
            await firstApp.StartAsync(timeout);
            var redisPid = firstApp.GetResourceSnapshot("redis").Pid!.Value;

            var second = TestApps.Isolated(dataDirectory);
            second.AddRedis("redis");
            await using var secondApp = second.Build();
            var error = await Should.ThrowAsync<DistributedApplicationException>(() => secondApp.StartAsync(timeout));

            error.Message.ShouldContain("Another AppHost");
            error.Message.ShouldContain(dataDirectory);
            TestApps.IsAlive(redisPid).ShouldBeTrue("the first AppHost's server must be left alone");
            await firstApp.StopAsync(timeout);
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task A_project_that_was_not_built_fails_start_up_clearly_and_stops_what_started()
    {
        var timeout = TestApps.Timeout();
        var console = new StringWriter();
        var builder = TestApps.Isolated(output: TextWriter.Synchronized(console));
        var redis = builder.AddRedis("redis");
        builder.AddProject("ghost", "src/Nowhere/CrmPlatform.Ghost.csproj").WithReference(redis).WaitFor(redis);
        await using var app = builder.Build();

        var error = await Should.ThrowAsync<DistributedApplicationException>(() => app.StartAsync(timeout));
        output.WriteLine(console.ToString());

        error.Message.ShouldContain("Resource 'ghost'");
        error.Message.ShouldContain("CrmPlatform.Ghost.dll does not exist");
        error.Message.ShouldContain("ghost.log");
        app.GetResourceSnapshot("redis").State.ShouldBe(ResourceState.Stopped);
        Directory.Exists(app.DataDirectory).ShouldBeFalse();
    }
}
