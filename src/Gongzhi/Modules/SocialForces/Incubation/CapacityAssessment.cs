using Gongzhi.Platform.Data;

namespace Gongzhi.Modules.SocialForces.Incubation;

/// <summary>
/// The scores of a capacity assessment (能力评估), 1 to 5 on each of a fixed set of dimensions: 治理结构, 财务管理,
/// 项目执行, 人才队伍, 公信力. The set is fixed so that assessments of different years and bases compare.
/// </summary>
public sealed record CapacityScores(int Governance, int Finance, int Projects, int People, int PublicTrust)
{
    public const int Lowest = 1;
    public const int Highest = 5;

    /// <summary>The dimensions by their field names, in the order they are shown.</summary>
    public static readonly IReadOnlyList<string> Dimensions = ["governance", "finance", "projects", "people", "publicTrust"];

    public static int MaxTotal => Highest * Dimensions.Count;

    public int Total => Governance + Finance + Projects + People + PublicTrust;

    public int Of(string dimension) => dimension switch
    {
        "governance" => Governance,
        "finance" => Finance,
        "projects" => Projects,
        "people" => People,
        "publicTrust" => PublicTrust,
        _ => throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "Not a capacity dimension."),
    };

    /// <summary>The scores as given, any of them missing or out of range.</summary>
    public sealed record Input(int? Governance, int? Finance, int? Projects, int? People, int? PublicTrust)
    {
        private int? Of(string dimension) => dimension switch
        {
            "governance" => Governance,
            "finance" => Finance,
            "projects" => Projects,
            "people" => People,
            _ => PublicTrust,
        };

        /// <summary>The scores, or null with an error under each dimension that is missing or out of range.</summary>
        internal CapacityScores? Check(Dictionary<string, string[]> errors)
        {
            var wrong = Dimensions.Where(d => Of(d) is not (>= Lowest and <= Highest)).ToList();
            foreach (var dimension in wrong)
            {
                errors[dimension] = [SocialText.Format("Incubation.Score", Lowest, Highest)];
            }
            return wrong.Count > 0 ? null : new CapacityScores(Governance!.Value, Finance!.Value, Projects!.Value, People!.Value, PublicTrust!.Value);
        }
    }
}

/// <summary>One capacity assessment of an incubated organisation: who assessed it, when, and the scores.</summary>
public sealed class CapacityAssessment : IJurisdictional, IAudited, IMadeWithKey
{
    private CapacityAssessment()
    {
    }

    public Guid Id { get; private set; }

    public Guid RecordId { get; private set; }

    public string JurisdictionCode { get; private set; } = "";

    public DateOnly On { get; private set; }

    /// <summary>The assessor as named: an expert, a third-party evaluator (第三方评估机构) or the base's staff.</summary>
    public string Assessor { get; private set; } = "";

    public int Governance { get; private set; }

    public int Finance { get; private set; }

    public int Projects { get; private set; }

    public int People { get; private set; }

    public int PublicTrust { get; private set; }

    /// <summary>The sum of the scores, stored so that the graduation rule and lists read it without adding up again.</summary>
    public int Total { get; private set; }

    public string? Note { get; private set; }

    public string RecordedBy { get; private set; } = "";

    public DateTimeOffset RecordedAt { get; private set; }

    public string? CreatedByUserId { get; private set; }

    public string? IdempotencyKey { get; private set; }

    public string AuditKey => Id.ToString();

    public CapacityScores Scores => new(Governance, Finance, Projects, People, PublicTrust);

    /// <summary>Made by <see cref="IncubationRecord.Assess"/>, which checks the stage and the fields.</summary>
    internal static CapacityAssessment Record(IncubationRecord record, DateOnly on, string assessor, CapacityScores scores, string? note,
        string recordedBy, string? createdByUserId, string? idempotencyKey, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(),
        RecordId = record.Id,
        JurisdictionCode = record.JurisdictionCode,
        On = on,
        Assessor = assessor,
        Governance = scores.Governance,
        Finance = scores.Finance,
        Projects = scores.Projects,
        People = scores.People,
        PublicTrust = scores.PublicTrust,
        Total = scores.Total,
        Note = note,
        RecordedBy = recordedBy,
        RecordedAt = now,
        CreatedByUserId = createdByUserId,
        IdempotencyKey = idempotencyKey,
    };
}

/// <summary>
/// How an organisation's capacity moved over its incubation: its first assessment against its latest (by date, then by
/// when it was recorded), total and per dimension. Null with fewer than two assessments.
/// </summary>
public sealed record CapacityTrend(DateOnly FirstOn, CapacityScores First, DateOnly LatestOn, CapacityScores Latest)
{
    public int Change => Latest.Total - First.Total;

    public int ChangeOf(string dimension) => Latest.Of(dimension) - First.Of(dimension);

    public static CapacityTrend? Of(IEnumerable<CapacityAssessment> assessments)
    {
        var ordered = assessments.OrderBy(a => a.On).ThenBy(a => a.RecordedAt).ToList();
        return ordered.Count < 2 ? null : new CapacityTrend(ordered[0].On, ordered[0].Scores, ordered[^1].On, ordered[^1].Scores);
    }
}
