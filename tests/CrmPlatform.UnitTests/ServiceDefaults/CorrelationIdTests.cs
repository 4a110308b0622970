using CrmPlatform.ServiceDefaults;

namespace CrmPlatform.UnitTests.ServiceDefaults;

public sealed class CorrelationIdTests
{
    [Theory]
    [InlineData("order-42")]
    [InlineData("0af7651916cd43dd8448eb211c80319c")]
    public void A_sane_incoming_id_is_kept(string incoming) =>
        CorrelationIdMiddleware.Resolve(incoming).ShouldBe(incoming);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("<script>")]
    [InlineData("a b")]
    public void A_missing_or_odd_id_is_replaced_by_a_new_one(string? incoming)
    {
        var resolved = CorrelationIdMiddleware.Resolve(incoming);

        resolved.ShouldNotBe(incoming);
        resolved.Length.ShouldBe(32);
    }

    [Fact]
    public void An_oversize_id_is_replaced() =>
        CorrelationIdMiddleware.Resolve(new string('a', 129)).Length.ShouldBe(32);
}
