using System.Security.Claims;
using System.Text.Json.Nodes;
using CrmPlatform.Customers.Accounts;
using CrmPlatform.ServiceDefaults.Security;

namespace CrmPlatform.Customers.Access;

/// <summary>
/// Property-level authorization on what a customer answer shows. Sales (and admins) see the whole
/// customer; accounting sees the fiscal and commercial terms; logistics and support see addresses
/// and the company's channels; marketing and analysts see the profile, not fiscal data, addresses or
/// channels (marketing reaches people through contacts who consented). A caller with several roles
/// sees what any of them may.
/// </summary>
public static class CustomerFieldVisibility
{
    private static readonly string[] _fiscal = ["taxId", "fiscal", "creditLimit", "currency", "paymentTermsDays", "overdueInvoices"];
    private static readonly string[] _addresses = ["addresses"];
    private static readonly string[] _channels = ["email", "phone"];

    /// <summary>The JSON members <paramref name="user"/> may not see; empty when they see everything.</summary>
    public static IReadOnlySet<string> HiddenFrom(ClaimsPrincipal user)
    {
        if (Any(user, CrmRoles.Admin, CrmRoles.SalesManager, CrmRoles.SalesRep))
        {
            return new HashSet<string>();
        }

        var hidden = new HashSet<string>(_fiscal.Concat(_addresses).Concat(_channels));
        if (user.IsInRole(CrmRoles.Accounting))
        {
            hidden.ExceptWith(_fiscal);
            hidden.ExceptWith(_addresses); // invoices go to the billing address
            hidden.ExceptWith(_channels);
        }

        if (Any(user, CrmRoles.Logistics, CrmRoles.SupportAgent))
        {
            hidden.ExceptWith(_addresses);
            hidden.ExceptWith(_channels);
        }

        return hidden;
    }

    /// <summary>A customer document (<see cref="CustomerResponse"/> JSON) without what the caller may not see.</summary>
    public static string Redact(string customerJson, IReadOnlySet<string> hidden)
    {
        if (hidden.Count == 0)
        {
            return customerJson;
        }

        var document = JsonNode.Parse(customerJson)!.AsObject();
        RemoveFrom(document, hidden);
        return document.ToJsonString(CustomerResponse.Json);
    }

    public static void RemoveFrom(JsonObject item, IReadOnlySet<string> hidden)
    {
        foreach (var name in hidden)
        {
            item.Remove(name);
        }
    }

    private static bool Any(ClaimsPrincipal user, params string[] roles) => roles.Any(user.IsInRole);
}
