using Gongzhi.Modules.Cases.Routing;
using Gongzhi.Platform.PersonalData;

namespace Gongzhi.Modules.Cases.Generation;

/// <summary>A grid cases can be placed in: its code, a point inside it, and the street office that leads there by default (属地兜底).</summary>
public sealed record GenerationGrid(string Code, double Lat, double Lon, Guid? StreetOfficeId);

/// <summary>The first draws for one case (see <see cref="CaseGenerator.Plan"/>); the same random source goes on to make it.</summary>
public sealed record CasePlan(Random Random, DateTimeOffset SubmittedAt, GenerationGrid Grid);

/// <summary>Everything the generator reads: loaded once by <see cref="CaseGeneration"/>, then used without the database.</summary>
public sealed record GenerationWorld(
    IReadOnlyList<CaseCategory> Categories,
    IReadOnlyList<GenerationGrid> Grids,
    IReadOnlyList<RoutingRule> Rules,
    IReadOnlyDictionary<Guid, string> OrganisationNames,
    IReadOnlyList<string> ReporterUserIds,
    Func<DateTimeOffset, double, DateTimeOffset> AddWorkingHours,
    Func<string?, ProtectedValue?> ProtectName,
    Func<string?, ProtectedValue?> ProtectPhone);

/// <summary>
/// Makes realistic cases for the demo and for load: each case is filed and then taken through its
/// lifecycle with the entity's own methods (立案, 派遣, 退单, 签收, 延期, 处置, 返工, 核查, 结案, 评价, 超期 …), so every
/// generated case and timeline obeys the same rules as a real one. What happens to a case, and when, is
/// drawn from a random source seeded by the run's seed and the case's number: the same seed gives the
/// same cases, and any range of numbers can be made on its own. Steps that would happen after
/// <c>now</c> do not happen, so recent cases are still open and older ones mostly finished.
/// </summary>
public sealed class CaseGenerator(GenerationWorld world, int seed, DateTimeOffset from, DateTimeOffset to, DateTimeOffset now)
{
    private static readonly string[] Surnames = ["张", "王", "李", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "胡", "朱", "高", "林"];
    private static readonly string[] Places = ["小区门口", "楼栋下", "路口", "公交站旁", "菜市场边", "学校附近", "背街小巷", "江边步道", "商铺前", "停车场"];
    private static readonly string[] Times = ["今天早上", "昨晚", "最近一周", "这几天", "每天傍晚", "凌晨", "中午"];
    private static readonly string[] Asks = ["请尽快处理。", "希望有关部门来看看。", "已反映多次，请督促解决。", "影响居民出行，请处理。", "麻烦派人核实。"];
    private static readonly string[] Fixes = ["已安排人员现场处置完毕。", "已联系责任单位整改到位。", "已清理并恢复原状。", "已约谈当事人，问题已解决。"];

    private readonly GenerationWorld world = world;
    private readonly DateTimeOffset now = now;
    private readonly CaseCategory[] minors = world.Categories.Where(c => !c.IsMajor && c.Active).OrderBy(c => c.Code, StringComparer.Ordinal).ToArray();

    /// <summary>
    /// Where and when case number <paramref name="index"/> of <paramref name="count"/> is filed: enough to
    /// draw its reference before it is made. Cases are spread evenly over the period with a little jitter,
    /// so numbers, times and references ascend together.
    /// </summary>
    public CasePlan Plan(long index, long count)
    {
        var random = new Random(SeedOf(seed, index));
        var span = (to - from).Ticks;
        var submittedAt = from + TimeSpan.FromTicks((long)(span * ((index + random.NextDouble() * 0.5) / Math.Max(1, count))));
        return new CasePlan(random, submittedAt, world.Grids[random.Next(world.Grids.Count)]);
    }

