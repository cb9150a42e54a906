using Gongzhi.Platform.Data;

namespace Gongzhi.Modules.Participation.Notices;

/// <summary>A notice (公告) to the residents of an area; one that asks for acknowledgement keeps read receipts.</summary>
public sealed class Notice : IVisibleToDescendants, IAudited
{
    public const int MaxTitleLength = 200;
    public const int MaxBodyLength = 10000;

    private Notice()
    {
    }

    public Guid Id { get; private set; }

    public string Title { get; private set; } = "";

    public string Body { get; private set; } = "";

    public string JurisdictionCode { get; private set; } = "";

    public bool RequiresAcknowledgement { get; private set; }

    public string PublishedBy { get; private set; } = "";

    public DateTimeOffset PublishedAt { get; private set; }

    public string AuditKey => Id.ToString();

    public static Notice Publish(string title, string body, string jurisdictionCode, bool requiresAcknowledgement, string by, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(),
        Title = title,
        Body = body,
        JurisdictionCode = jurisdictionCode,
        RequiresAcknowledgement = requiresAcknowledgement,
        PublishedBy = by,
        PublishedAt = now,
    };
}

/// <summary>That one resident read (and so acknowledged) a notice: unique per notice and account.</summary>
public sealed class NoticeReceipt
{
    private NoticeReceipt()
    {
    }

    public Guid Id { get; private set; }

    public Guid NoticeId { get; private set; }

    public string AccountId { get; private set; } = "";

    public string ReaderName { get; private set; } = "";

    /// <summary>The reader's own node, so that staff count readers by community.</summary>
    public string ReaderCode { get; private set; } = "";

    public string JurisdictionCode { get; private set; } = "";

    public DateTimeOffset ReadAt { get; private set; }

    public static NoticeReceipt Of(Notice notice, string accountId, string readerName, string readerCode, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(),
        NoticeId = notice.Id,
        AccountId = accountId,
        ReaderName = readerName,
        ReaderCode = readerCode,
        JurisdictionCode = notice.JurisdictionCode,
        // Whole microseconds, as PostgreSQL keeps them: the time answered now is the time read back later.
        ReadAt = now.AddTicks(-(now.Ticks % 10)),
    };
}
