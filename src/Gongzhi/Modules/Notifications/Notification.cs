using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gongzhi.Modules.Notifications;

/// <summary>
/// An in-app message to one account. Written in the same transaction as the change it reports, so a
/// notification is never lost and never sent for a change that was rolled back.
/// </summary>
public sealed class Notification
{
    private Notification()
    {
    }

    public Guid Id { get; private set; }

    public string RecipientUserId { get; private set; } = "";

    /// <summary>What happened, as a stable key (e.g. <c>case.dispatched</c>); the UI chooses icons and filters by it.</summary>
    public string Kind { get; private set; } = "";

    public string Title { get; private set; } = "";

    public string? Body { get; private set; }

    /// <summary>Where the reader goes to act on it, e.g. <c>/cases/{id}</c>.</summary>
    public string? Link { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? ReadAt { get; private set; }

    public static Notification Create(string recipientUserId, string kind, string title, string? body, string? link, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(),
        RecipientUserId = recipientUserId,
        Kind = kind,
        Title = title.Length > 200 ? title[..200] : title,
        Body = body is { Length: > 2000 } ? body[..2000] : body,
        Link = link,
        CreatedAt = now,
    };

    public void MarkRead(DateTimeOffset now) => ReadAt ??= now;
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.ToTable("notifications");
        builder.Property(n => n.RecipientUserId).HasMaxLength(64);
        builder.Property(n => n.Kind).HasMaxLength(64);
        builder.Property(n => n.Title).HasMaxLength(200);
        builder.Property(n => n.Body).HasMaxLength(2000);
        builder.Property(n => n.Link).HasMaxLength(256);
        builder.HasIndex(n => new { n.RecipientUserId, n.CreatedAt });
    }
}
