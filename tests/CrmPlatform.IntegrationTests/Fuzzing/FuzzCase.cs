namespace CrmPlatform.IntegrationTests.Fuzzing;

/// <summary>
/// One bad request: <paramref name="Body"/> is raw bytes so malformed UTF-8 can be sent;
/// a null <paramref name="ContentType"/> with a body sends the body without any.
/// </summary>
public sealed record FuzzCase(
    string Name,
    HttpMethod Method,
    string PathAndQuery,
    byte[]? Body = null,
    string? ContentType = null,
    IReadOnlyDictionary<string, string>? Headers = null);
