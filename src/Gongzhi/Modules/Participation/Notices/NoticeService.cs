using Gongzhi.Modules.Notifications;
using Gongzhi.Modules.Participation.Residence;
using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Scoping;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Participation.Notices;

public sealed record CreateNoticeRequest(string? Title, string? Body, string? JurisdictionCode, bool? RequiresAcknowledgement);

public sealed record NoticeResponse(Guid Id, string Title, string Body, string JurisdictionCode, bool RequiresAcknowledgement, DateTimeOffset PublishedAt,
    DateTimeOffset? ReadAt)
{
    internal static NoticeResponse From(Notice n, DateTimeOffset? readAt) =>
        new(n.Id, n.Title, n.Body, n.JurisdictionCode, n.RequiresAcknowledgement, n.PublishedAt, readAt);
}

public sealed record ReceiptRow(string Name, string CommunityCode, DateTimeOffset? ReadAt);

/// <summary>Who read and who has not, among the verified residents of the area the caller covers; readers without a verified residence count as read.</summary>
public sealed record NoticeReceipts(Guid NoticeId, string Title, bool RequiresAcknowledgement, int Expected, int ReadCount, int NotReadCount,
    IReadOnlyList<ReceiptRow> Read, IReadOnlyList<ReceiptRow> NotRead);

/// <summary>Notices to an area's residents and their read receipts.</summary>
public sealed class NoticeService(GongzhiDbContext db, RecordActions actions, ResidenceService residence, Notifier notifier, TimeProvider clock)
{
    internal const string PublishAction = "publish";

    private static readonly NoticeRules Rules = new();

