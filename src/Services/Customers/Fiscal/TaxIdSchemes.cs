namespace CrmPlatform.Customers.Fiscal;

/// <summary>The names <see cref="TaxIdCheck.Scheme"/> takes.</summary>
public static class TaxIdSchemes
{
    /// <summary>Brazil, people: Cadastro de Pessoas Físicas.</summary>
    public const string Cpf = "CPF";

    /// <summary>Brazil, companies: Cadastro Nacional da Pessoa Jurídica (numeric or, since July 2026, alphanumeric).</summary>
    public const string Cnpj = "CNPJ";

    /// <summary>Romania, people: Cod Numeric Personal.</summary>
    public const string Cnp = "CNP";

    /// <summary>Romania, companies: Cod Unic de Înregistrare (also called CIF).</summary>
    public const string Cui = "CUI";

    /// <summary>Any other country: letters and digits only, no checksum.</summary>
    public const string Other = "other";
}
