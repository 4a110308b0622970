using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPlatform.IntegrationTests.Infrastructure;

/// <summary>
/// One service in-process, on the real servers. <typeparamref name="TContext"/> is the service's
/// DbContext: it both names the service's assembly (its entry point) and gives tests its database.
/// Runs as Production so error answers are the ones real callers get. <paramref name="services"/>
/// changes its services, e.g. to give a second instance its own clock.
/// </summary>
public sealed class ServiceFactory<TContext>(Action<IServiceCollection>? services = null) : WebApplicationFactory<TContext> where TContext : DbContext
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        if (services is not null)
        {
            builder.ConfigureServices(services);
        }
    }

    /// <summary>Runs <paramref name="query"/> on a fresh context of the service's database.</summary>
    public async Task<T> QueryAsync<T>(Func<TContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<TContext>());
    }
}
