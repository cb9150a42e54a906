using Gongzhi.Modules.Cases;
using Gongzhi.Platform.Data;

namespace Gongzhi.Modules.Whistles;

/// <summary>
/// 吹哨报到: a street blows the whistle on a case and summons departments, each of which must report in
/// (报到) within the set time. Each summons is its own record so that departments report in at the same
/// time without contending for one version.
/// </summary>
public sealed class Whistle : IJurisdictional, IAudited
{
    public const int ReasonMaxLength = 1000;
    public const int MaxSummoned = 20;

    private readonly List<WhistleSummons> summons = [];

    private Whistle()
    {
    }

    public Guid Id { get; private set; }

    public Guid CaseId { get; private set; }

    public string CaseReference { get; private set; } = "";

    /// <summary>The case's, when the whistle was blown.</summary>
    public string JurisdictionCode { get; private set; } = "";

    public string BlownBy { get; private set; } = "";

    public string? BlownByUserId { get; private set; }

    public DateTimeOffset BlownAt { get; private set; }

    public string Reason { get; private set; } = "";

    public int ReportInMinutes { get; private set; }

    public DateTimeOffset DueAt { get; private set; }

    public IReadOnlyList<WhistleSummons> Summons => summons;

    public string AuditKey => $"{CaseReference}/{Id}";

    /// <summary>
    /// Summons <paramref name="organisationIds"/> to <paramref name="c"/> and writes the whistle on the case's timeline.
    /// The timeline line carries no reason: everyone who sees the case reads its timeline, the reason is for the parties.
    /// </summary>
    public static Whistle Blow(ICaseTimeline c, CaseActor actor, DateTimeOffset now, IReadOnlyCollection<Guid> organisationIds, string reason,
        int reportInMinutes)
    {
        if (!c.IsOpen)
        {
            throw WhistlesText.Rule("Rule.CaseNotOpen", c.Reference, CaseStates.Zh(c.State), c.State);
        }
        var text = reason?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > ReasonMaxLength)
        {
            throw WhistlesText.Rule("Rule.Reason", ReasonMaxLength);
        }
        var organisations = organisationIds.Where(id => id != Guid.Empty).Distinct().ToList();
        if (organisations.Count is 0 or > MaxSummoned)
        {
            throw WhistlesText.Rule("Rule.Summoned", MaxSummoned);
        }
        if (reportInMinutes <= 0)
        {
            throw WhistlesText.Rule("Rule.Minutes");
        }
        var whistle = new Whistle
        {
            Id = Guid.CreateVersion7(now),
            CaseId = c.Id,
            CaseReference = c.Reference,
            JurisdictionCode = c.JurisdictionCode,
            BlownBy = actor.Name,
            BlownByUserId = actor.UserId,
            BlownAt = now,
            Reason = text,
            ReportInMinutes = reportInMinutes,
            DueAt = now.AddMinutes(reportInMinutes),
        };
        whistle.summons.AddRange(organisations.Select(o => WhistleSummons.Create(whistle, o)));
        c.Annotate(actor, now, CaseActions.Whistle, null, new { whistle = whistle.Id, organisations, due = whistle.DueAt });
        return whistle;
    }

    public WhistleSummons? SummonsOf(Guid organisationId) => summons.FirstOrDefault(s => s.OrganisationId == organisationId);
}

/// <summary>One department called by a whistle, and whether it reported in on time.</summary>
public sealed class WhistleSummons : IJurisdictional, IVersioned
{
    public const int NoteMaxLength = 1000;

    private WhistleSummons()
    {
    }

    public Guid Id { get; private set; }

    public Guid WhistleId { get; private set; }

    public Guid CaseId { get; private set; }

    public string JurisdictionCode { get; private set; } = "";

    public Guid OrganisationId { get; private set; }

    public DateTimeOffset SummonedAt { get; private set; }

    public DateTimeOffset DueAt { get; private set; }

    public DateTimeOffset? ReportedInAt { get; private set; }

    public string? ReportedInBy { get; private set; }

    public string? ReportedInByUserId { get; private set; }

    public string? Note { get; private set; }

    /// <summary>Counted against the department: it did not report in by <see cref="DueAt"/>. Stays set after a late report-in.</summary>
    public bool Missed { get; private set; }

    public DateTimeOffset? MissedAt { get; private set; }

    /// <summary>Reported in, but after <see cref="DueAt"/>.</summary>
    public bool Late => ReportedInAt > DueAt;

    public long Version { get; set; }

    internal static WhistleSummons Create(Whistle whistle, Guid organisationId) => new()
    {
        Id = Guid.CreateVersion7(whistle.BlownAt),
        WhistleId = whistle.Id,
        CaseId = whistle.CaseId,
        JurisdictionCode = whistle.JurisdictionCode,
        OrganisationId = organisationId,
        SummonedAt = whistle.BlownAt,
        DueAt = whistle.DueAt,
    };

    /// <summary>
    /// 报到. A department reports in once. A report-in after the due time is recorded as late and the
    /// miss stays counted: arriving late is still a missed report-in, whether or not the timer flagged it first.
    /// The note stays on the summons (for the parties), not on the case's timeline.
    /// </summary>
    public void ReportIn(ICaseTimeline c, CaseActor actor, DateTimeOffset now, string? note)
    {
        if (ReportedInAt is not null)
        {
            throw WhistlesText.Rule("Rule.AlreadyReportedIn");
        }
        var text = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (text is { Length: > NoteMaxLength })
        {
            throw WhistlesText.Rule("Rule.NoteTooLong", NoteMaxLength);
        }
        ReportedInAt = now;
        ReportedInBy = actor.Name;
        ReportedInByUserId = actor.UserId;
        Note = text;
        if (now > DueAt && !Missed)
        {
            Missed = true;
            MissedAt = now;
        }
        c.Annotate(actor, now, CaseActions.ReportIn, null, new { whistle = WhistleId, organisation = OrganisationId, late = Late });
    }

    /// <summary>
    /// Flags the summons as missed once its time is up without a report-in. Returns false when there is
    /// nothing to flag, so a timer may call it repeatedly.
    /// </summary>
    public bool FlagMissed(ICaseTimeline c, DateTimeOffset now)
    {
        if (Missed || ReportedInAt is not null || now < DueAt)
        {
            return false;
        }
        Missed = true;
        MissedAt = now;
        c.Annotate(CaseActor.System, now, CaseActions.ReportInMissed, null, new { whistle = WhistleId, organisation = OrganisationId, due = DueAt });
        return true;
    }
}
