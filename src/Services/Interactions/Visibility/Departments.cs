namespace CrmPlatform.Interactions.Visibility;

/// <summary>
/// The departments that may see an interaction or timeline entry. Stored as a bit mask so "visible to
/// any of the caller's departments" is one index-friendly test in SQL.
/// </summary>
[Flags]
public enum Departments
{
    None = 0,
    Sales = 1,
    Support = 2,
    Accounting = 4,
    Logistics = 8,
    Marketing = 16,
    All = Sales | Support | Accounting | Logistics | Marketing,
}

public static class DepartmentNames
{
    private static readonly Departments[] _each = [Departments.Sales, Departments.Support, Departments.Accounting, Departments.Logistics, Departments.Marketing];

    public static string Choices { get; } = string.Join(", ", _each.Select(Name));

    public static string Name(Departments department) => department.ToString().ToLowerInvariant();

    public static IReadOnlyList<string> Names(Departments departments) => [.. _each.Where(d => departments.HasFlag(d)).Select(Name)];

    public static bool TryParse(string? name, out Departments department)
    {
        department = _each.FirstOrDefault(d => Name(d) == name);
        return department != Departments.None;
    }
}
