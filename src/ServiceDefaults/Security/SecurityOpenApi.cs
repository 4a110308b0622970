using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CrmPlatform.ServiceDefaults.Security;

/// <summary>
/// Documents the bearer scheme in every service's OpenAPI document, and on each operation that needs
/// a token: the requirement, the roles that may call it and its 401/403 answers. Read from the
/// endpoint's own authorization metadata, so the document cannot drift from what is enforced.
/// </summary>
public static class SecurityOpenApi
{
    public const string SchemeName = "Bearer";

    public static OpenApiOptions AddBearerSecurity(this OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "An access token for the audience crm-api from the identity provider (in development: POST /connect/token, see docs/identity.md).",
            };
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            if (metadata.OfType<IAllowAnonymous>().Any())
            {
                return Task.CompletedTask;
            }

            operation.Security ??= [];
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, context.Document)] = [] });
            var roles = metadata.OfType<AuthorizationPolicy>()
                .SelectMany(p => p.Requirements.OfType<RolesAuthorizationRequirement>())
                .SelectMany(r => r.AllowedRoles).Distinct().ToList();
            if (roles.Count > 0)
            {
                operation.Description = $"{operation.Description}\n\nRoles: {string.Join(", ", roles)}.".TrimStart();
            }

            operation.Responses ??= [];
            operation.Responses.TryAdd("401", Problem("No valid access token (type unauthenticated)."));
            operation.Responses.TryAdd("403", Problem("The caller's roles may not call this operation (type forbidden)."));
            return Task.CompletedTask;
        });
        return options;
    }

    private static OpenApiResponse Problem(string description) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() },
    };
}
