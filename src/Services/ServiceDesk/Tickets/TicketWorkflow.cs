namespace CrmPlatform.ServiceDesk.Tickets;

/// <summary>
/// The moves a ticket may make: new → open, pending or resolved; open → pending or resolved;
/// pending (waiting on the customer) → open or resolved; resolved → closed, or open again (a reopen,
/// only within the reopen window); closed is final.
/// </summary>
public static class TicketWorkflow
{
    private static readonly Dictionary<TicketStatus, TicketStatus[]> _moves = new()
    {
        [TicketStatus.New] = [TicketStatus.Open, TicketStatus.Pending, TicketStatus.Resolved],
        [TicketStatus.Open] = [TicketStatus.Pending, TicketStatus.Resolved],
        [TicketStatus.Pending] = [TicketStatus.Open, TicketStatus.Resolved],
        [TicketStatus.Resolved] = [TicketStatus.Closed, TicketStatus.Open],
        [TicketStatus.Closed] = [],
    };

    public static IReadOnlyList<TicketStatus> Allowed(TicketStatus from) => _moves[from];

    public static bool CanMove(TicketStatus from, TicketStatus to) => _moves[from].Contains(to);
}

public sealed class TicketOptions
{
    public const string Section = "ServiceDesk:Tickets";

    /// <summary>How long after its resolution a ticket may be reopened; after that, open a new ticket.</summary>
    public TimeSpan ReopenWindow { get; set; } = TimeSpan.FromDays(7);
}
