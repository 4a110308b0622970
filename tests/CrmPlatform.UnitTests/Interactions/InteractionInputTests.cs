using System.Text.Json.Nodes;
using CrmPlatform.Interactions.InteractionLog;
using CrmPlatform.Interactions.Visibility;
using CrmPlatform.ServiceDefaults.Api;

namespace CrmPlatform.UnitTests.Interactions;

public sealed class InteractionInputTests
{
    private static readonly DateTimeOffset _now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("call", "phone")]
    [InlineData("visit", "in_person")]
    [InlineData("meeting", "in_person")]
    [InlineData("email", "email")]
    [InlineData("letter", "post")]
    public void A_type_without_channel_takes_its_usual_channel(string type, string channel)
    {
        var input = Read(new JsonObject { ["type"] = type }, out var errors);

        errors.Any.ShouldBeFalse(string.Join("; ", errors.ToDictionary().Select(e => $"{e.Key}: {e.Value[0]}")));
        input!.Channel.ToWireName().ShouldBe(channel);
    }

    [Fact]
    public void A_note_is_internal_and_has_no_direction()
    {
        var input = Read(new JsonObject { ["type"] = "note", ["direction"] = null }, out _);

        input!.Channel.ShouldBe(InteractionChannel.Internal);
        input.Direction.ShouldBeNull();
    }

    [Fact]
    public void Times_are_refused_without_offset_in_the_future_or_with_the_end_first()
    {
        Read(new JsonObject { ["occurredAt"] = "2026-11-23T10:00:00" }, out var noOffset);
        Read(new JsonObject { ["occurredAt"] = "2026-11-23T12:06:00Z" }, out var ahead);
        Read(new JsonObject { ["occurredAt"] = "2026-11-23T12:04:00Z" }, out var withinTolerance);
        Read(new JsonObject { ["occurredAt"] = "2026-11-23T08:00:00-03:00", ["endedAt"] = "2026-11-23T10:59:00Z" }, out var endFirst);
        Read(new JsonObject { ["occurredAt"] = "2026-11-21T10:00:00Z", ["endedAt"] = "2026-11-22T10:00:01Z" }, out var tooLong);

        noOffset.Has("occurredAt").ShouldBeTrue();
        ahead.Has("occurredAt").ShouldBeTrue();
        withinTolerance.Any.ShouldBeFalse();
        endFirst.Has("endedAt").ShouldBeTrue(); // 08:00 at -03:00 is 11:00 UTC
        tooLong.Has("endedAt").ShouldBeTrue();
    }

    [Fact]
    public void Every_problem_of_a_body_is_reported_at_once()
    {
        Read(new JsonObject { ["type"] = "fax", ["outcome"] = "great", ["subject"] = null, ["departments"] = new JsonArray("sales", "finance"), ["x"] = 1 }, out var errors);

        errors.ToDictionary().Keys.ShouldBe(["type", "outcome", "subject", "departments[1]", "x"], ignoreOrder: true);
    }

    [Fact]
    public void Departments_default_to_all_and_combine_when_named()
    {
        Read(new JsonObject(), out _)!.VisibleTo.ShouldBe(Departments.All);
        Read(new JsonObject { ["departments"] = new JsonArray("sales", "accounting", "sales") }, out _)!.VisibleTo.ShouldBe(Departments.Sales | Departments.Accounting);
    }

    private static InteractionInput? Read(JsonObject changes, out FieldErrors errors)
    {
        var body = new JsonObject
        {
            ["customerId"] = Guid.NewGuid().ToString(),
            ["type"] = "call",
            ["direction"] = "outbound",
            ["occurredAt"] = "2026-11-23T09:00:00Z",
            ["subject"] = "Quote",
        };
        foreach (var (name, value) in changes)
        {
            body[name] = value?.DeepClone();
        }

        errors = new FieldErrors();
        return InteractionInput.Read(body, _now, TimeSpan.FromMinutes(5), errors);
    }
}
