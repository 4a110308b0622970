namespace CrmPlatform.Customers.Accounts;

/// <summary>Maximum lengths, shared by validation (a 422 naming the field) and the column sizes.</summary>
public static class CustomerLimits
{
    public const int Name = 200;
    public const int Email = 254;
    public const int Phone = 32;
    public const int Url = 500;
    public const int ShortText = 100;
    public const int Reason = 500;
    public const int AddressLine = 200;
    public const int Label = Labels.DefaultMaxLength;
    public const int LabelsPerList = Labels.DefaultMaxCount;
    public const int AddressesPerCustomer = 20;
    public const int Notes = 2000;
}