    public async Task<Notice> PublishAsync(Caller caller, CreateNoticeRequest request, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Title) || request.Title.Trim().Length > Notice.MaxTitleLength)
        {
            errors["title"] = [ParticipationText.Format("Field.Title", Notice.MaxTitleLength)];
        }
        if (string.IsNullOrWhiteSpace(request.Body) || request.Body.Trim().Length > Notice.MaxBodyLength)
        {
            errors["body"] = [ParticipationText.Format("Field.Body", Notice.MaxBodyLength)];
        }
        if (!JurisdictionCode.IsWellFormed(request.JurisdictionCode) || request.JurisdictionCode == JurisdictionCode.City)
        {
            errors["jurisdictionCode"] = [ParticipationText.Get("Field.JurisdictionCode")];
        }
        if (errors.Count > 0)
        {
            throw new FieldValidationException(errors);
        }
        var notice = Notice.Publish(request.Title!.Trim(), request.Body!.Trim(), request.JurisdictionCode!, request.RequiresAcknowledgement ?? false,
            caller.UserName ?? "", clock.GetUtcNow());
        if (ParticipationAccess.Organises(caller, notice.JurisdictionCode))
        {
            // In the inbox of every verified resident of the area, saved with the notice.
            var readers = await residence.VerifiedIn(notice.JurisdictionCode).Select(p => p.AccountId).ToListAsync(cancellationToken);
            notifier.Notify(readers, "participation.notice", notice.Title, null, $"/participation/notices/{notice.Id}");
        }
        return await actions.CreateAsync(caller, notice, PublishAction, Rules, cancellationToken);
    }

    public async Task<Notice> GetAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        db.Caller = caller;
        return await db.Set<Notice>().AsNoTracking().FirstOrDefaultAsync(n => n.Id == id, cancellationToken)
            ?? throw new RecordNotFoundException(ParticipationText.Get("NotFound.Notice"));
    }

    public async Task<List<NoticeResponse>> ListAsync(Caller caller, CancellationToken cancellationToken)
    {
        db.Caller = caller;
        var notices = await db.Set<Notice>().AsNoTracking().OrderByDescending(n => n.PublishedAt).Take(100).ToListAsync(cancellationToken);
        var ids = notices.Select(n => n.Id).ToList();
        var me = caller.UserId;
        var read = await db.Set<NoticeReceipt>().AsNoTracking().Where(r => r.AccountId == me && ids.Contains(r.NoticeId))
            .ToDictionaryAsync(r => r.NoticeId, r => r.ReadAt, cancellationToken);
        return notices.Select(n => NoticeResponse.From(n, read.TryGetValue(n.Id, out var at) ? at : null)).ToList();
    }

    public async Task<DateTimeOffset?> ReadAtAsync(Caller caller, Guid id, CancellationToken cancellationToken) =>
        await db.Set<NoticeReceipt>().AsNoTracking().Where(r => r.NoticeId == id && r.AccountId == caller.UserId)
            .Select(r => (DateTimeOffset?)r.ReadAt).FirstOrDefaultAsync(cancellationToken);

    /// <summary>Records that the caller, a resident of the area, read the notice; reading again keeps the first time.</summary>
    public async Task<DateTimeOffset> ReadAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        var notice = await GetAsync(caller, id, cancellationToken);
        if (!ParticipationAccess.IsResident(caller) || caller.UserId is not { } me
            || !JurisdictionCode.IsWithin(caller.ScopeCode, notice.JurisdictionCode))
        {
            throw new ActionForbiddenException(ParticipationText.Get("Forbidden.ResidentsOnly"));
        }
        if (await ReadAtAsync(caller, id, cancellationToken) is { } first)
        {
            return first;
        }
        // The receipt names the reader as the community knows them (their profile), and counts them in their verified community.
        var profile = await residence.MineAsync(caller, cancellationToken);
        var home = profile is { IsVerified: true } ? profile.JurisdictionCode : caller.ScopeCode;
        var receipt = NoticeReceipt.Of(notice, me, profile?.DisplayName ?? caller.UserName ?? me, home, clock.GetUtcNow());
        db.Add(receipt);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return receipt.ReadAt;
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // Two taps at once: the first receipt stands.
            db.ChangeTracker.Clear();
            return await ReadAtAsync(caller, id, cancellationToken) ?? receipt.ReadAt;
        }
    }

    /// <summary>The receipt table of the part of the notice's area the caller organises.</summary>
    public async Task<NoticeReceipts> ReceiptsAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        var notice = await GetAsync(caller, id, cancellationToken);
        if (!ParticipationAccess.IsOrganiser(caller))
        {
            throw new ActionForbiddenException(ParticipationText.Get("Forbidden.StaffOnly"));
        }
        // A community's staff see their own residents of a street's notice; the street sees them all.
        var area = caller.IsSystem || caller.Covers(notice.JurisdictionCode) ? notice.JurisdictionCode : caller.ScopeCode;
        var prefix = JurisdictionCode.QueryPrefix(area);
        var receipts = await db.Set<NoticeReceipt>().AsNoTracking().Where(r => r.NoticeId == id && r.ReaderCode.StartsWith(prefix))
            .OrderBy(r => r.ReadAt).Take(5000).ToListAsync(cancellationToken);
        var readers = receipts.Select(r => r.AccountId).ToHashSet(StringComparer.Ordinal);
        var expected = await residence.VerifiedIn(area).Select(p => new { p.AccountId, p.DisplayName, p.JurisdictionCode })
            .OrderBy(p => p.JurisdictionCode).ThenBy(p => p.DisplayName).Take(5000).ToListAsync(cancellationToken);
        var notRead = expected.Where(p => !readers.Contains(p.AccountId)).Select(p => new ReceiptRow(p.DisplayName, p.JurisdictionCode, null)).ToList();
        var read = receipts.Select(r => new ReceiptRow(r.ReaderName, r.ReaderCode, r.ReadAt)).ToList();
        return new NoticeReceipts(notice.Id, notice.Title, notice.RequiresAcknowledgement, expected.Count, read.Count, notRead.Count, read, notRead);
    }

    private sealed class NoticeRules : IActionRules<Notice>
    {
        public bool CanSee(Caller caller, Notice record) => caller.CanSee(record.JurisdictionCode);

        public bool Allows(Caller caller, string action, Notice record) => ParticipationAccess.Organises(caller, record.JurisdictionCode);
    }
}
