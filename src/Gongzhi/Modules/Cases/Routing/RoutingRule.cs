using Gongzhi.Platform.Data;
using Gongzhi.Platform.Problems;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gongzhi.Modules.Cases.Routing;

/// <summary>
/// Category × area → lead organisation (+ assisting ones). A rule applies to cases of its 大类 or 小类
/// inside its jurisdiction prefix; among those that apply, the longest prefix wins, then the 小类 over
/// the 大类. Where none applies, the street office of the case's street leads (属地兜底).
/// </summary>
public sealed class RoutingRule : IVersioned, IAudited
{
    private RoutingRule()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>A 大类 (two digits) or a 小类 (four digits).</summary>
    public string CategoryCode { get; private set; } = "";

    /// <summary>The district, street or community (or the city, 420100) the rule covers.</summary>
    public string JurisdictionPrefix { get; private set; } = "";

    public Guid LeadOrganisationId { get; private set; }

    public IReadOnlyList<Guid> AssistingOrganisationIds { get; private set; } = [];

    public bool Active { get; private set; } = true;

    public long Version { get; set; }

    public string AuditKey => $"{CategoryCode}@{JurisdictionPrefix}";

    public static RoutingRule Create(string categoryCode, string jurisdictionPrefix, Guid leadOrganisationId, IEnumerable<Guid>? assisting,
        bool active = true)
    {
        var rule = new RoutingRule { Id = Guid.CreateVersion7() };
        rule.Update(categoryCode, jurisdictionPrefix, leadOrganisationId, assisting, active);
        return rule;
    }

    public void Update(string categoryCode, string jurisdictionPrefix, Guid leadOrganisationId, IEnumerable<Guid>? assisting, bool active)
    {
        if (categoryCode is not { Length: 2 or 4 } || !categoryCode.All(char.IsAsciiDigit))
        {
            throw new RuleViolationException(CasesText.Format("Routing.CategoryCode", categoryCode));
        }
        if (!Platform.Scoping.JurisdictionCode.IsWellFormed(jurisdictionPrefix))
        {
            throw new RuleViolationException(CasesText.Format("Routing.JurisdictionCode", jurisdictionPrefix));
        }
        if (leadOrganisationId == Guid.Empty)
        {
            throw new RuleViolationException(CasesText.Get("Routing.RoutingRuleNeedsLead"));
        }
        CategoryCode = categoryCode;
        JurisdictionPrefix = jurisdictionPrefix;
        LeadOrganisationId = leadOrganisationId;
        AssistingOrganisationIds = (assisting ?? []).Where(a => a != Guid.Empty && a != leadOrganisationId).Distinct().ToList();
        Active = active;
    }

    /// <summary>Whether the rule applies to a case of <paramref name="categoryCode"/> (a 小类) located at <paramref name="jurisdictionCode"/>.</summary>
    public bool AppliesTo(string categoryCode, string jurisdictionCode) =>
        Active
        && (CategoryCode == categoryCode || (CategoryCode.Length == 2 && categoryCode.StartsWith(CategoryCode, StringComparison.Ordinal)))
        && Platform.Scoping.JurisdictionCode.IsWithin(jurisdictionCode, JurisdictionPrefix);

    /// <summary>Greater is more specific: a longer prefix first (the city counts as shortest), then a 小类 over a 大类.</summary>
    public int Specificity => (JurisdictionPrefix == Platform.Scoping.JurisdictionCode.City ? 0 : JurisdictionPrefix.Length) * 10 + CategoryCode.Length;
}

/// <summary>
/// A dispatch to another lead than the rules suggested: the evidence administrators read to improve
/// the rules. Carries the case's jurisdiction so each street sees its own.
/// </summary>
public sealed class RoutingOverride : IJurisdictional
{
    private RoutingOverride()
    {
    }

    public long Id { get; private set; }

    public Guid CaseId { get; private set; }

    public string CaseReference { get; private set; } = "";

    public string CategoryCode { get; private set; } = "";

    public string JurisdictionCode { get; private set; } = "";

    public Guid? SuggestedOrganisationId { get; private set; }

    public Guid? SuggestedByRuleId { get; private set; }

    public Guid ChosenOrganisationId { get; private set; }

    public string? ActorUserId { get; private set; }

    public string Actor { get; private set; } = "";

    public string? Note { get; private set; }

    public DateTimeOffset At { get; private set; }

    internal static RoutingOverride Create(Case @case, RoutingSuggestion suggestion, Guid chosen, CaseActor actor, string? note,
        DateTimeOffset at) => new()
    {
        CaseId = @case.Id,
        CaseReference = @case.Reference,
        CategoryCode = @case.CategoryCode,
        JurisdictionCode = @case.JurisdictionCode,
        SuggestedOrganisationId = suggestion.LeadOrganisationId,
        SuggestedByRuleId = suggestion.RuleId,
        ChosenOrganisationId = chosen,
        ActorUserId = actor.UserId,
        Actor = actor.Name,
        Note = note is { Length: > Case.NoteMaxLength } ? note[..Case.NoteMaxLength] : note,
        At = at,
    };
}

internal sealed class RoutingRuleConfiguration : IEntityTypeConfiguration<RoutingRule>
{
    public void Configure(EntityTypeBuilder<RoutingRule> builder)
    {
        builder.ToTable("routing_rules");
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.CategoryCode).HasMaxLength(8);
        builder.Property(r => r.JurisdictionPrefix).HasMaxLength(15);
        builder.Property(r => r.AssistingOrganisationIds).HasJsonListConversion();
        builder.HasIndex(r => new { r.CategoryCode, r.JurisdictionPrefix }).IsUnique();
    }
}

internal sealed class RoutingOverrideConfiguration : IEntityTypeConfiguration<RoutingOverride>
{
    public void Configure(EntityTypeBuilder<RoutingOverride> builder)
    {
        builder.ToTable("routing_overrides");
        builder.Property(o => o.CaseReference).HasMaxLength(22);
        builder.Property(o => o.CategoryCode).HasMaxLength(8);
        builder.Property(o => o.JurisdictionCode).HasMaxLength(15);
        builder.Property(o => o.ActorUserId).HasMaxLength(64);
        builder.Property(o => o.Actor).HasMaxLength(256);
        builder.Property(o => o.Note).HasMaxLength(Case.NoteMaxLength);
        builder.HasIndex(o => new { o.JurisdictionCode, o.At });
        builder.HasIndex(o => o.CaseId);
    }
}
