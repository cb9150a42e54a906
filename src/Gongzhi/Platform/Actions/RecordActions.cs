using System.Linq.Expressions;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Problems;
using Gongzhi.Platform.Scoping;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Platform.Actions;

/// <summary>What a module decides about its own records: who sees one, and who may take which action on it.</summary>
public interface IActionRules<in T>
    where T : class
{
    /// <summary>False answers 404, as if the record did not exist.</summary>
    bool CanSee(Caller caller, T record);

    /// <summary>False answers 403.</summary>
    bool Allows(Caller caller, string action, T record);
}

/// <summary>
/// The one way a write runs, for every module: load the record through the scope-filtered context as the
/// caller (not there or not visible → 404), ask the module's rules (not allowed → 403), check the version
/// the caller read (stale → 409), let the entity's own method apply its rule (broken → 409, bad input → 400),
/// then save as the caller, so that the scope guard and the audit see who acted. Notifying others is the
/// service's next step, after the save.
/// </summary>
public sealed class RecordActions(GongzhiDbContext db)
{
    public async Task<T> RunAsync<T>(Caller caller, Expression<Func<T, bool>> find, string action, long? version,
        IActionRules<T> rules, Func<T, Task> apply, CancellationToken cancellationToken)
        where T : class
    {
        var previous = db.Caller;
        db.Caller = caller;
        try
        {
            var record = await db.Set<T>().FirstOrDefaultAsync(find, cancellationToken);
            if (record is null || !rules.CanSee(caller, record))
            {
                throw new RecordNotFoundException();
            }
            if (!rules.Allows(caller, action, record))
            {
                throw new ActionForbiddenException();
            }
            if (version is not null && record is IVersioned versioned && versioned.Version != version)
            {
                throw new RuleViolationException(PlatformText.Get("Record.Stale"));
            }
            await apply(record);
            await db.SaveChangesAsync(cancellationToken);
            return record;
        }
        finally
        {
            db.Caller = previous;
        }
    }

    /// <summary>A new record: the rules are asked about the record as it would be, then it is saved as the caller.</summary>
    public async Task<T> CreateAsync<T>(Caller caller, T record, string action, IActionRules<T> rules, CancellationToken cancellationToken)
        where T : class
    {
        if (!rules.Allows(caller, action, record))
        {
            throw new ActionForbiddenException();
        }
        var previous = db.Caller;
        db.Caller = caller;
        try
        {
            db.Add(record);
            await db.SaveChangesAsync(cancellationToken);
            return record;
        }
        finally
        {
            db.Caller = previous;
        }
    }
}
