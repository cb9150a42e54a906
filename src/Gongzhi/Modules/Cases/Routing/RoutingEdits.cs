using Gongzhi.Modules.Jurisdictions;
using Gongzhi.Modules.Organisations;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Problems;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Cases.Routing;

/// <summary>The outcome of an edit: the saved rule, or field errors keyed as in the request, or nothing found.</summary>
public sealed record RoutingEditResult(RoutingRule? Rule, IReadOnlyDictionary<string, string[]> Errors, bool Missing = false)
{
    internal static RoutingEditResult NotFound() => new(null, new Dictionary<string, string[]>(), Missing: true);

    internal static RoutingEditResult Invalid(Dictionary<string, string[]> errors) => new(null, errors);

    internal static RoutingEditResult Saved(RoutingRule rule) => new(rule, new Dictionary<string, string[]>());
}

/// <summary>
/// Every change to the routing rules, for the API and the admin pages alike: validates field by field and saves
/// (audited by the context, version-checked). A stale version throws <see cref="DbUpdateConcurrencyException"/>,
/// a 409 in the API. The router reads the rules from the database for each suggestion, so a saved rule applies at once
/// on every node. Rules are not records of one place, so the scope is checked here: an administrator changes the rules
/// whose area its scope covers, routing to organisations it can see, and reads those that apply inside its scope.
/// </summary>
public sealed class RoutingEdits(GongzhiDbContext db, IJurisdictionDirectory tree, IOrganisationDirectory organisations)
{
    /// <summary>The rules the caller may read: those of its own area and below, and those above it that apply there.</summary>
    public IQueryable<RoutingRule> Visible()
    {
        var caller = db.Caller;
        if (caller.ScopeCode == Platform.Scoping.JurisdictionCode.City || caller.IsSystem)
        {
            return db.Set<RoutingRule>();
        }
        var prefix = Platform.Scoping.JurisdictionCode.QueryPrefix(caller.ScopeCode);
        var own = caller.ScopeCode;
        return db.Set<RoutingRule>().Where(r => r.JurisdictionPrefix.StartsWith(prefix) || own.StartsWith(r.JurisdictionPrefix)
            || r.JurisdictionPrefix == Platform.Scoping.JurisdictionCode.City);
    }

    public async Task<RoutingEditResult> CreateAsync(RoutingRuleRequest request, CancellationToken cancellationToken)
    {
        var errors = await ValidateAsync(request, cancellationToken);
        if (errors.Count > 0)
        {
            return RoutingEditResult.Invalid(errors);
        }
        var rule = RoutingRule.Create(request.CategoryCode!.Trim(), request.JurisdictionPrefix!.Trim(), request.LeadOrganisationId!.Value,
            request.AssistingOrganisationIds, request.Active ?? true);
        db.Add(rule);
        return await SaveAsync(rule, cancellationToken);
    }

    public async Task<RoutingEditResult> UpdateAsync(Guid id, RoutingRuleRequest request, CancellationToken cancellationToken)
    {
        var rule = await Visible().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (rule is null)
        {
            return RoutingEditResult.NotFound();
        }
        EnsureCovers(rule);
        var errors = await ValidateAsync(request, cancellationToken);
        if (request.Version is null)
        {
            errors["version"] = [CasesText.Get("Routing.SendRuleSVersion")];
        }
        if (errors.Count > 0)
        {
            return RoutingEditResult.Invalid(errors);
        }
        db.Entry(rule).Property(r => r.Version).OriginalValue = request.Version!.Value;
        rule.Update(request.CategoryCode!.Trim(), request.JurisdictionPrefix!.Trim(), request.LeadOrganisationId!.Value,
            request.AssistingOrganisationIds, request.Active ?? rule.Active);
        return await SaveAsync(rule, cancellationToken);
    }

    /// <summary>Deletes the rule; with <paramref name="version"/>, only the version read (else a concurrency error). False when there is none.</summary>
    public async Task<bool> DeleteAsync(Guid id, long? version, CancellationToken cancellationToken)
    {
        var rule = await Visible().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (rule is null)
        {
            return false;
        }
        EnsureCovers(rule);
        if (version is { } read)
        {
            db.Entry(rule).Property(r => r.Version).OriginalValue = read;
        }
        db.Remove(rule);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>A rule the caller reads but whose area lies above its scope (a city-wide rule, for a district) is not its to change.</summary>
    private void EnsureCovers(RoutingRule rule)
    {
        if (!db.Caller.Covers(rule.JurisdictionPrefix))
        {
            throw new ScopeViolationException(CasesText.Format("Routing.OutsideScope", rule.JurisdictionPrefix, db.Caller.ScopeCode));
        }
    }

    private async Task<RoutingEditResult> SaveAsync(RoutingRule rule, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return RoutingEditResult.Invalid(new Dictionary<string, string[]>
            {
                ["categoryCode"] = [CasesText.Get("Routing.RuleCategoryJurisdictionExists")],
            });
        }
        return RoutingEditResult.Saved(rule);
    }

    private async Task<Dictionary<string, string[]>> ValidateAsync(RoutingRuleRequest request, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var category = request.CategoryCode?.Trim();
        if (category is null || !await db.Set<CaseCategory>().AnyAsync(c => c.Code == category, cancellationToken))
        {
            errors["categoryCode"] = [CasesText.Get("Routing.GiveCodeExistingMajor")];
        }
        var prefix = request.JurisdictionPrefix?.Trim();
        // A rule for a code that names no area would never apply, and nobody would notice.
        if (!Platform.Scoping.JurisdictionCode.IsWellFormed(prefix)
            || !await tree.ExistsAsync(prefix!, cancellationToken))
        {
            errors["jurisdictionPrefix"] = [CasesText.Get("Routing.CodeExistingJurisdiction")];
        }
        else if (!db.Caller.Covers(prefix!))
        {
            errors["jurisdictionPrefix"] = [CasesText.Get("Routing.JurisdictionOutsideYours")];
        }
        var wanted = (request.AssistingOrganisationIds ?? []).Append(request.LeadOrganisationId ?? Guid.Empty).Distinct().ToList();
        // Scope-filtered: a rule routes only to organisations the caller can see (its own area's and those above it), never
        // to another district's department, which would then act on this district's cases.
        var known = await organisations.VisibleAsync(wanted, activeOnly: false, cancellationToken);
        if (request.LeadOrganisationId is not { } lead || !known.Contains(lead))
        {
            errors["leadOrganisationId"] = [CasesText.Get("Routing.ChooseExistingLeadOrganisation")];
        }
        if ((request.AssistingOrganisationIds ?? []).Any(a => !known.Contains(a)))
        {
            errors["assistingOrganisationIds"] = [CasesText.Get("Routing.AssistingOrganisationDoesExist")];
        }
        return errors;
    }
}
