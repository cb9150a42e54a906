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

    /// <summary>Rows of an import stored in one transaction; a crash redoes at most one batch.</summary>
    public int ImportBatchSize { get; set; } = 500;

    /// <summary>Seconds between the import worker's looks for unfinished or abandoned jobs.</summary>
    public int ImportPollSeconds { get; set; } = 10;

    /// <summary>A grid worker is over their load above this many persons in the grids they are responsible for.</summary>
    public int GridWorkerMaxPersons { get; set; } = 1500;

    /// <summary>A grid worker is over their load above this many households (户) in their grids.</summary>
    public int GridWorkerMaxHouseholds { get; set; } = 500;

    /// <summary>Days after a person moved away until the record is archived (out of every list).</summary>
    public int ArchiveAfterDays { get; set; } = 180;

    /// <summary>Days after archiving until the person's personal data is erased.</summary>
    public int EraseAfterDays { get; set; } = 730;

    /// <summary>Seconds between retention scans; zero or less turns the timer off (tests call <see cref="Retention.PersonRetention.RunOnceAsync"/>).</summary>
    public int RetentionScanSeconds { get; set; } = 3600;

    /// <summary>The longest a street may grant a department access to its persons, in days.</summary>
    public int GrantMaxDays { get; set; } = 90;

    internal int? CadenceFor(IEnumerable<Persons.CareTag> tags)
    {
        var days = tags.Select(t => CareCadenceDays.TryGetValue(t.ToString(), out var d) ? d : (int?)null).OfType<int>().ToList();
        return days.Count == 0 ? null : days.Min();
    }
}
