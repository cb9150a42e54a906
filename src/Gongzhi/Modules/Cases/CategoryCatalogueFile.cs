using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gongzhi.Modules.Cases;

/// <summary>
/// Reads the seed catalogue (<c>data/catalogue/case-categories.json</c>): 大类 with their 小类 nested, a
/// 小类 inheriting its parent's anonymity, duplicate radius and window, and any step limit it does not set.
/// </summary>
public static class CategoryCatalogueFile
{
    public const string FileName = "case-categories.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>Beside the app, where the build copies the committed seed data.</summary>
    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, "seed", FileName);

    public static async Task<IReadOnlyList<CaseCategory>> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        await using var stream = File.OpenRead(path);
        var file = await JsonSerializer.DeserializeAsync<CatalogueDocument>(stream, Json, cancellationToken)
            ?? throw new InvalidDataException($"{path} is empty.");
        return Flatten(file);
    }

    internal static IReadOnlyList<CaseCategory> Flatten(CatalogueDocument file)
    {
        var categories = new List<CaseCategory>();
        var order = 0;
        foreach (var major in file.Categories)
        {
            var limits = major.Limits?.Complete(null)
                ?? throw new InvalidDataException($"大类 {major.Code} needs time limits for every step.");
            categories.Add(CaseCategory.Create(major.Code, null, major.NameZh, major.NameEn, major.Keywords ?? [],
                major.AllowAnonymous ?? true, major.DuplicateRadiusMeters ?? 50, major.DuplicateWindowHours ?? 72, limits,
                major.Attributes, order++));
            foreach (var minor in major.Children ?? [])
            {
                categories.Add(CaseCategory.Create(minor.Code, major.Code, minor.NameZh, minor.NameEn, minor.Keywords ?? [],
                    minor.AllowAnonymous ?? major.AllowAnonymous ?? true,
                    minor.DuplicateRadiusMeters ?? major.DuplicateRadiusMeters ?? 50,
                    minor.DuplicateWindowHours ?? major.DuplicateWindowHours ?? 72,
                    minor.Limits?.Complete(limits) ?? limits,
                    minor.Attributes, order++));
            }
        }
        return categories;
    }

    internal sealed record CatalogueDocument(List<CategoryEntry> Categories);

    internal sealed record CategoryEntry(
        string Code,
        string NameZh,
        string NameEn,
        List<string>? Keywords,
        bool? AllowAnonymous,
        int? DuplicateRadiusMeters,
        int? DuplicateWindowHours,
        LimitsEntry? Limits,
        List<CategoryAttribute>? Attributes,
        List<CategoryEntry>? Children);

    /// <summary>Each step as <c>[normal, urgent, critical]</c> working hours.</summary>
    internal sealed record LimitsEntry(double[]? Register, double[]? Dispatch, double[]? Accept, double[]? Resolve, double[]? Verify)
    {
        public TimeLimits Complete(TimeLimits? inherited) => new(
            Step(Register, inherited?.Register, "register"),
            Step(Dispatch, inherited?.Dispatch, "dispatch"),
            Step(Accept, inherited?.Accept, "accept"),
            Step(Resolve, inherited?.Resolve, "resolve"),
            Step(Verify, inherited?.Verify, "verify"));

        private static StepLimit Step(double[]? hours, StepLimit? inherited, string name) => hours switch
        {
            [var normal, var urgent, var critical] => new StepLimit(normal, urgent, critical),
            null when inherited is not null => inherited,
            _ => throw new InvalidDataException($"The '{name}' limit needs three numbers: normal, urgent, critical working hours."),
        };
    }
}
