using CrmPlatform.ServiceDefaults;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CrmPlatform.Interactions.Visibility;

/// <summary>
/// The departments the caller works for, which decide what interactions and timeline entries they
/// see. Until the gateway authenticates callers (issue 8) this is the <c>X-Crm-Department</c> header
/// (one or more names, comma-separated); without it the caller sees every department's entries, as
/// a manager does. The gateway will then set it from the verified token and drop any value the client sent.
/// </summary>
public static class Caller
{
    public const string DepartmentHeader = "X-Crm-Department";

    public static (Departments Visible, ProblemHttpResult? Problem) Departments(HttpContext http)
    {
        var header = http.Request.Headers[DepartmentHeader].ToString();
        if (string.IsNullOrWhiteSpace(header))
        {
            return (Visibility.Departments.All, null);
        }

        var visible = Visibility.Departments.None;
        foreach (var name in header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!DepartmentNames.TryParse(name.ToLowerInvariant(), out var department))
            {
                return (Visibility.Departments.None, Problems.BadRequest(
                    $"{DepartmentHeader} names an unknown department.",
                    $"Use one or more of {DepartmentNames.Choices}, comma-separated."));
            }

            visible |= department;
        }

        return (visible, null);
    }
}
