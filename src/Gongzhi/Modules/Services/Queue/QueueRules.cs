using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Scoping;

namespace Gongzhi.Modules.Services.Queue;

internal static class QueueActions
{
    public const string Take = "take";
    public const string Call = "call";
    public const string Serve = "serve";
    public const string NoShow = "no-show";
    public const string Arrange = "arrange";
}

/// <summary>
/// Who works a centre's queue: its street's staff (the door clerk and the window clerks) and administrators over it. A
/// resident takes a ticket at any street's centre and sees their own tickets; nobody else takes part.
/// </summary>
internal sealed class QueueRules : IActionRules<QueueTicket>, IActionRules<QueueGroup>
{
    public static readonly QueueRules Instance = new();

    public static bool MayWork(Caller caller, string centre) =>
        (caller.IsAdmin && caller.Covers(centre)) || (caller.IsInRole(Roles.StreetStaff) && caller.Covers(centre));

    public static bool IsHolder(Caller caller, QueueTicket ticket) => caller.UserId is { } me && ticket.HolderUserId == me;

    public bool CanSee(Caller caller, QueueTicket record) => IsHolder(caller, record) || MayWork(caller, record.JurisdictionCode);

    public bool Allows(Caller caller, string action, QueueTicket record) => action switch
    {
        QueueActions.Take => MayWork(caller, record.JurisdictionCode) || (caller.IsInRole(Roles.Resident) && IsHolder(caller, record)),
        QueueActions.Call or QueueActions.Serve or QueueActions.NoShow => MayWork(caller, record.JurisdictionCode),
        _ => false,
    };

    public bool CanSee(Caller caller, QueueGroup record) => true;

    public bool Allows(Caller caller, string action, QueueGroup record) =>
        action == QueueActions.Arrange && MayWork(caller, record.JurisdictionCode);
}
