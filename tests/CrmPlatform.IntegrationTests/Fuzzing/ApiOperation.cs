using System.Text.Json;

namespace CrmPlatform.IntegrationTests.Fuzzing;

/// <summary>One path × method of a service's OpenAPI document, with what the fuzzer varies.</summary>
public sealed record ApiOperation(
    HttpMethod Method,
    string PathTemplate,
    IReadOnlyList<string> PathParameters,
    IReadOnlyList<string> QueryParameters,
    JsonElement? BodySchema,
    IReadOnlyList<string> BodyMediaTypes)
{
    public bool TakesBody => BodySchema is not null || Method == HttpMethod.Post || Method == HttpMethod.Put || Method == HttpMethod.Patch;

    public bool ChangesResource => Method == HttpMethod.Put || Method == HttpMethod.Patch || Method == HttpMethod.Delete;

    public override string ToString() => $"{Method} {PathTemplate}";
}
