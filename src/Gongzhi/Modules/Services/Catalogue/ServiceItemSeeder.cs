using System.Text.Json;
using System.Text.Json.Serialization;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Startup;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Services.Catalogue;

/// <summary>
/// Adds the catalogue file's items (<c>data/services/items.json</c>, Wuhan items across the three levels) that
/// the database lacks, in every mode, so a fresh installation has a catalogue to publish. Items already there are
/// left alone: their later versions are the centre's own.
/// </summary>
internal sealed class ServiceItemSeeder(TimeProvider clock) : ISeeder
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, "seed", "services", "items.json");

    public int Order => 60;

    public async Task SeedAsync(GongzhiDbContext db, SeedContext context, CancellationToken cancellationToken)
    {
        var specs = await LoadAsync(DefaultPath, cancellationToken);
        var existing = (await db.Set<ServiceItem>().Select(i => i.Code).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var now = clock.GetUtcNow();
        // Items published before the catalogue named departments get theirs; nothing else of an existing item is touched.
        var departments = specs.Where(s => s.Department is not null).ToDictionary(s => s.Code, s => s.Department, StringComparer.Ordinal);
        var unnamed = await db.Set<ServiceItem>().Where(i => i.Department == null).ToListAsync(cancellationToken);
        var named = unnamed.Count(i => i.FillDepartment(departments.GetValueOrDefault(i.Code)));
        var added = 0;
        foreach (var spec in specs.Where(s => !existing.Contains(s.Code)))
        {
            var (item, version) = ServiceItem.Create(spec, now, "事项清单初始发布");
            db.Add(item);
            db.Add(version);
            added++;
        }
        if (added == 0 && named == 0)
        {
            return;
        }
        await db.SaveChangesAsync(cancellationToken);
        context.Log.LogInformation("Seeded {Count} service items", added);
    }

    internal static async Task<IReadOnlyList<ServiceItemSpec>> LoadAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        var file = await JsonSerializer.DeserializeAsync<CatalogueFile>(stream, Json, cancellationToken)
            ?? throw new InvalidDataException($"{path} holds no catalogue.");
        return file.Items;
    }

    private sealed record CatalogueFile(IReadOnlyList<ServiceItemSpec> Items);
}
