namespace Gongzhi.Modules.Services.Queue;

/// <param name="Group">The group's letter (A).</param>
public sealed record TakeTicketRequest(string? Group);

public sealed record QueueGroupRequest(string? Prefix, string? Name, IReadOnlyList<string>? ItemCodes);

/// <param name="Groups">The letters this window serves; all the centre's groups when empty.</param>
public sealed record CallRequest(IReadOnlyList<string>? Groups = null);

public sealed record TicketActionRequest(long? Version = null);

/// <param name="Group">The letter of the group the ticket moves to.</param>
public sealed record TransferRequest(string? Group, long? Version = null);

public sealed record QueueGroupResponse(Guid Id, string Centre, string Prefix, string Name, IReadOnlyList<string> ItemCodes, int Waiting)
{
    internal static QueueGroupResponse From(QueueGroup g, int waiting) => new(g.Id, g.JurisdictionCode, g.Prefix, g.Name, g.ItemCodes, waiting);
}

/// <param name="Ahead">Waiting tickets that will be called before this one, while it waits.</param>
public sealed record TicketResponse(
    Guid Id,
    string Centre,
    string Label,
    string Group,
    DateOnly Day,
    int Number,
    TicketState State,
    bool Priority,
    Guid? AppointmentId,
    bool Mine,
    DateTimeOffset TakenAt,
    DateTimeOffset? CalledAt,
    int Recalls,
    int Transfers,
    int? Window,
    DateTimeOffset? FinishedAt,
    int? WaitSeconds,
    int? ServiceSeconds,
    int? Ahead,
    long Version)
{
    internal static TicketResponse From(QueueTicket t, bool mine, int? ahead = null) => new(t.Id, t.JurisdictionCode, t.Label, t.Line, t.Day, t.Number,
        t.State, t.Priority, t.AppointmentId, mine, t.TakenAt, t.CalledAt, t.Recalls, t.Transfers, t.Window, t.FinishedAt, t.WaitSeconds, t.ServiceSeconds, ahead, t.Version);
}

/// <summary>What a window shows now (the last ticket it called today), and when the hall last announced it (a recall is newer).</summary>
public sealed record WindowNow(int Window, string Label, TicketState State, DateTimeOffset CalledAt, DateTimeOffset AnnouncedAt, int Recalls);

public sealed record GroupWaiting(string Prefix, string Name, int Waiting);

/// <summary>The hall display: labels and windows only, nothing about who holds a ticket.</summary>
public sealed record HallDisplay(string Centre, DateOnly Day, IReadOnlyList<WindowNow> Windows, IReadOnlyList<GroupWaiting> Groups, int Waiting,
    int? AverageWaitSeconds);
