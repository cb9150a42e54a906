namespace Gongzhi.Modules.Registry;

/// <summary>The module's settings (section <c>Registry</c>): cities differ, so every cadence and limit is one.</summary>
public sealed class RegistryOptions
{
    public const string Section = "Registry";

    /// <summary>Days between care visits per care tag; a person with several tags is visited at the shortest.</summary>
    public Dictionary<string, int> CareCadenceDays { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["LivingAlone"] = 7,
        ["Elderly"] = 30,
        ["Disabled"] = 30,
        ["LeftBehindChild"] = 14,
        ["SpecialAttention"] = 14,
        ["SubsistenceAllowance"] = 90,
        ["EntitledGroup"] = 90,
    };

    /// <summary>A record not visited for this many months is stale (data-quality worklist).</summary>
    public int StaleAfterMonths { get; set; } = 12;

    /// <summary>The case category a device's alarm opens, per device kind (minor category codes of the catalogue).</summary>
    public Dictionary<string, string> DeviceCategories { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["SmokeDetector"] = "1101",
        ["WaterLevel"] = "0905",
        ["ManholeTilt"] = "0401",
        ["DoorAccess"] = "1105",
        ["ElevatorAlarm"] = "0702",
    };

    /// <summary>The case categories offered on a visit's “open a case” form, in this order.</summary>
    public List<string> VisitCaseCategories { get; set; } = ["1202", "1205", "1201", "1204", "0704", "1001", "1103", "0703"];

    internal int? CadenceFor(IEnumerable<Persons.CareTag> tags)
    {
        var days = tags.Select(t => CareCadenceDays.TryGetValue(t.ToString(), out var d) ? d : (int?)null).OfType<int>().ToList();
        return days.Count == 0 ? null : days.Min();
    }
}
