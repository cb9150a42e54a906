using Gongzhi.Modules.Notifications;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Files;
using Gongzhi.Platform.Problems;
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
            throw new RuleViolationException("An announcement or a document.");
        }
        if (string.IsNullOrWhiteSpace(title) || title.Trim().Length > MaxTitleLength)
        {
            throw new RuleViolationException($"A feed item needs a title of at most {MaxTitleLength} characters.");
        }
        if (text is { Length: > MaxTextLength })
        {
            throw new RuleViolationException($"The text is at most {MaxTextLength} characters.");
        }
        if (kind == FeedItemKind.Document && fileIds.Count == 0)
        {
            throw new RuleViolationException("A document carries at least one file.");
        }
        if (kind == FeedItemKind.Announcement && string.IsNullOrWhiteSpace(text))
        {
            throw new RuleViolationException("An announcement needs its text.");
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

/// <summary>A body's feed under <c>/api/v1/conferences/bodies/{id}/feed</c>; new items are pushed live as <c>conference.feed</c>.</summary>
public static class BodyFeedApi
{
    public const string LiveKind = "conference.feed";

    internal static void MapBodyFeedApi(this RouteGroupBuilder group)
    {
        group.MapGet("/bodies/{id:guid}/feed", ListAsync);
        group.MapPost("/bodies/{id:guid}/feed", PostAsync).DisableAntiforgery();
    }

    /// <summary>
    /// The body's level and those above read the feed through the scope filter; a current member unit's staff and the
    /// level of a body directly below read it as members. Everyone else does not learn the feed exists.
    /// </summary>
    internal static async Task<bool> MayReadAsync(GongzhiDbContext db, ConferenceBody body, CancellationToken cancellationToken)
    {
        if (db.Caller.Covers(body.JurisdictionCode))
        {
            return true;
        }
        var members = await Venues.VenuesApi.MemberOrganisationsAsync(db, body.Id, cancellationToken);
        return Venues.VenuesApi.MayBook(db.Caller, body, members);
    }

    internal static async Task<Results<Ok<List<FeedItemResponse>>, NotFound>> ListAsync(Guid id, DateTimeOffset? before, GongzhiDbContext db,
        CancellationToken cancellationToken)
    {
        var body = await db.Set<ConferenceBody>().AsNoTracking().FirstOrDefaultAsync(b => b.Id == id, cancellationToken);
        if (body is null || !await MayReadAsync(db, body, cancellationToken))
        {
            return TypedResults.NotFound();
        }
        var query = db.Set<FeedItem>().IgnoreQueryFilters().AsNoTracking().Where(f => f.BodyId == id);
        if (before is { } b)
        {
            query = query.Where(f => f.PostedAt < b);
        }
        var items = await query.OrderByDescending(f => f.PostedAt).Take(100).ToListAsync(cancellationToken);
        return TypedResults.Ok(items.Select(FeedItemResponse.From).ToList());
    }

    /// <summary>The body's own level posts; files are photos or scans uploaded through <c>/api/v1/files</c> and taken in by the item.</summary>
    internal static async Task<Results<Created<FeedItemResponse>, NotFound, ValidationProblem, ForbidHttpResult>> PostAsync(Guid id,
        PostFeedItemRequest request, GongzhiDbContext db, PhotoLibrary files, LivePublisher live, TimeProvider clock, CancellationToken cancellationToken)
    {
        var body = await db.Set<ConferenceBody>().AsNoTracking().FirstOrDefaultAsync(b => b.Id == id, cancellationToken);
        if (body is null)
        {
            return TypedResults.NotFound();
        }
        if (!ConferencePermissions.Runs(db.Caller, body))
        {
            return TypedResults.Forbid();
        }
        var errors = new Dictionary<string, string[]>();
        if (request.Kind is not { } kind || !Enum.IsDefined(kind))
        {
            errors["kind"] = ["announcement or document."];
        }
        if (string.IsNullOrWhiteSpace(request.Title) || request.Title.Trim().Length > FeedItem.MaxTitleLength)
        {
            errors["title"] = [$"Give a title of at most {FeedItem.MaxTitleLength} characters."];
        }
        if (request.Text is { Length: > FeedItem.MaxTextLength })
        {
            errors["text"] = [$"At most {FeedItem.MaxTextLength} characters."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var now = clock.GetUtcNow();
        var item = FeedItem.Post(body, request.Kind!.Value, request.Title!, request.Text, request.FileIds ?? [], db.Caller.UserName, now);
        db.Add(item);
        if (item.FileIds.Count > 0)
        {
            await files.AttachAsync(item.FileIds, body.JurisdictionCode, $"ConferenceFeed:{item.Id}", cancellationToken);
        }
        await db.SaveChangesAsync(cancellationToken);
        await live.PublishAsync(new LiveEvent(LiveKind, item.Id.ToString(), body.JurisdictionCode, now), cancellationToken);
        return TypedResults.Created($"/api/v1/conferences/bodies/{id}/feed", FeedItemResponse.From(item));
    }
}