    /// <summary>The planned case, filed under <paramref name="reference"/> and taken as far through its life as <c>now</c> allows.</summary>
    public Case Make(CasePlan plan, string reference)
    {
        var (random, submittedAt, grid) = plan;
        var category = minors[Skewed(random, minors.Length)];
        var urgency = random.NextDouble() switch { < 0.85 => CaseUrgency.Normal, < 0.97 => CaseUrgency.Urgent, _ => CaseUrgency.Critical };
        var channel = random.NextDouble() switch
        {
            < 0.35 => CaseChannel.Hotline,
            < 0.65 => CaseChannel.Web,
            < 0.92 => CaseChannel.Patrol,
            < 0.97 => CaseChannel.Open311,
            _ => CaseChannel.Import,
        };
        var anonymous = category.AllowAnonymous && channel == CaseChannel.Web && random.NextDouble() < 0.1;
        var citizen = channel is CaseChannel.Hotline or CaseChannel.Web or CaseChannel.Open311 && !anonymous;
        var reporterUserId = channel == CaseChannel.Web && world.ReporterUserIds.Count > 0 && random.NextDouble() < 0.05
            ? world.ReporterUserIds[random.Next(world.ReporterUserIds.Count)]
            : null;
        var place = Pick(random, Places);
        var intake = new CaseIntake(
            urgency,
            $"{place}{category.NameZh}",
            Describe(random, category, place),
            Math.Round(grid.Lat + (random.NextDouble() - 0.5) * 0.0004, 6),
            Math.Round(grid.Lon + (random.NextDouble() - 0.5) * 0.0004, 6),
            null,
            grid.Code,
            channel,
            reporterUserId,
            world.ProtectName(citizen ? Pick(random, Surnames) + (random.Next(2) == 0 ? "先生" : "女士") : null),
            world.ProtectPhone(citizen ? $"1{random.Next(30, 90)}{random.Next(0, 100_000_000):00000000}" : null),
            anonymous,
            Attributes: Attributes(random, category));
        var limits = category.Limits;
        DateTimeOffset Due(CaseStep step, DateTimeOffset at) => world.AddWorkingHours(at, limits.WorkingHours(step, urgency));

        var submitter = channel == CaseChannel.Patrol ? new CaseActor($"grid.{grid.Code}", null, null) : new CaseActor(channel.ToString().ToLowerInvariant(), null, null);
        var c = Case.Submit(intake, category, reference, submitter, submittedAt, Due(CaseStep.Register, submittedAt));
        new Lifecycle(this, random, c, grid, category, Due).Run();
        return c;
    }

    private string Describe(Random random, CaseCategory category, string place)
    {
        var keyword = category.Keywords.Count > 0 ? category.Keywords[random.Next(category.Keywords.Count)] : category.NameZh;
        return $"{Pick(random, Times)}{place}有{keyword}问题（{category.NameZh}），{Pick(random, Asks)}";
    }

