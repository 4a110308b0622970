using CrmPlatform.ServiceDefaults.Security;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrmPlatform.IntegrationTests.Infrastructure;

/// <summary>
/// One service in-process, on the real servers. <typeparamref name="TContext"/> is the service's
/// DbContext: it both names the service's assembly (its entry point) and gives tests its database.
/// Runs as Production so error answers are the ones real callers get. <paramref name="services"/>
/// changes its services, e.g. to give a second instance its own clock. Tokens are validated against
/// <see cref="TestTokens"/>' key; a client from <c>CreateClient()</c> calls as an admin unless a
/// request says otherwise.
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

        builder.ConfigureTestServices(test => test.Configure<JwtBearerOptions>(
            JwtBearerDefaults.AuthenticationScheme, options => options.Configuration = TestTokens.Configuration()));
    }

    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        client.DefaultRequestHeaders.Authorization = TestTokens.Bearer(TestTokens.For(TestTokens.AdminUser, CrmRoles.Admin));
    }

    /// <summary>Runs <paramref name="query"/> on a fresh context of the service's database.</summary>
    public async Task<T> QueryAsync<T>(Func<TContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<TContext>());
    }
}
