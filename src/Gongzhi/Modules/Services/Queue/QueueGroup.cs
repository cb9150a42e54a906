using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Data;

namespace Gongzhi.Modules.Services.Queue;

/// <summary>
/// A group of items a street centre's windows serve together (e.g. A 社保医保, B 民政救助); its letter starts every ticket
/// of the group (A001). Groups are the centre's own: each centre arranges its windows as its hall allows.
/// </summary>
public sealed class QueueGroup : IJurisdictional, IAudited
{
    public const int MaxNameLength = 40;
    public const int MaxItems = 100;

    private QueueGroup()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>The street of the centre.</summary>
    public string JurisdictionCode { get; private set; } = "";

    /// <summary>One capital letter, unique in the centre.</summary>
    public string Prefix { get; private set; } = "";

    public string Name { get; private set; } = "";

    /// <summary>Codes of the catalogue items the group's windows take.</summary>
    public IReadOnlyList<string> ItemCodes { get; private set; } = [];

    public string AuditKey => $"{JurisdictionCode}/{Prefix}";

    public static QueueGroup Create(string centre, string? prefix, string? name, IReadOnlyList<string>? itemCodes)
    {
        var errors = new Dictionary<string, string[]>();
        var letter = prefix?.Trim().ToUpperInvariant() ?? "";
        if (letter.Length != 1 || letter[0] is < 'A' or > 'Z')
        {
            errors["prefix"] = [ServicesText.Get("Queue.BadPrefix")];
        }
        var (text, codes) = Check(name, itemCodes, errors);
        return new QueueGroup { Id = Guid.NewGuid(), JurisdictionCode = centre, Prefix = letter, Name = text, ItemCodes = codes };
    }

    /// <summary>Renames the group or changes what its windows take. The letter stays: it is on the slips handed out today.</summary>
    public void Revise(string? name, IReadOnlyList<string>? itemCodes) =>
        (Name, ItemCodes) = Check(name, itemCodes, new Dictionary<string, string[]>());

    /// <summary>The name and the distinct item codes; throws with every field error, including those already found.</summary>
    private static (string Name, List<string> Codes) Check(string? name, IReadOnlyList<string>? itemCodes, Dictionary<string, string[]> errors)
    {
        var text = name?.Trim() ?? "";
        if (text.Length is 0 or > MaxNameLength)
        {
            errors["name"] = [ServicesText.Format("Field.Required", MaxNameLength)];
        }
        var codes = (itemCodes ?? []).Select(c => c.Trim()).Where(c => c.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (codes.Count > MaxItems)
        {
            errors["itemCodes"] = [ServicesText.Format("Field.TooMany", MaxItems)];
        }
        if (errors.Count > 0)
        {
            throw new FieldValidationException(errors);
        }
        return (text, codes);
    }
}
