namespace CrmPlatform.Interactions.InteractionLog;

/// <summary>
/// Which channels fit which type, and the channel a type takes when none is given. A call is by
/// phone, video or WhatsApp; a message is by WhatsApp, SMS, chat or a social network and must say
/// which; a note is internal.
/// </summary>
public static class InteractionChannels
{
    private static readonly Dictionary<InteractionType, InteractionChannel[]> _allowed = new()
    {
        [InteractionType.Call] = [InteractionChannel.Phone, InteractionChannel.Video, InteractionChannel.Whatsapp],
        [InteractionType.Visit] = [InteractionChannel.InPerson],
        [InteractionType.Meeting] = [InteractionChannel.InPerson, InteractionChannel.Video, InteractionChannel.Phone],
        [InteractionType.Email] = [InteractionChannel.Email],
        [InteractionType.Message] = [InteractionChannel.Whatsapp, InteractionChannel.Sms, InteractionChannel.Chat, InteractionChannel.SocialNetwork],
        [InteractionType.Letter] = [InteractionChannel.Post],
        [InteractionType.Note] = [InteractionChannel.Internal],
    };

    public static IReadOnlyList<InteractionChannel> Allowed(InteractionType type) => _allowed[type];

    /// <summary>The first allowed channel, unless the type has several plausible ones (a message: which app?).</summary>
    public static InteractionChannel? Default(InteractionType type) => type == InteractionType.Message ? null : _allowed[type][0];

    /// <summary>Notes are not exchanged with anyone, so they have no direction; everything else has one.</summary>
    public static bool HasDirection(InteractionType type) => type != InteractionType.Note;
}
