using Gongzhi.Modules.Conferences.Venues;
using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Scoping;

namespace Gongzhi.Modules.Conferences;

/// <summary>
/// The conference records' rules for <see cref="RecordActions"/>, built on <see cref="ConferencePermissions"/>. What a caller
/// sees is decided by the context's scope filter when the record is loaded, so a loaded record is visible; who may act
/// is the node's runners (its own level's staff or party organisation).
/// </summary>
internal sealed class NodeRules<T>(Func<T, string> node) : IActionRules<T>
    where T : class
{
    public bool CanSee(Caller caller, T record) => true;

    public bool Allows(Caller caller, string action, T record) => ConferencePermissions.RunsNode(caller, node(record));
}

internal static class ConferenceRules
{
    public static readonly IActionRules<ConferenceBody> Body = new NodeRules<ConferenceBody>(b => b.JurisdictionCode);

    public static readonly IActionRules<BodyMembership> Membership = new NodeRules<BodyMembership>(m => m.JurisdictionCode);

    /// <summary>A meeting sits at its body's node.</summary>
    public static readonly IActionRules<Meeting> Meeting = new NodeRules<Meeting>(m => m.JurisdictionCode);

    /// <summary>A resolution sits at its body's node.</summary>
    public static readonly IActionRules<Resolution> Resolution = new NodeRules<Resolution>(r => r.JurisdictionCode);

    /// <summary>A node's staff answer the directives sent to the node.</summary>
    public static readonly IActionRules<DirectiveAssignment> Assignment = new NodeRules<DirectiveAssignment>(a => a.JurisdictionCode);

    /// <summary>The venue's owner unit or the body's level decide on it.</summary>
    public static readonly IActionRules<Venue> Venue = new DelegateRules<Venue>(VenueBookings.MayDecide);
}

/// <summary>Rules whose decision needs something loaded beside the record (the upper body, a venue, the member signing in).</summary>
internal sealed class DelegateRules<T>(Func<Caller, T, bool> allows, Func<Caller, T, bool>? canSee = null) : IActionRules<T>
    where T : class
{
    public bool CanSee(Caller caller, T record) => canSee?.Invoke(caller, record) ?? true;

    public bool Allows(Caller caller, string action, T record) => allows(caller, record);
}

internal static class CallerScopes
{
    /// <summary>Runs the context's reads as <paramref name="caller"/> until disposed, so that the scope filter is the caller's.</summary>
    public static IDisposable As(this GongzhiDbContext db, Caller caller)
    {
        var previous = db.Caller;
        db.Caller = caller;
        return new Restore(db, previous);
    }

    private sealed class Restore(GongzhiDbContext db, Caller previous) : IDisposable
    {
        public void Dispose() => db.Caller = previous;
    }
}
