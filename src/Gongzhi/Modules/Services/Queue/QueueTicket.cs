using System.Globalization;
using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Problems;

namespace Gongzhi.Modules.Services.Queue;

public enum TicketState
{
    /// <summary>Taken, not yet called.</summary>
    Waiting,

    /// <summary>Called to a window, being served.</summary>
    Called,

    Served,

    /// <summary>Called and did not come (过号).</summary>
    NoShow,
}

/// <summary>
/// A ticket (取号) of a street centre's queue: a number per centre, group and day with the group's letter (A001). The
/// instants of taking, calling and finishing are kept, and the waiting and service times in seconds with them, so the
/// centre's waiting is measured rather than guessed. Tickets are not audited record by record: they hold no personal
/// data and a busy hall makes hundreds a day; the steps themselves are the record.
/// </summary>
public sealed class QueueTicket : IJurisdictional, IVersioned
{
    public const int MaxWindow = 99;

    private QueueTicket()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>The street of the centre.</summary>
    public string JurisdictionCode { get; private set; } = "";

    public Guid GroupId { get; private set; }

    /// <summary>The letter of the group that gave the number (on the slip).</summary>
    public string Prefix { get; private set; } = "";

    /// <summary>The letter of the group whose windows the ticket waits for now: its own, or the one it was transferred to.</summary>
    public string Line { get; private set; } = "";

    /// <summary>The centre's local day the ticket belongs to.</summary>
    public DateOnly Day { get; private set; }

    public int Number { get; private set; }

    /// <summary>What the hall shows and calls: the group's letter and the number (A007).</summary>
    public string Label { get; private set; } = "";

    /// <summary>Booked ahead (预约) and checked in: called before the walk-ins of its group.</summary>
    public bool Priority { get; private set; }

    public Guid? AppointmentId { get; private set; }

    public TicketState State { get; private set; }

    /// <summary>The resident the ticket is for, when they took it themselves (or booked); null for one the door clerk gave.</summary>
    public string? HolderUserId { get; private set; }

    public string? TakenByUserId { get; private set; }

    public string? IdempotencyKey { get; private set; }

    public DateTimeOffset TakenAt { get; private set; }

    /// <summary>
    /// Where the ticket stands in its group's line: when it was taken, or when a no-show came back (the end of the line).
    /// A ticket moved to another group keeps it, and so takes the place it would have had there from the start.
    /// </summary>
    public DateTimeOffset QueuedAt { get; private set; }

    /// <summary>The latest call to a window (a transferred ticket is called again at its new group's window).</summary>
    public DateTimeOffset? CalledAt { get; private set; }

    /// <summary>When the hall last announced the ticket: the call, or a recall (重呼) of a resident who has not come up yet.</summary>
    public DateTimeOffset? AnnouncedAt { get; private set; }

    public int Recalls { get; private set; }

    /// <summary>Moves to another group's windows (转组): a resident who came for the wrong line is not sent to take a new ticket.</summary>
    public int Transfers { get; private set; }

    public int? Window { get; private set; }

    public string? CalledBy { get; private set; }

    public DateTimeOffset? FinishedAt { get; private set; }

    /// <summary>Seconds from taking to the first call.</summary>
    public int? WaitSeconds { get; private set; }

    /// <summary>Seconds at windows, from each call to the transfer, served or no-show, added up.</summary>
    public int? ServiceSeconds { get; private set; }

    public long Version { get; set; }

    public static string LabelOf(string prefix, int number) => prefix + number.ToString("D3", CultureInfo.InvariantCulture);

