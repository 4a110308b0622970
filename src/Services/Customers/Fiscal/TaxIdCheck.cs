using System.Diagnostics.CodeAnalysis;

namespace CrmPlatform.Customers.Fiscal;

/// <summary>
/// The outcome of <see cref="TaxIds"/>.Validate: either the canonical tax id and
/// the scheme it satisfied, or an English message that says what is wrong (fit for a 422).
/// </summary>
/// <remarks>
/// <see cref="Scheme"/> is set on failures too, so a caller can tell which rules were applied.
/// Only the factory methods build values; <c>default</c> is neither valid nor carries an error.
/// </remarks>
public readonly record struct TaxIdCheck
{
    private TaxIdCheck(string? canonical, string? error, string scheme)
    {
        Canonical = canonical;
        Error = error;
        Scheme = scheme;
    }

    /// <summary>The form to store and compare (<see cref="TaxIdentity.Normalize"/>, plus any scheme rule); null when invalid.</summary>
    public string? Canonical { get; }

    /// <summary>Why the tax id was refused; null when valid.</summary>
    public string? Error { get; }

    /// <summary>One of <see cref="TaxIdSchemes"/>.</summary>
    public string? Scheme { get; }

    [MemberNotNullWhen(true, nameof(Canonical), nameof(Scheme))]
    public bool IsValid => Canonical is not null && Scheme is not null;

    internal static TaxIdCheck Valid(string canonical, string scheme) => new(canonical, null, scheme);

    internal static TaxIdCheck Invalid(string scheme, string error) => new(null, error, scheme);
}
