namespace CrmPlatform.IntegrationTests.Fuzzing;

public sealed record FuzzFailure(FuzzCase Case, int Status, string Fault, string Body)
{
    private const int ShownPath = 160;
    private const int ShownBody = 300;

    public override string ToString()
    {
        var path = Case.PathAndQuery.Length > ShownPath ? Case.PathAndQuery[..ShownPath] + "…" : Case.PathAndQuery;
        var body = Body.Length > ShownBody ? Body[..ShownBody] + "…" : Body;
        return $"{Case.Method} {path} [{Case.Name}] → {Status}: {Fault}\n      {body.ReplaceLineEndings(" ")}";
    }
}
