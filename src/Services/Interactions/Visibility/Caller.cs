using CrmPlatform.ServiceDefaults.Security;

namespace CrmPlatform.Interactions.Visibility;

/// <summary>
/// The departments the caller works for, which decide what interactions and timeline entries they
/// see: the roles in their validated access token, each working for one department. An admin sees
/// every department's entries. Nothing a client sends in a header widens this.
/// </summary>
public static class Caller
{
    public static Departments Departments(HttpContext http)
    {
        var user = http.User;
        if (user.IsInRole(CrmRoles.Admin))
        {
            return Visibility.Departments.All;
        }

        var visible = Visibility.Departments.None;
        foreach (var role in CallerIdentity.RolesOf(user))
        {
            visible |= role switch
            {
                CrmRoles.SalesManager or CrmRoles.SalesRep => Visibility.Departments.Sales,
                CrmRoles.SupportAgent => Visibility.Departments.Support,
                CrmRoles.Accounting => Visibility.Departments.Accounting,
                CrmRoles.Logistics => Visibility.Departments.Logistics,
                CrmRoles.Marketing => Visibility.Departments.Marketing,
                _ => Visibility.Departments.None,
            };
        }

        return visible;
    }
}
