using System.Linq.Expressions;
using Gongzhi.Components.Kit;
using Gongzhi.Modules.SocialForces.Registry;
using Gongzhi.Platform;
using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Identity;
using Gongzhi.Platform.Idempotency;
using Gongzhi.Platform.Problems;
using Gongzhi.Platform.Scoping;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gongzhi.Modules.SocialForces.Incubation;

/// <summary>A record made with an <c>Idempotency-Key</c>: found again by the account and the key it was sent with.</summary>
internal interface IMadeWithKey
{
    string? CreatedByUserId { get; }

    string? IdempotencyKey { get; }
}

/// <summary>A base with how many of its records are at each stage.</summary>
public sealed record BaseSummary(IncubationBase Base, int Applied, int Incubating, int Graduated, int Left);

/// <summary>An organisation's incubation as the record page and the API show it.</summary>
public sealed record RecordView(IncubationRecord Record, IncubationBase Base, IReadOnlyList<IncubationSupport> Support,
    IReadOnlyList<CapacityAssessment> Assessments, int Threshold)
{
    /// <summary>The funds given, in fen.</summary>
    public long Funds => Support.Sum(s => s.Amount ?? 0);

    public CapacityTrend? Trend => CapacityTrend.Of(Assessments);

    /// <summary>Whether an assessment reaches the threshold that graduation needs.</summary>
    public bool MayGraduate => Assessments.Any(a => a.Total >= Threshold);
}

