using Gongzhi.Modules.Organisations;
using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Scoping;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Webhooks.Inbound;

public sealed record IssueSystemKeyRequest(Guid? OrganisationId, string? Name);

public sealed record SystemKeyView(Guid Id, Guid OrganisationId, string JurisdictionCode, string Name, string Prefix, DateTimeOffset CreatedAt,
    DateTimeOffset? RevokedAt);

/// <summary>The key itself, shown this once.</summary>
public sealed record IssuedSystemKey(SystemKeyView Key, string Secret);

internal sealed class SystemKeyRules : IActionRules<SystemKey>
{
    public static readonly SystemKeyRules Instance = new();

    public bool CanSee(Caller caller, SystemKey record) => caller.Administers(record.JurisdictionCode);

    public bool Allows(Caller caller, string action, SystemKey record) => caller.Administers(record.JurisdictionCode);
}

/// <summary>Keys of organisations' own systems: issued and revoked by administrators within their scope, and checked on each call.</summary>
internal sealed class SystemKeys(GongzhiDbContext db, RecordActions actions, IOrganisationDirectory organisations, TimeProvider clock)
{
    public async Task<IssuedSystemKey> IssueAsync(Caller caller, IssueSystemKeyRequest request, CancellationToken cancellationToken)
    {
        var organisation = request.OrganisationId is { } id ? await organisations.FindAsync(id, cancellationToken) : null;
        if (organisation is null)
        {
            throw FieldValidationException.Field("organisationId", WebhooksText.Get("Subscription.UnknownOrganisation"));
        }
        if (!caller.Administers(organisation.JurisdictionCode))
        {
            throw new ActionForbiddenException(WebhooksText.Get("Subscription.OutsideScope"));
        }
        var name = request.Name?.Trim() ?? "";
        if (name.Length is 0 or > SystemKey.MaxNameLength)
        {
            throw FieldValidationException.Field("name", WebhooksText.Format("Key.Name", SystemKey.MaxNameLength));
        }
        var (key, secret) = SystemKey.Issue(organisation.Id, organisation.JurisdictionCode, name, caller.UserName, clock.GetUtcNow());
        return new IssuedSystemKey(View(await actions.CreateAsync(caller, key, "issue", SystemKeyRules.Instance, cancellationToken)), secret);
    }

    public async Task<List<SystemKeyView>> ListAsync(Caller caller, CancellationToken cancellationToken)
    {
        db.Caller = caller;
        var keys = await db.Set<SystemKey>().AsNoTracking().OrderByDescending(k => k.CreatedAt).Take(200).ToListAsync(cancellationToken);
        return keys.Where(k => SystemKeyRules.Instance.CanSee(caller, k)).Select(View).ToList();
    }

    public async Task<SystemKeyView> RevokeAsync(Caller caller, Guid id, CancellationToken cancellationToken) =>
        View(await actions.RunAsync(caller, (SystemKey k) => k.Id == id, "revoke", null, SystemKeyRules.Instance, k =>
        {
            k.Revoke(clock.GetUtcNow());
            return Task.CompletedTask;
        }, cancellationToken));

    /// <summary>
    /// The caller a valid key acts as: department staff of its organisation, scoped to the organisation's node, named after
    /// the system, so that the cases' own access rules decide what it may do, as for a person. Null for a missing,
    /// unknown or revoked key.
    /// </summary>
    public async Task<Caller?> CallerOfAsync(string? secret, string? remoteIp, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(secret) || secret.Length > 128)
        {
            return null;
        }
        var hash = SystemKey.Hash(secret.Trim());
        var previous = db.Caller;
        // Nobody is signed in yet: the key is looked up as the system, then the context goes back to whom it served.
        db.Caller = Caller.System;
        SystemKey? key;
        try
        {
            key = await db.Set<SystemKey>().AsNoTracking().FirstOrDefaultAsync(k => k.KeyHash == hash && k.RevokedAt == null, cancellationToken);
        }
        finally
        {
            db.Caller = previous;
        }
        return key is null ? null
            : new Caller(null, key.Name, key.JurisdictionCode, new HashSet<string> { Roles.DepartmentStaff }, key.OrganisationId.ToString(), remoteIp, false);
    }

    private static SystemKeyView View(SystemKey k) => new(k.Id, k.OrganisationId, k.JurisdictionCode, k.Name, k.Prefix, k.CreatedAt, k.RevokedAt);
}
