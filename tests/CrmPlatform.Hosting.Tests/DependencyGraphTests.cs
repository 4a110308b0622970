namespace CrmPlatform.Hosting.Tests;

public class DependencyGraphTests
{
    private static DistributedApplicationBuilder NewBuilder() =>
        DistributedApplication.CreateBuilder(new DistributedApplicationOptions { Isolated = true });

    [Fact]
    public void Infrastructure_starts_first_in_one_parallel_layer_and_the_gateway_last()
    {
        var builder = NewBuilder();
        var postgres = builder.AddPostgres("postgres");
        var db = postgres.AddDatabase("customers-db", "customers");
        var rabbit = builder.AddRabbitMQ("rabbitmq");
        var redis = builder.AddRedis("redis");
        var customers = builder.AddProject("customers", "x.csproj").WithReference(db).WithReference(rabbit).WithReference(redis);
        builder.AddProject("gateway", "g.csproj").WithReference(customers).WaitFor(customers);

        var layers = DependencyGraph.StartOrder(builder.Resources);

        layers.Select(l => l.Select(r => r.Name).Order().ToArray()).ShouldBe(
        [
            ["postgres", "rabbitmq", "redis"],
            ["customers-db"],
            ["customers"],
            ["gateway"],
        ]);
        DependencyGraph.StopOrder(builder.Resources)[0].Single().Name.ShouldBe("gateway");
    }

    [Fact]
    public void A_reference_to_a_database_implies_its_server()
    {
        var builder = NewBuilder();
        var db = builder.AddPostgres("pg").AddDatabase("db");
        var project = builder.AddProject("p", "p.csproj").WithReference(db);

        project.Resource.Dependencies.Select(r => r.Name).ShouldBe(["db"]);
        db.Resource.Dependencies.Select(r => r.Name).ShouldBe(["pg"]);
    }

    [Fact]
    public void A_dependency_cycle_is_rejected_naming_the_cycle()
    {
        var builder = NewBuilder();
        var a = builder.AddProject("a", "a.csproj");
        var b = builder.AddProject("b", "b.csproj").WaitFor(a);
        var c = builder.AddProject("c", "c.csproj").WaitFor(b);
        a.WaitFor(c);
        builder.AddRedis("redis");

        var error = Should.Throw<InvalidOperationException>(() => builder.Build());

        error.Message.ShouldContain("cycle");
        error.Message.ShouldContain("a -> c -> b -> a");
    }

    [Fact]
    public void Duplicate_resource_names_are_rejected()
    {
        var builder = NewBuilder();
        builder.AddRedis("cache");

        Should.Throw<InvalidOperationException>(() => builder.AddRabbitMQ("cache"));
    }
}
