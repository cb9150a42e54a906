using Gongzhi.Modules.Conferences.Venues;
using Gongzhi.Modules.Notifications;
using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Files;
using Gongzhi.Platform.Problems;
using Gongzhi.Platform.Scoping;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gongzhi.Modules.Conferences.Feed;

public enum FeedItemKind
{
    Announcement = 0,
    Document = 1,
}

/// <summary>
/// An announcement or document in a body's feed (共享信息). It sits at the body's node, so the body's level and
/// every level above read it through the scope filter; member units below or beside it read it as members.
/// </summary>
public sealed class FeedItem : IJurisdictional, IAudited
{
    public const int MaxTitleLength = 200;
    public const int MaxTextLength = 8000;

    private FeedItem()
    {
    }

    public Guid Id { get; private set; }

    public Guid BodyId { get; private set; }

    public string JurisdictionCode { get; private set; } = "";

    public FeedItemKind Kind { get; private set; }

    public string Title { get; private set; } = "";

    public string? Text { get; private set; }

    public IReadOnlyList<Guid> FileIds { get; private set; } = [];

    public string? PostedBy { get; private set; }

    public DateTimeOffset PostedAt { get; private set; }

    public string AuditKey => $"{JurisdictionCode}:{Title}";

    public static FeedItem Post(ConferenceBody body, FeedItemKind kind, string title, string? text, IReadOnlyList<Guid> fileIds, string? by,
        DateTimeOffset now)
    {
        if (!Enum.IsDefined(kind))
        {
            throw new RuleViolationException(ConferencesText.Get("Rule.Feed.Kind"));
        }
        if (string.IsNullOrWhiteSpace(title) || title.Trim().Length > MaxTitleLength)
        {
            throw new RuleViolationException(ConferencesText.Format("Rule.Feed.Title", MaxTitleLength));
        }
        if (text is { Length: > MaxTextLength })
        {
            throw new RuleViolationException(ConferencesText.Format("Rule.Feed.Text", MaxTextLength));
        }
        if (kind == FeedItemKind.Document && fileIds.Count == 0)
        {
            throw new RuleViolationException(ConferencesText.Get("Rule.Feed.File"));
        }
        if (kind == FeedItemKind.Announcement && string.IsNullOrWhiteSpace(text))
        {
            throw new RuleViolationException(ConferencesText.Get("Rule.Feed.AnnouncementText"));
        }
        return new FeedItem
        {
            Id = Guid.CreateVersion7(now),
            BodyId = body.Id,
            JurisdictionCode = body.JurisdictionCode,
            Kind = kind,
            Title = title.Trim(),
            Text = string.IsNullOrWhiteSpace(text) ? null : text.Trim(),
            FileIds = fileIds.Distinct().ToList(),
            PostedBy = by,
            PostedAt = now,
        };
    }
}