/// <summary>
/// Incubation of social organisations (孵化基地): a street or district opens a base; an organisation applies, is admitted
/// with a mentor, gets support and is assessed, and graduates once an assessment reaches the configured threshold — or
/// leaves. A base's occupied places change with admissions and endings in one transaction whose conditional update of the
/// base's row keeps them within its places (<see cref="SerialWrites"/>).
/// </summary>
public sealed class IncubationService(GongzhiDbContext db, RecordActions actions, OrganisationRegistry registry, OrganisationMembers members,
    IdempotentRequests idempotency, UserManager<GongzhiUser> users, IOptions<SocialForcesOptions> options, ShownTime shown, TimeProvider clock)
{
    /// <summary>What an Idempotency-Key creates here (<see cref="IdempotentRequests"/>).</summary>
    public const string RecordsScope = "incubation-records", SupportScope = "incubation-support", AssessmentsScope = "incubation-assessments";

    private sealed class BaseRules : IActionRules<IncubationBase>
    {
        public static readonly BaseRules Instance = new();

        public bool CanSee(Caller caller, IncubationBase record) => true;

        public bool Allows(Caller caller, string action, IncubationBase record) => SocialPermissions.Incubates(caller, record.JurisdictionCode);
    }

    private sealed class RecordRules(IncubationBase incubator, ProviderLens? lens) : IActionRules<IncubationRecord>
    {
        // An organisation's staff see their own organisation's record, and every record of a base their organisation runs.
        public bool CanSee(Caller caller, IncubationRecord record) =>
            lens is null || lens.Owns(record.OrganisationId) || incubator.IsRunBy(lens.OrganisationId);

        // The office decides who comes in and goes out; the contracted operator keeps the support and assessments with it;
        // an organisation applies for itself.
        public bool Allows(Caller caller, string action, IncubationRecord record) => action switch
        {
            "support" or "assess" => SocialPermissions.Incubates(caller, record.JurisdictionCode) || incubator.IsRunBy(lens?.OrganisationId),
            "apply" => SocialPermissions.Incubates(caller, record.JurisdictionCode) || lens?.Owns(record.OrganisationId) == true,
            _ => SocialPermissions.Incubates(caller, record.JurisdictionCode),
        };
    }

    /// <summary>The total an assessment must reach for graduation (of <see cref="CapacityScores.MaxTotal"/>).</summary>
    public int Threshold => options.Value.GraduationThreshold;

    private DateOnly Today => DateOnly.FromDateTime(shown.ToLocal(clock.GetUtcNow()).DateTime);

    public async Task<IncubationBase> OpenBaseAsync(Caller caller, string? name, string? jurisdictionCode, string? address, int? places,
        Guid? operatorOrganisationId, CancellationToken cancellationToken)
    {
        // Only those who run bases somewhere hear what is wrong with the form; whether the area is theirs is asked of the base.
        if (!caller.IsAdmin && !SocialPermissions.Incubators.Any(caller.IsInRole))
        {
            throw new ActionForbiddenException();
        }
        (Guid, string)? runner = null;
        if (operatorOrganisationId is { } id)
        {
            var organisation = await registry.FindAsync(caller, id, cancellationToken)
                ?? throw FieldValidationException.Field("operatorOrganisationId", SocialText.Get("Incubation.Organisation"));
            runner = (organisation.Id, organisation.Name);
        }
        var incubator = IncubationBase.Open(name, jurisdictionCode, address, places, runner, clock.GetUtcNow());
        return await actions.CreateAsync(caller, incubator, "open", BaseRules.Instance, cancellationToken);
    }

    /// <summary>The bases of an area (within the caller's scope) with their records counted by stage.</summary>
    public async Task<List<BaseSummary>> ListBasesAsync(Caller caller, string? scope, CancellationToken cancellationToken)
    {
        if (!SocialPermissions.Reads(caller))
        {
            throw new ActionForbiddenException();
        }
        db.Caller = caller;
        var query = db.Set<IncubationBase>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(scope))
        {
            if (!JurisdictionCode.IsWellFormed(scope.Trim()))
            {
                throw FieldValidationException.Field("scope", SocialText.Get("Field.JurisdictionCode"));
            }
            var prefix = JurisdictionCode.QueryPrefix(scope.Trim());
            query = query.Where(b => b.JurisdictionCode.StartsWith(prefix));
        }
        var bases = await query.OrderBy(b => b.JurisdictionCode).ThenBy(b => b.Name).Take(200).ToListAsync(cancellationToken);
        var ids = bases.Select(b => b.Id).ToList();
        var counts = (await db.Set<IncubationRecord>().AsNoTracking().Where(r => ids.Contains(r.BaseId))
            .GroupBy(r => new { r.BaseId, r.Stage }).Select(g => new { g.Key.BaseId, g.Key.Stage, Count = g.Count() }).ToListAsync(cancellationToken))
            .ToDictionary(c => (c.BaseId, c.Stage), c => c.Count);
        int Count(Guid id, IncubationStage stage) => counts.GetValueOrDefault((id, stage));
        return [.. bases.Select(b => new BaseSummary(b, Count(b.Id, IncubationStage.Applied), Count(b.Id, IncubationStage.Incubating),
            Count(b.Id, IncubationStage.Graduated), Count(b.Id, IncubationStage.Left)))];
    }

    /// <summary>A base with the records the caller may see: all of them for staff of its area, an organisation's own otherwise.</summary>
    public async Task<(IncubationBase Base, List<IncubationRecord> Records)> ViewBaseAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        if (!SocialPermissions.Reads(caller))
        {
            throw new ActionForbiddenException();
        }
        db.Caller = caller;
        var incubator = await db.Set<IncubationBase>().AsNoTracking().FirstOrDefaultAsync(b => b.Id == id, cancellationToken)
            ?? throw new RecordNotFoundException();
        var rules = new RecordRules(incubator, await members.LensAsync(caller, cancellationToken));
        var records = await db.Set<IncubationRecord>().AsNoTracking().Where(r => r.BaseId == id).OrderBy(r => r.AppliedAt).ToListAsync(cancellationToken);
        return (incubator, [.. records.Where(r => rules.CanSee(caller, r))]);
    }

    /// <summary>
    /// An application to a base, by the office for an organisation of its area or by the organisation's own staff. A retry
    /// with the same <c>Idempotency-Key</c> gets the first record back (Created false); an organisation with an open record
    /// at any base is a 409.
    /// </summary>
    public async Task<(IncubationRecord Record, bool Created)> ApplyAsync(Caller caller, Guid baseId, Guid? organisationId, string? need,
        string? idempotencyKey, CancellationToken cancellationToken)
    {
        var key = CheckKey(idempotencyKey);
        db.Caller = caller;
        var incubator = await db.Set<IncubationBase>().AsNoTracking().FirstOrDefaultAsync(b => b.Id == baseId, cancellationToken)
            ?? throw new RecordNotFoundException();
        var fingerprint = key is null ? "" : idempotency.FingerprintOf(new { baseId, organisationId, need });
        if (key is not null && await ReplayAsync<IncubationRecord>(caller, RecordsScope, key, fingerprint, cancellationToken) is { } first)
        {
            return (first, false);
        }
        var organisation = organisationId is { } id ? await registry.FindAsync(caller, id, cancellationToken) : null;
        if (organisation is null)
        {
            throw FieldValidationException.Field("organisationId", SocialText.Get("Incubation.Organisation"));
        }
        var record = IncubationRecord.Apply(incubator, organisation.Id, organisation.Name, organisation.JurisdictionCode, need, caller.UserId, key,
            clock.GetUtcNow());
        var rules = new RecordRules(incubator, await members.LensAsync(caller, cancellationToken));
        if (!rules.Allows(caller, "apply", record))
        {
            throw new ActionForbiddenException();
        }
        // The rule holds across bases, whoever's area they lie in: an open record elsewhere is only refused, not shown.
        if (await db.Set<IncubationRecord>().IgnoreQueryFilters().AnyAsync(r => r.OrganisationId == record.OrganisationId
            && (r.Stage == IncubationStage.Applied || r.Stage == IncubationStage.Incubating), cancellationToken))
        {
            throw new RuleViolationException(SocialText.Get("Incubation.AlreadyOpen"));
        }
        if (key is not null)
        {
            idempotency.Remember(caller, RecordsScope, key, fingerprint);
        }
        try
        {
            return (await actions.CreateAsync(caller, record, "apply", rules, cancellationToken), true);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // A retry that raced this one (answered with its record), or another application of the organisation that won.
            db.ChangeTracker.Clear();
            if (key is not null && await ReplayAsync<IncubationRecord>(caller, RecordsScope, key, fingerprint, cancellationToken) is { } raced)
            {
                return (raced, false);
            }
            throw new RuleViolationException(SocialText.Get("Incubation.AlreadyOpen"));
        }
    }

    /// <summary>A record with its base, support and assessments, if the caller may see it.</summary>
    public async Task<RecordView> ViewRecordAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        if (!SocialPermissions.Reads(caller))
        {
            throw new ActionForbiddenException();
        }
        var (_, record, incubator) = await RulesAsync(caller, id, cancellationToken);
        var support = await db.Set<IncubationSupport>().AsNoTracking().Where(s => s.RecordId == id).OrderBy(s => s.On).ThenBy(s => s.RecordedAt)
            .ToListAsync(cancellationToken);
        var assessments = await db.Set<CapacityAssessment>().AsNoTracking().Where(a => a.RecordId == id).OrderBy(a => a.On).ThenBy(a => a.RecordedAt)
            .ToListAsync(cancellationToken);
        return new RecordView(record, incubator, support, assessments, Threshold);
    }

    /// <summary>Admits an applicant with a mentor: a staff account (<paramref name="mentorUserId"/>) or a mentor named in free text.</summary>
    public async Task<IncubationRecord> AdmitAsync(Caller caller, Guid id, string? mentorUserId, string? mentorName, long? version,
        CancellationToken cancellationToken)
    {
        string? mentorAccount = null;
        var name = mentorName;
        if (!string.IsNullOrWhiteSpace(mentorUserId))
        {
            var user = await users.FindByIdAsync(mentorUserId.Trim());
            var roles = user is null ? [] : await users.GetRolesAsync(user);
            if (user is null || !roles.Any(SocialPermissions.Readers.Contains))
            {
                throw FieldValidationException.Field("mentorUserId", SocialText.Get("Incubation.MentorAccount"));
            }
            mentorAccount = user.Id;
            name = user.DisplayName;
        }
        var now = clock.GetUtcNow();
        return await MoveAsync(caller, id, "admit", version, r =>
        {
            r.Admit(mentorAccount, name, now);
            return Task.CompletedTask;
        }, cancellationToken);
    }

    /// <summary>Graduates an organisation in the base; the record itself asks for an assessment at or above the threshold.</summary>
    public Task<IncubationRecord> GraduateAsync(Caller caller, Guid id, string? note, long? version, CancellationToken cancellationToken) =>
        MoveAsync(caller, id, "graduate", version, async r =>
        {
            // The record's own assessments, read under the record's area like the record itself.
            var assessments = await db.Set<CapacityAssessment>().AsNoTracking().Where(a => a.RecordId == r.Id).ToListAsync(cancellationToken);
            r.Graduate(assessments, Threshold, note, clock.GetUtcNow());
        }, cancellationToken);

    public Task<IncubationRecord> LeaveAsync(Caller caller, Guid id, string? reason, long? version, CancellationToken cancellationToken) =>
        MoveAsync(caller, id, "leave", version, r =>
        {
            r.Leave(reason, clock.GetUtcNow());
            return Task.CompletedTask;
        }, cancellationToken);

    public Task<(IncubationSupport Support, bool Created)> GiveSupportAsync(Caller caller, Guid id, SupportKind? kind, DateOnly? on,
        string? description, decimal? amount, string? idempotencyKey, CancellationToken cancellationToken) =>
        CreateOnceAsync(caller, id, "support", SupportScope, idempotencyKey, new { id, kind, on, description, amount },
            (r, key) => r.GiveSupport(kind, on, Today, description, amount, caller.ShownName ?? "system", caller.UserId, key, clock.GetUtcNow()),
            cancellationToken);

    public Task<(CapacityAssessment Assessment, bool Created)> AssessAsync(Caller caller, Guid id, DateOnly? on, string? assessor,
        CapacityScores.Input scores, string? note, string? idempotencyKey, CancellationToken cancellationToken) =>
        CreateOnceAsync(caller, id, "assess", AssessmentsScope, idempotencyKey, new { id, on, assessor, scores, note },
            (r, key) => r.Assess(on, Today, assessor, scores, note, caller.ShownName ?? "system", caller.UserId, key, clock.GetUtcNow()),
            cancellationToken);

    /// <summary>The rules for a record the caller may see, with its base; not there or not visible → 404.</summary>
    private async Task<(RecordRules Rules, IncubationRecord Record, IncubationBase Base)> RulesAsync(Caller caller, Guid id,
        CancellationToken cancellationToken)
    {
        db.Caller = caller;
        var found = await db.Set<IncubationRecord>().AsNoTracking().Where(r => r.Id == id)
            .Join(db.Set<IncubationBase>(), r => r.BaseId, b => b.Id, (r, b) => new { Record = r, Base = b }).FirstOrDefaultAsync(cancellationToken)
            ?? throw new RecordNotFoundException();
        var rules = new RecordRules(found.Base, await members.LensAsync(caller, cancellationToken));
        if (!rules.CanSee(caller, found.Record))
        {
            throw new RecordNotFoundException();
        }
        return (rules, found.Record, found.Base);
    }

    /// <summary>
    /// A change of stage, with the base's occupied places in the same transaction: an admission takes a place if one is
    /// free, the end of an incubation gives it back. Concurrent changes of one base queue on its row; of one record, the
    /// record's version lets only the first through.
    /// </summary>
    private async Task<IncubationRecord> MoveAsync(Caller caller, Guid id, string action, long? version, Func<IncubationRecord, Task> apply,
        CancellationToken cancellationToken)
    {
        var (rules, _, _) = await RulesAsync(caller, id, cancellationToken);
        return await SerialWrites.RunAsync(db, () => actions.RunAsync(caller, r => r.Id == id, action, version, rules, async r =>
        {
            var wasIncubating = r.Stage == IncubationStage.Incubating;
            await apply(r);
            var change = (r.Stage == IncubationStage.Incubating ? 1 : 0) - (wasIncubating ? 1 : 0);
            if (change == 0)
            {
                return;
            }
            // RecordActions checked who may act on the record; its base's row is changed by its key, within its places.
            var changed = await db.Set<IncubationBase>().IgnoreQueryFilters()
                .Where(b => b.Id == r.BaseId && b.Occupied + change >= 0 && b.Occupied + change <= b.Places)
                .ExecuteUpdateAsync(s => s.SetProperty(b => b.Occupied, b => b.Occupied + change), cancellationToken);
            if (changed == 0)
            {
                throw new RuleViolationException(SocialText.Get("Incubation.Full"));
            }
        }, cancellationToken), cancellationToken);
    }

    /// <summary>Support or an assessment added to a record through <see cref="RecordActions"/>, once per <c>Idempotency-Key</c>.</summary>
    private async Task<(T Made, bool Created)> CreateOnceAsync<T>(Caller caller, Guid id, string action, string scope, string? idempotencyKey,
        object request, Func<IncubationRecord, string?, T> make, CancellationToken cancellationToken)
        where T : class, IMadeWithKey
    {
        var key = CheckKey(idempotencyKey);
        var (rules, _, _) = await RulesAsync(caller, id, cancellationToken);
        var fingerprint = key is null ? "" : idempotency.FingerprintOf(request);
        if (key is not null && await ReplayAsync<T>(caller, scope, key, fingerprint, cancellationToken) is { } first)
        {
            return (first, false);
        }
        T? made = null;
        try
        {
            await actions.RunAsync(caller, r => r.Id == id, action, null, rules, r =>
            {
                made = make(r, key);
                db.Add(made);
                if (key is not null)
                {
                    idempotency.Remember(caller, scope, key, fingerprint);
                }
                return Task.CompletedTask;
            }, cancellationToken);
        }
        catch (DbUpdateException e) when (key is not null && e.IsUniqueViolation())
        {
            // A retry that raced this one: answered with what the first made.
            db.ChangeTracker.Clear();
            return (await ReplayAsync<T>(caller, scope, key, fingerprint, cancellationToken) ?? throw new RuleViolationException(
                PlatformText.Get("Record.Stale")), false);
        }
        return (made!, true);
    }

    private static string? CheckKey(string? idempotencyKey)
    {
        var key = IdempotentRequests.Normalize(idempotencyKey);
        return key is { Length: > IdempotentRequests.MaxKeyLength }
            ? throw FieldValidationException.Field("Idempotency-Key", SocialText.Format("Field.TooLong", IdempotentRequests.MaxKeyLength))
            : key;
    }

    private async Task<T?> ReplayAsync<T>(Caller caller, string scope, string key, string fingerprint, CancellationToken cancellationToken)
        where T : class, IMadeWithKey
    {
        var me = caller.UserId;
        if (me is null)
        {
            return null;
        }
        db.Caller = caller;
        Expression<Func<T, bool>> madeWith = m => m.CreatedByUserId == me && m.IdempotencyKey == key;
        var first = await db.Set<T>().AsNoTracking().FirstOrDefaultAsync(madeWith, cancellationToken);
        if (first is not null)
        {
            await idempotency.EnsureSameRequestAsync(caller, scope, key, fingerprint, cancellationToken);
        }
        return first;
    }
}