    internal static QueueTicket Take(QueueGroup group, DateOnly day, int number, bool priority, Guid? appointmentId, string? holderUserId,
        string? takenByUserId, string? idempotencyKey, DateTimeOffset now) => new()
    {
        Id = Guid.NewGuid(),
        JurisdictionCode = group.JurisdictionCode,
        GroupId = group.Id,
        Prefix = group.Prefix,
        Line = group.Prefix,
        Day = day,
        Number = number,
        Label = LabelOf(group.Prefix, number),
        Priority = priority,
        AppointmentId = appointmentId,
        State = TicketState.Waiting,
        HolderUserId = holderUserId,
        TakenByUserId = takenByUserId,
        IdempotencyKey = idempotencyKey,
        TakenAt = now,
        QueuedAt = now,
    };

    public void Call(int window, string? by, DateTimeOffset now)
    {
        if (State != TicketState.Waiting)
        {
            throw new RuleViolationException(ServicesText.Get("Ticket.NotWaiting"));
        }
        State = TicketState.Called;
        Window = window;
        CalledBy = by;
        CalledAt = now;
        AnnouncedAt = now;
        // The resident's wait is until they were first seen; a later call after a transfer or a return is not a new wait.
        WaitSeconds ??= Seconds(TakenAt, now);
    }

    /// <summary>Announces the called ticket again (重呼), at the same window.</summary>
    public void Recall(DateTimeOffset now)
    {
        if (State != TicketState.Called)
        {
            throw new RuleViolationException(ServicesText.Get("Ticket.NotCalled"));
        }
        AnnouncedAt = now;
        Recalls++;
    }

    /// <summary>
    /// Sends the called ticket to another group's line (转组). It keeps its label, which is printed on the resident's slip, and
    /// its place by the time it was taken; the time at this window counts as service.
    /// </summary>
    internal void TransferTo(QueueGroup group, DateTimeOffset now)
    {
        if (State != TicketState.Called)
        {
            throw new RuleViolationException(ServicesText.Get("Ticket.NotCalled"));
        }
        if (group.Id == GroupId || group.JurisdictionCode != JurisdictionCode)
        {
            throw FieldValidationException.Field("group", ServicesText.Get("Ticket.TransferSameGroup"));
        }
        ServiceSeconds = (ServiceSeconds ?? 0) + Seconds(CalledAt!.Value, now);
        GroupId = group.Id;
        Line = group.Prefix;
        State = TicketState.Waiting;
        Window = null;
        Transfers++;
    }

    /// <summary>A resident who missed the call comes back the same day (过号重排): back in line, at its end.</summary>
    public void Requeue(DateOnly today, DateTimeOffset now)
    {
        if (State != TicketState.NoShow)
        {
            throw new RuleViolationException(ServicesText.Get("Ticket.NotNoShow"));
        }
        if (Day != today)
        {
            throw new RuleViolationException(ServicesText.Get("Ticket.NotToday"));
        }
        State = TicketState.Waiting;
        Window = null;
        FinishedAt = null;
        QueuedAt = now;
    }

    public void Serve(DateTimeOffset now) => Finish(TicketState.Served, now);

    public void MarkNoShow(DateTimeOffset now) => Finish(TicketState.NoShow, now);

    private void Finish(TicketState state, DateTimeOffset now)
    {
        if (State != TicketState.Called)
        {
            throw new RuleViolationException(ServicesText.Get("Ticket.NotCalled"));
        }
        State = state;
        FinishedAt = now;
        ServiceSeconds = (ServiceSeconds ?? 0) + Seconds(CalledAt!.Value, now);
    }

    private static int Seconds(DateTimeOffset from, DateTimeOffset to) => (int)Math.Max(0, Math.Round((to - from).TotalSeconds));
}

/// <summary>
/// The last number given per centre, group letter and day. Taking a ticket bumps it in one statement (an upsert that
/// returns the new value), so two takes at the same moment can never get the same number on either engine.
/// </summary>
internal sealed class QueueCounter
{
    public string JurisdictionCode { get; set; } = "";

    public string Prefix { get; set; } = "";

    /// <summary>The local day as yyyyMMdd: a plain text key the raw upsert binds the same way on both engines.</summary>
    public string Day { get; set; } = "";

    public int Last { get; set; }
}
