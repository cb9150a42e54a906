using System.Linq.Expressions;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Scoping;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gongzhi.Modules.Cases;

/// <summary>
/// A case as another module sees it: who it is, where it lies, whether it is still open, and its timeline to
/// write a line on (work done around the case, such as a whistle, without changing the case itself).
/// </summary>
public interface ICaseTimeline
{
    Guid Id { get; }

    string Reference { get; }

    string JurisdictionCode { get; }

    CaseState State { get; }

    bool IsOpen { get; }

    /// <summary>Appends a line to the timeline; it is saved with the next save of the context that loaded the case.</summary>
    void Annotate(CaseActor actor, DateTimeOffset now, string action, string? note, object? data);
}

/// <summary>
/// A section another module adds to the case page, rendered after the case's own actions with the parameters
/// <c>CaseId</c> (Guid), <c>JurisdictionCode</c> (string, the case's grid) and <c>Open</c> (bool). Registered
/// from the module's own <c>Add&lt;Module&gt;</c>, so that Cases shows it without depending on the module.
/// </summary>
public sealed record CaseSection(int Order, Type Component);

/// <summary>
/// A section another module adds to the case queue, rendered above the filters with the parameter <c>View</c>
/// (string, the queue's current view). Registered like <see cref="CaseSection"/>.
/// </summary>
public sealed record QueueSection(int Order, Type Component);

/// <summary>
/// A check the deadline scan runs on every pass (e.g. summons nobody reported in to), for a module whose
/// timers belong to cases. Returns how many records it flagged. Runs as a singleton: open a scope per unit of work.
/// </summary>
public interface IDeadlineCheck
{
    Task<int> RunAsync(DateTimeOffset now, CancellationToken cancellationToken);
}

/// <summary>What other modules may ask of cases and store about them.</summary>
public static class CaseDirectory
{
    /// <summary>
    /// The case <paramref name="caller"/> can see (the scope filter decides), tracked by <paramref name="db"/> so that a line
    /// annotated on it is saved with the caller's next save; null when there is none.
    /// </summary>
    public static async Task<ICaseTimeline?> FindCaseAsync(this GongzhiDbContext db, Caller caller, Guid id, CancellationToken cancellationToken)
    {
        var previous = db.Caller;
        db.Caller = caller;
        try
        {
            return await db.Set<Case>().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        }
        finally
        {
            db.Caller = previous;
        }
    }

    /// <summary>Whether <paramref name="caller"/> can see the case.</summary>
    public static async Task<bool> CaseExistsAsync(this GongzhiDbContext db, Caller caller, Guid id, CancellationToken cancellationToken)
    {
        var previous = db.Caller;
        db.Caller = caller;
        try
        {
            return await db.Set<Case>().AnyAsync(c => c.Id == id, cancellationToken);
        }
        finally
        {
            db.Caller = previous;
        }
    }

    /// <summary>Makes another module's record belong to a case: a foreign key to the case, deleted with it.</summary>
    public static void BelongsToCase<T>(this EntityTypeBuilder<T> builder, Expression<Func<T, object?>> caseId)
        where T : class =>
        builder.HasOne<Case>().WithMany().HasForeignKey(caseId).OnDelete(DeleteBehavior.Cascade);
}

/// <summary>A routing rule as other modules see it: which category in which area goes to which organisation.</summary>
public sealed record RoutingRuleEntry(Guid Id, string CategoryCode, string JurisdictionPrefix, Guid LeadOrganisationId,
    IReadOnlyList<Guid> AssistingOrganisationIds)
{
    /// <summary>Whether the rule applies to a case of the 小类 <paramref name="categoryCode"/> at <paramref name="jurisdictionCode"/>.</summary>
    public bool AppliesTo(string categoryCode, string jurisdictionCode) =>
        (CategoryCode == categoryCode || (CategoryCode.Length == 2 && categoryCode.StartsWith(CategoryCode, StringComparison.Ordinal)))
        && JurisdictionCode.IsWithin(jurisdictionCode, JurisdictionPrefix);

    /// <summary>Greater is more specific, as the router orders rules: a longer prefix (the city shortest), then a 小类 over a 大类.</summary>
    public int Specificity => (JurisdictionPrefix == JurisdictionCode.City ? 0 : JurisdictionPrefix.Length) * 10 + CategoryCode.Length;

    /// <summary>The rule that decides for the category and place among <paramref name="rules"/>, as the router would choose it.</summary>
    public static RoutingRuleEntry? Deciding(IEnumerable<RoutingRuleEntry> rules, string categoryCode, string jurisdictionCode) =>
        rules.Where(r => r.AppliesTo(categoryCode, jurisdictionCode)).OrderByDescending(r => r.Specificity).FirstOrDefault();
}

/// <summary>What other modules may read and set of the routing rules (the duty lists check them and settle them).</summary>
public interface IRoutingDirectory
{
    /// <summary>The active rules that apply somewhere inside <paramref name="jurisdictionCode"/>: those of the area and below it, and those above it.</summary>
    Task<IReadOnlyList<RoutingRuleEntry>> ApplyingWithinAsync(string jurisdictionCode, CancellationToken cancellationToken);

    /// <summary>
    /// Makes <paramref name="leadOrganisationId"/> the lead of the rule for the category and area (the rule is added when there is
    /// none), with <paramref name="assisting"/> beside it. The change is tracked by the caller's context and saved, audited, with its
    /// next save; a caller whose scope does not cover the area is refused (<see cref="Platform.Problems.ScopeViolationException"/>).
    /// </summary>
    Task<RoutingRuleEntry> SetLeadAsync(string categoryCode, string jurisdictionPrefix, Guid leadOrganisationId, IEnumerable<Guid> assisting,
        CancellationToken cancellationToken);
}