internal sealed class FeedItemConfiguration : IEntityTypeConfiguration<FeedItem>
{
    public void Configure(EntityTypeBuilder<FeedItem> builder)
    {
        builder.ToTable("conference_feed_items");
        builder.Property(f => f.Id).ValueGeneratedNever();
        builder.Property(f => f.JurisdictionCode).HasMaxLength(15);
        builder.Property(f => f.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(f => f.Title).HasMaxLength(FeedItem.MaxTitleLength);
        builder.Property(f => f.Text).HasMaxLength(FeedItem.MaxTextLength);
        builder.Property(f => f.PostedBy).HasMaxLength(64);
        builder.Property(f => f.FileIds).HasJsonListConversion();
        builder.HasIndex(f => new { f.BodyId, f.PostedAt });
        builder.HasIndex(f => f.JurisdictionCode);
        builder.HasOne<ConferenceBody>().WithMany().HasForeignKey(f => f.BodyId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed record FeedItemResponse(Guid Id, Guid BodyId, FeedItemKind Kind, string Title, string? Text, IReadOnlyList<Guid> FileIds,
    string? PostedBy, DateTimeOffset PostedAt)
{
    internal static FeedItemResponse From(FeedItem f) => new(f.Id, f.BodyId, f.Kind, f.Title, f.Text, f.FileIds, f.PostedBy, f.PostedAt);
}

public sealed record PostFeedItemRequest(FeedItemKind? Kind, string? Title, string? Text, IReadOnlyList<Guid>? FileIds);

/// <summary>A body's feed: who reads it, and the body's own level posting to it.</summary>
internal sealed class BodyFeed(GongzhiDbContext db, RecordActions actions, PhotoLibrary files, LivePublisher live, TimeProvider clock)
{
    /// <summary>
    /// The body's level and those above read the feed through the scope filter; a current member unit's staff and the
    /// level of a body directly below read it as members. Everyone else does not learn the feed exists.
    /// </summary>
    public async Task<bool> MayReadAsync(Caller caller, ConferenceBody body, CancellationToken cancellationToken) =>
        caller.Covers(body.JurisdictionCode)
        || VenueBookings.MayBook(caller, body, await VenueBookings.MemberOrganisationsAsync(db, body.Id, cancellationToken));

    public async Task<List<FeedItemResponse>> ListAsync(Caller caller, Guid id, DateTimeOffset? before, CancellationToken cancellationToken)
    {
        using var _ = db.As(caller);
        var body = await db.Set<ConferenceBody>().AsNoTracking().FirstOrDefaultAsync(b => b.Id == id, cancellationToken);
        if (body is null || !await MayReadAsync(caller, body, cancellationToken))
        {
            throw new RecordNotFoundException();
        }
        // Members below the body's node read its feed too; who may has just been decided.
        var query = db.Set<FeedItem>().IgnoreQueryFilters().AsNoTracking().Where(f => f.BodyId == id);
        if (before is { } b)
        {
            query = query.Where(f => f.PostedAt < b);
        }
        var items = await query.OrderByDescending(f => f.PostedAt).Take(100).ToListAsync(cancellationToken);
        return items.Select(FeedItemResponse.From).ToList();
    }

    /// <summary>The body's own level posts; files are photos or scans uploaded through <c>/api/v1/files</c> and taken in by the item.</summary>
    public async Task<FeedItemResponse> PostAsync(Caller caller, Guid id, PostFeedItemRequest request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        FeedItem? item = null;
        var body = await actions.RunAsync(caller, b => b.Id == id, "post", null, ConferenceRules.Body, async body =>
        {
            var errors = new Dictionary<string, string[]>();
            if (request.Kind is not { } kind || !Enum.IsDefined(kind))
            {
                errors["kind"] = [ConferencesText.Get("Feed.Kind")];
            }
            if (string.IsNullOrWhiteSpace(request.Title) || request.Title.Trim().Length > FeedItem.MaxTitleLength)
            {
                errors["title"] = [ConferencesText.Format("Field.Title", FeedItem.MaxTitleLength)];
            }
            if (request.Text is { Length: > FeedItem.MaxTextLength })
            {
                errors["text"] = [ConferencesText.Format("Field.AtMost", FeedItem.MaxTextLength)];
            }
            if (errors.Count > 0)
            {
                throw new FieldValidationException(errors);
            }
            item = FeedItem.Post(body, request.Kind!.Value, request.Title!, request.Text, request.FileIds ?? [], caller.UserName, now);
            db.Add(item);
            if (item.FileIds.Count > 0)
            {
                await files.AttachAsync(item.FileIds, body.JurisdictionCode, $"ConferenceFeed:{item.Id}", cancellationToken);
            }
        }, cancellationToken);
        await live.PublishAsync(new LiveEvent(BodyFeedApi.LiveKind, item!.Id.ToString(), body.JurisdictionCode, now), cancellationToken);
        return FeedItemResponse.From(item);
    }
}

/// <summary>A body's feed under <c>/api/v1/conferences/bodies/{id}/feed</c>; new items are pushed live as <c>conference.feed</c>.</summary>
public static class BodyFeedApi
{
    public const string LiveKind = "conference.feed";

    internal static void MapBodyFeedApi(this RouteGroupBuilder group)
    {
        group.MapGet("/bodies/{id:guid}/feed", ListAsync);
        group.MapPost("/bodies/{id:guid}/feed", PostAsync).DisableAntiforgery();
    }

    internal static async Task<Ok<List<FeedItemResponse>>> ListAsync(Guid id, DateTimeOffset? before, BodyFeed feed, ICallerAccessor callers,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await feed.ListAsync(callers.Current, id, before, cancellationToken));

    internal static async Task<Created<FeedItemResponse>> PostAsync(Guid id, PostFeedItemRequest request, BodyFeed feed, ICallerAccessor callers,
        CancellationToken cancellationToken) =>
        TypedResults.Created($"/api/v1/conferences/bodies/{id}/feed", await feed.PostAsync(callers.Current, id, request, cancellationToken));
}
