using System.Security.Claims;
using System.Text.Json.Nodes;
using CrmPlatform.ServiceDefaults.Security;

namespace CrmPlatform.Customers.Access;

/// <summary>
/// Property-level authorization on input (no mass assignment): each role may set only its fields.
/// A field the caller may not set is a 422 naming it, never silently applied or dropped.
/// Sales managers and admins may set every editable field; a sales rep everything but the owner,
/// the stage and the commercial terms; accounting only fiscal data and commercial terms; logistics
/// only addresses. Stage, scores and the read-only members are guarded by the endpoints themselves.
/// </summary>
public static class WritableFields
{
    private static readonly HashSet<string> _managedBySales = ["ownerId", "stage", "creditLimit", "paymentTermsDays", "isStrategic"];
    private static readonly HashSet<string> _accounting = ["taxId", "fiscal", "creditLimit", "currency", "paymentTermsDays"];
    private static readonly HashSet<string> _logistics = ["addresses"];

    /// <summary>Adds an error for each member of <paramref name="body"/> the caller may not set.</summary>
    public static void Check(ClaimsPrincipal user, JsonObject body, FieldErrors errors)
    {
        if (user.IsInRole(CrmRoles.Admin) || user.IsInRole(CrmRoles.SalesManager))
        {
            return;
        }

        foreach (var (name, _) in body)
        {
            if (!MaySet(user, name))
            {
                errors.Add(Text.Shorten(name), "Your role may not set this field.");
            }
        }
    }

    private static bool MaySet(ClaimsPrincipal user, string name) =>
        (user.IsInRole(CrmRoles.SalesRep) && !_managedBySales.Contains(name))
        || (user.IsInRole(CrmRoles.Accounting) && _accounting.Contains(name))
        || (user.IsInRole(CrmRoles.Logistics) && _logistics.Contains(name));
}
