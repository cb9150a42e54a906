using System.Globalization;
using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Services.Catalogue;

public sealed record ItemResponse(
    string Code,
    string Name,
    ServiceItemKind Kind,
    ServiceLevel Level,
    Guid? ResponsibleOrganisationId,
    int LegalDays,
    int PromisedDays,
    bool Immediate,
    IReadOnlyList<ServiceMaterial> Materials,
    string Fees,
    bool Online,
    int Visits,
    string LegalBasis,
    IReadOnlyList<string> LifeEvents,
    int Version,
    string? Department)
{
    internal static ItemResponse From(ServiceItem i) => new(i.Code, i.Name, i.Kind, i.Level, i.ResponsibleOrganisationId, i.LegalDays,
        i.PromisedDays, i.Immediate, i.Materials, i.Fees, i.Online, i.Visits, i.LegalBasis, i.LifeEvents, i.VersionNumber, i.Department);
}

public sealed record ItemVersionResponse(int Number, DateTimeOffset EffectiveFrom, string Reason, ServiceLevel Level, int LegalDays, int PromisedDays,
    bool Immediate, IReadOnlyList<ServiceMaterial> Materials);

public sealed record ItemDetailResponse(ItemResponse Item, IReadOnlyList<ItemVersionResponse> Versions);

public sealed record DevolveRequest(ServiceLevel? Level, string? Reason);

/// <summary>Reads and changes the item catalogue; the catalogue is public, changes are the administrators'.</summary>
public sealed class ServiceCatalogue(GongzhiDbContext db, TimeProvider clock)
{
    public const int MaxQueryLength = 50;

    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");

    /// <summary>
    /// Items whose name or code contains <paramref name="q"/>, or whose life event's Chinese name does (养老 finds
    /// the elderly items); narrowed by life event and level. The catalogue is a few hundred rows: read whole.
    /// </summary>
    public async Task<IReadOnlyList<ItemResponse>> SearchAsync(string? q, string? lifeEvent, ServiceLevel? level, CancellationToken cancellationToken)
    {
        var words = q?.Trim() ?? "";
        if (words.Length > MaxQueryLength)
        {
            throw FieldValidationException.Field("q", ServicesText.Format("Field.TooLong", MaxQueryLength));
        }
        if (!string.IsNullOrWhiteSpace(lifeEvent) && !LifeEvents.All.Contains(lifeEvent))
        {
            throw FieldValidationException.Field("lifeEvent", ServicesText.Get("Item.UnknownLifeEvent"));
        }
        var items = await db.Set<ServiceItem>().AsNoTracking().ToListAsync(cancellationToken);
        return items
            .Where(i => level is null || i.Level == level)
            .Where(i => string.IsNullOrWhiteSpace(lifeEvent) || i.LifeEvents.Contains(lifeEvent))
            .Where(i => words.Length == 0 || Matches(i, words))
            .OrderBy(i => i.Level).ThenBy(i => i.Code, StringComparer.Ordinal)
            .Select(ItemResponse.From)
            .ToList();
    }

    public async Task<ItemDetailResponse?> FindAsync(string code, CancellationToken cancellationToken)
    {
        var item = await db.Set<ServiceItem>().AsNoTracking().FirstOrDefaultAsync(i => i.Code == code, cancellationToken);
        if (item is null)
        {
            return null;
        }
        var versions = await db.Set<ServiceItemVersion>().AsNoTracking().Where(v => v.ItemId == item.Id).OrderByDescending(v => v.Number)
            .ToListAsync(cancellationToken);
        return new ItemDetailResponse(ItemResponse.From(item), versions
            .Select(v => new ItemVersionResponse(v.Number, v.EffectiveFrom, v.Reason, v.Level, v.LegalDays, v.PromisedDays, v.Immediate, v.Materials))
            .ToList());
    }

    /// <summary>下放: the item moves to a lower level as a new version with its reason.</summary>
    public async Task<ItemDetailResponse?> DevolveAsync(string code, DevolveRequest request, CancellationToken cancellationToken)
    {
        var item = await db.Set<ServiceItem>().FirstOrDefaultAsync(i => i.Code == code, cancellationToken);
        if (item is null)
        {
            return null;
        }
        if (request.Level is not { } to)
        {
            throw FieldValidationException.Field("level", ServicesText.Get("Item.LevelRequired"));
        }
        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            throw FieldValidationException.Field("reason", ServicesText.Get("Item.ReasonRequired"));
        }
        db.Add(item.Devolve(to, clock.GetUtcNow(), request.Reason));
        await db.SaveChangesAsync(cancellationToken);
        return await FindAsync(code, cancellationToken);
    }

    public static string LifeEventName(string key, CultureInfo culture) => ServicesText.Get($"LifeEvent.{key}", culture);

    private static bool Matches(ServiceItem item, string words) =>
        item.Name.Contains(words, StringComparison.OrdinalIgnoreCase)
        || item.Code.Contains(words, StringComparison.OrdinalIgnoreCase)
        || item.LifeEvents.Any(e => LifeEventName(e, Chinese).Contains(words, StringComparison.Ordinal)
            || e.Contains(words, StringComparison.OrdinalIgnoreCase));
}