    private static Dictionary<string, string> Attributes(Random random, CaseCategory category)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var attribute in category.Attributes.Where(a => a.Required || random.NextDouble() < 0.5))
        {
            values[attribute.Name] = attribute.Type switch
            {
                AttributeType.Number => random.Next(1, 50).ToString(System.Globalization.CultureInfo.InvariantCulture),
                AttributeType.Boolean => random.Next(2) == 0 ? "true" : "false",
                AttributeType.Choice => attribute.Choices![random.Next(attribute.Choices.Count)],
                _ => "现场所见",
            };
        }
        return values;
    }

    /// <summary>
    /// The case's own seed, the same in every process (<see cref="HashCode"/> is randomised per process):
    /// the SplitMix64 finaliser spreads neighbouring numbers over unrelated seeds.
    /// </summary>
    private static int SeedOf(int seed, long index)
    {
        var z = unchecked(((ulong)(uint)seed << 40) ^ (ulong)index) + 0x9E3779B97F4A7C15UL;
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return unchecked((int)(z ^ (z >> 31)));
    }

    // A few categories (noise, litter, parking) make most of the volume, as in any 12345 hotline's figures.
    private static int Skewed(Random random, int length) => (int)Math.Min(length - 1, Math.Floor(length * Math.Pow(random.NextDouble(), 1.8)));

    private static string Pick(Random random, string[] items) => items[random.Next(items.Length)];

    /// <summary>One case's life after filing: each step is taken if its time has come before <c>now</c>.</summary>
    private sealed class Lifecycle(CaseGenerator generator, Random random, Case c, GenerationGrid grid, CaseCategory category,
        Func<CaseStep, DateTimeOffset, DateTimeOffset> due)
    {
        private readonly DateTimeOffset now = generator.now;
        private readonly CaseActor dispatcher = new($"street.{grid.Code[..Math.Min(9, grid.Code.Length)]}", null, grid.StreetOfficeId);
        private readonly CaseActor gridWorker = new($"grid.{grid.Code}", null, null);
        private DateTimeOffset at = c.CreatedAt;

        public void Run()
        {
            if (!Next(0.01))
            {
                return;
            }
            if (random.NextDouble() < 0.05)
            {
                c.Reject(dispatcher, at, (RejectionKind)random.Next(3), "经核实不属于受理范围或信息不全。");
                return;
            }
            c.Register(dispatcher, at, due(CaseStep.Dispatch, at));
            for (var round = 0; round < 2; round++)
            {
                if (!Handle())
                {
                    return;
                }
                if (!Close() || round == 1 || c.Satisfaction != Satisfaction.Dissatisfied || random.NextDouble() > 0.3 || !Next(0.0))
                {
                    return;
                }
                c.Reopen(new CaseActor("reporter", c.ReporterUserId, null), at, "问题没有解决，请重新办理。", due(CaseStep.Dispatch, at));
            }
        }

        /// <summary>From 已立案 to 已处置: dispatch (returned now and then), accept, perhaps extend, resolve, perhaps rework.</summary>
        private bool Handle()
        {
            while (true)
            {
                if (!Next(0.02))
                {
                    return false;
                }
                var (lead, assisting) = Route();
                if (lead == Guid.Empty)
                {
                    // Nobody to send it to (no organisations seeded): it waits for a dispatcher, as a real one would.
                    return false;
                }
                c.Dispatch(dispatcher, at, lead, assisting, due(CaseStep.Accept, at), due(CaseStep.Resolve, at));
                var organisation = new CaseActor(generator.world.OrganisationNames.GetValueOrDefault(lead, "承办单位"), null, lead);
                if (!Next(0.03))
                {
                    return false;
                }
                if (c.DispatchCount < 3 && random.NextDouble() < 0.12)
                {
                    c.Return(organisation, at, "不属于本单位职责，请重新派遣。", due(CaseStep.Dispatch, at));
                    continue;
                }
                c.Accept(organisation, at);
                if (random.NextDouble() < 0.06 && Next(0.0, quick: true))
                {
                    c.RequestExtension(organisation, at, 16, "需要协调其他部门，申请延期。");
                    if (!Next(0.0, quick: true))
                    {
                        return false;
                    }
                    if (random.NextDouble() < 0.8)
                    {
                        c.ApproveExtension(dispatcher, at, generator.world.AddWorkingHours(c.Deadline!.Value, 16));
                    }
                    else
                    {
                        c.RefuseExtension(dispatcher, at, "时限内可以完成，请按期处置。");
                    }
                }
                for (var attempt = 0; ; attempt++)
                {
                    if (!Next(0.05))
                    {
                        return false;
                    }
                    c.Resolve(organisation, at, Pick(random, Fixes), null, due(CaseStep.Verify, at));
                    if (!Next(0.02))
                    {
                        return false;
                    }
                    if (attempt == 0 && random.NextDouble() < 0.07)
                    {
                        c.Rework(gridWorker, at, "现场核查未整改到位。", due(CaseStep.Resolve, at));
                        continue;
                    }
                    c.Verify(gridWorker, at);
                    return true;
                }
            }
        }

        private bool Close()
        {
            if (!Next(0.0, quick: true))
            {
                return false;
            }
            c.Close(dispatcher, at);
            if (random.NextDouble() > 0.7 || !Next(0.0))
            {
                return true;
            }
            var verdict = random.NextDouble() switch { < 0.78 => Satisfaction.Satisfied, < 0.92 => Satisfaction.BasicallySatisfied, _ => Satisfaction.Dissatisfied };
            c.Evaluate(new CaseActor("reporter", c.ReporterUserId, null), at, verdict);
            return true;
        }

        private (Guid Lead, IReadOnlyList<Guid> Assisting) Route()
        {
            var rule = CaseRouter.MostSpecific(generator.world.Rules, category.Code, c.JurisdictionCode);
            // A dispatcher sometimes knows better than the rules (and the office leads where no rule applies).
            if (rule is not null && random.NextDouble() > 0.05)
            {
                return (rule.LeadOrganisationId, rule.AssistingOrganisationIds);
            }
            return (grid.StreetOfficeId ?? rule?.LeadOrganisationId ?? Guid.Empty, []);
        }

        /// <summary>
        /// Moves the clock to when the next step happens: usually inside the current step's limit, with the
        /// given chance after it (marked overdue on the way). False when that moment has not come yet.
        /// </summary>
        private bool Next(double lateChance, bool quick = false)
        {
            var deadline = c.Deadline ?? at + TimeSpan.FromHours(quick ? 8 : 24);
            var window = Math.Max(600, (deadline - at).TotalSeconds);
            var late = random.NextDouble() < lateChance;
            var next = late
                ? deadline + TimeSpan.FromSeconds(window * (0.05 + random.NextDouble()))
                : at + TimeSpan.FromSeconds(window * (quick ? 0.3 : 0.9) * Math.Pow(random.NextDouble(), 1.5) + 60);
            if (c.Deadline is { } limit && limit < Min(next, now))
            {
                // The deadline monitor scans every minute or so.
                // A deadline that passed before the last step (an acceptance that came late) is found at the next scan after it.
                var found = (limit > at ? limit : at) + TimeSpan.FromSeconds(30 + random.Next(90));
                c.MarkOverdue(Min(found, Min(next, now)));
            }
            if (next > now)
            {
                return false;
            }
            at = next;
            return true;
        }

        private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
    }
}
