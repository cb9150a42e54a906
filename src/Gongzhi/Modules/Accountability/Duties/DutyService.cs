using Gongzhi.Modules.Cases;
using Gongzhi.Modules.Jurisdictions;
using Gongzhi.Modules.Organisations;
using Gongzhi.Modules.Services;
using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Scoping;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Accountability.Duties;

/// <summary>
/// Duty lists (权责清单), called with a <see cref="Caller"/>: an administrator adds and edits the lines of the organisations in its
/// area, and decides an overlap, which changes the yielding duties and the routing rule of the category and area in one save.
/// Writes run through <see cref="RecordActions"/>; the API and the pages call this service.
/// </summary>
public sealed class DutyService(GongzhiDbContext db, RecordActions actions, IOrganisationDirectory organisations, IJurisdictionDirectory tree,
    ICaseCategories categories, IServiceItems items, IRoutingDirectory routing, TimeProvider clock)
{
    private static readonly DutyRules Rules = DutyRules.Instance;

    public async Task<Duty> DefineAsync(Caller caller, DutyRequest request, CancellationToken cancellationToken)
    {
        EnsureAdministrator(caller);
        var organisation = request.OrganisationId is { } id
            && (await db.ReadAsAsync(caller, () => organisations.VisibleAsync([id], activeOnly: true, cancellationToken))).Contains(id)
            ? await organisations.FindAsync(id, cancellationToken)
            : null;
        if (organisation is null)
        {
            throw FieldValidationException.Field("organisationId", AccountabilityText.Get("Duty.OrganisationUnknown"));
        }
        var area = string.IsNullOrWhiteSpace(request.JurisdictionCode) ? organisation.JurisdictionCode : request.JurisdictionCode.Trim();
        if (!JurisdictionCode.IsWellFormed(area) || !await tree.ExistsAsync(area, cancellationToken))
        {
            throw FieldValidationException.Field("jurisdictionCode", AccountabilityText.Get("Duty.AreaUnknown"));
        }
        if (!caller.Covers(area))
        {
            throw FieldValidationException.Field("jurisdictionCode", AccountabilityText.Get("Duty.AreaOutsideYours"));
        }
        var duty = Duty.Define(organisation.Id, organisation.JurisdictionCode, area, request.Input);
        await EnsureKnownCodesAsync(duty, cancellationToken);
        return await actions.CreateAsync(caller, duty, DutyRules.Edit, Rules, cancellationToken);
    }

    public Task<Duty> ChangeAsync(Caller caller, Guid id, DutyRequest request, CancellationToken cancellationToken)
    {
        EnsureAdministrator(caller);
        if (request.Version is null)
        {
            throw FieldValidationException.Field("version", AccountabilityText.Get("Field.Version"));
        }
        return actions.RunAsync<Duty>(caller, d => d.Id == id, DutyRules.Edit, request.Version, Rules, async d =>
        {
            d.Change(request.Input);
            await EnsureKnownCodesAsync(d, cancellationToken);
        }, cancellationToken);
    }

    /// <summary>
    /// Decides an overlap: <c>leadOrganisationId</c> leads the 小类 in the area; the other claimants' lead duties set for that area
    /// or below it give the category up (kept as 配合 or removed); the routing rule of the category and area is set to the lead.
    /// A claim set for an area above stays in its list: the decision and the more specific rule settle this area.
    /// </summary>
    public async Task<DutyDecision> ResolveAsync(Caller caller, ResolutionRequest request, CancellationToken cancellationToken)
    {
        EnsureAdministrator(caller);
        var category = request.CategoryCode?.Trim() ?? "";
        var area = request.JurisdictionCode?.Trim() ?? "";
        if (!JurisdictionCode.IsWellFormed(area))
        {
            throw FieldValidationException.Field("jurisdictionCode", AccountabilityText.Get("Duty.AreaUnknown"));
        }
        if (!caller.Covers(area))
        {
            // Another area's overlaps do not exist for the caller.
            throw new RecordNotFoundException(AccountabilityText.Get("Review.NotFound"));
        }
        var previous = db.Caller;
        db.Caller = caller;
        try
        {
            var holding = await HoldingAsync(area, tracked: true, cancellationToken);
            var claimants = DutyMap.Leads(holding, category, area);
            if (claimants.Count < 2)
            {
                throw AccountabilityText.Rule("Decision.NoOverlap", category, area);
            }
            var decision = DutyDecision.Decide(new Overlap(category, area, claimants), request.LeadOrganisationId, request.Outcome, request.Reason, caller,
                clock.GetUtcNow());
            foreach (var duty in holding.Where(d => d.Kind == DutyKind.Lead && d.OrganisationId != decision.LeadOrganisationId && d.Claims(category, area)
                         && JurisdictionCode.IsWithin(d.JurisdictionCode, area)))
            {
                duty.YieldLead(category);
                if (decision.Outcome == YieldOutcome.Assist)
                {
                    var assisting = holding.FirstOrDefault(a => a.Kind == DutyKind.Assist && a.OrganisationId == duty.OrganisationId
                        && a.JurisdictionCode == duty.JurisdictionCode && a.Title == duty.Title);
                    if (assisting is null)
                    {
                        db.Add(duty.AssistingFor(category));
                    }
                    else
                    {
                        assisting.Cover(category);
                    }
                }
                if (duty.IsEmpty)
                {
                    db.Remove(duty);
                }
            }
            var rule = await routing.SetLeadAsync(category, area, decision.LeadOrganisationId,
                decision.Outcome == YieldOutcome.Assist ? decision.YieldingOrganisationIds : [], cancellationToken);
            decision.Routed(rule.Id);
            return await actions.CreateAsync(caller, decision, DutyRules.Decide, Rules, cancellationToken);
        }
        catch
        {
            // Nothing staged for a refused decision may ride along with the context's next save.
            db.ChangeTracker.Clear();
            throw;
        }
        finally
        {
            db.Caller = previous;
        }
    }

    /// <summary>The duties that hold in <paramref name="area"/> or somewhere below it, as far as the context's caller sees them.</summary>
    internal async Task<List<Duty>> HoldingAsync(string area, bool tracked, CancellationToken cancellationToken)
    {
        var prefix = JurisdictionCode.QueryPrefix(area);
        var set = tracked ? db.Set<Duty>() : db.Set<Duty>().AsNoTracking();
        var duties = await set.Where(d => d.JurisdictionCode.StartsWith(prefix) || area.StartsWith(d.JurisdictionCode)).ToListAsync(cancellationToken);
        // The text test above takes 4201031 for a node of 420103; only whole codes count.
        return duties.Where(d => JurisdictionCode.IsWithin(d.JurisdictionCode, area) || JurisdictionCode.IsWithin(area, d.JurisdictionCode)).ToList();
    }

    private async Task EnsureKnownCodesAsync(Duty duty, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var known = (await categories.ActiveMinorAsync(duty.CategoryCodes, cancellationToken)).Select(c => c.Code).ToHashSet(StringComparer.Ordinal);
        if (duty.CategoryCodes.FirstOrDefault(c => !known.Contains(c)) is { } unknown)
        {
            errors["categoryCodes"] = [AccountabilityText.Format("Duty.CategoryUnknown", unknown)];
        }
        var itemsKnown = (await items.FindAsync(duty.ServiceItemCodes, cancellationToken)).Select(i => i.Code).ToHashSet(StringComparer.Ordinal);
        if (duty.ServiceItemCodes.FirstOrDefault(c => !itemsKnown.Contains(c)) is { } unknownItem)
        {
            errors["serviceItemCodes"] = [AccountabilityText.Format("Duty.ItemUnknown", unknownItem)];
        }
        if (errors.Count > 0)
        {
            throw new FieldValidationException(errors);
        }
    }

    /// <summary>Only administrators change duty lists: anyone else is refused before their input is read.</summary>
    private static void EnsureAdministrator(Caller caller)
    {
        if (!caller.IsAdmin)
        {
            throw new ActionForbiddenException(AccountabilityText.Get("Forbidden.Edit"));
        }
    }
}
