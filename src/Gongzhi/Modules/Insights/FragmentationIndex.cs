using Gongzhi.Modules.Cases;
using Gongzhi.Modules.Organisations;
using Gongzhi.Platform.Scoping;

namespace Gongzhi.Modules.Insights;

/// <summary>
/// One organisation's part in a period's fragmentation (docs/indicators.md, "Fragmentation index"): the returns it made
/// (charged to the organisation that returned, not to the case's lead now), and the cohort cases it was named on by a dispatch.
/// </summary>
public sealed record FragmentationRow(Guid OrganisationId, string Name, int Returns, int Handoffs, int Cases, int MultiOrganisationCases,
    int OverdueCases)
{
    /// <summary>Returns per case it was named on: a department that bounces half its cases scores 0.5.</summary>
    public Ratio ReturnsPerCase => new(Returns, Cases);

    public Ratio HandoffsPerCase => new(Handoffs, Cases);
}

/// <summary>The scope's totals over the cohort's dispatched cases.</summary>
public sealed record FragmentationTotals(int Cases, int Handoffs, int Returns, Ratio HandoffsPerCase, Ratio MultiOrganisationShare, Ratio OverdueShare,
    Ratio ReturnedShare);

public sealed record FragmentationResponse(string Scope, DateOnly From, DateOnly To, FragmentationTotals Totals, IReadOnlyList<FragmentationRow> Organisations);

/// <summary>The fragmentation measures per organisation and for the scope, from the cases' hand-off facts.</summary>
public sealed class FragmentationIndex(ICaseHandlingFacts facts, IOrganisationDirectory organisations)
{
    public async Task<FragmentationResponse> ComputeAsync(Caller caller, IndicatorFilter filter, CancellationToken cancellationToken)
    {
        var (from, to) = (filter.FromInstant, filter.ToInstant);
        var cases = await facts.CohortAsync(caller, filter.Scope, from, to, cancellationToken);
        var returns = await facts.ReturnsAsync(caller, filter.Scope, from, to, cancellationToken);

        var rows = new Dictionary<Guid, (int Returns, int Handoffs, int Cases, int Multi, int Overdue)>();
        foreach (var c in cases)
        {
            foreach (var organisation in c.InvolvedOrganisationIds.Distinct())
            {
                var r = rows.GetValueOrDefault(organisation);
                rows[organisation] = (r.Returns, r.Handoffs + c.HandOffCount, r.Cases + 1, r.Multi + (c.InvolvedOrganisationIds.Count > 1 ? 1 : 0),
                    r.Overdue + (c.EverOverdue ? 1 : 0));
            }
        }
        foreach (var bounce in returns.Where(r => r.ReturnedBy is not null))
        {
            var r = rows.GetValueOrDefault(bounce.ReturnedBy!.Value);
            rows[bounce.ReturnedBy.Value] = r with { Returns = r.Returns + 1 };
        }
        var names = await organisations.NamesAsync(rows.Keys, cancellationToken);
        var list = rows.Select(r => new FragmentationRow(r.Key, names.GetValueOrDefault(r.Key, ""), r.Value.Returns, r.Value.Handoffs, r.Value.Cases,
                r.Value.Multi, r.Value.Overdue))
            .OrderByDescending(r => r.Returns).ThenByDescending(r => r.Cases).ThenBy(r => r.OrganisationId).ToList();

        var total = cases.Count;
        var handoffs = cases.Sum(c => c.HandOffCount);
        var totals = new FragmentationTotals(total, handoffs, returns.Count, new Ratio(handoffs, total),
            new Ratio(cases.Count(c => c.InvolvedOrganisationIds.Distinct().Count() > 1), total), new Ratio(cases.Count(c => c.EverOverdue), total),
            new Ratio(cases.Count(c => c.ReturnCount > 0), total));
        return new FragmentationResponse(filter.Scope, filter.From, filter.To, totals, list);
    }
}
