namespace CrmPlatform.ServiceDefaults.Api;

/// <summary>Errors per field, named as on the wire (<c>fiscal.address.city</c>, <c>addresses[1].line1</c>).</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _byField = new(StringComparer.Ordinal);

    public bool Any => _byField.Count > 0;

    /// <summary>How many messages so far: compare before and after reading a part of a body.</summary>
    public int Count => _byField.Values.Sum(messages => messages.Count);

    public bool Has(string field) => _byField.ContainsKey(field);

    public void Add(string field, string message)
    {
        if (!_byField.TryGetValue(field, out var messages))
        {
            _byField[field] = messages = [];
        }

        messages.Add(message);
    }

    public IReadOnlyDictionary<string, string[]> ToDictionary() =>
        _byField.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
}
