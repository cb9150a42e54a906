// Stand-ins for the platform's actions API until it lands on main; removed when it is merged.
using System.Linq.Expressions;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Problems;
using Gongzhi.Platform.Scoping;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Platform.Actions;

public sealed class FieldValidationException(IDictionary<string, string[]> errors) : Exception("Invalid input.")
{
    public IDictionary<string, string[]> Errors { get; } = errors;

    public static FieldValidationException Field(string field, string message) => new(new Dictionary<string, string[]> { [field] = [message] });
}

public sealed class RecordNotFoundException(string? message = null) : Exception(message);

public sealed class ActionForbiddenException(string? message = null) : Exception(message);

public interface IActionRules<in T> where T : class
{
    bool CanSee(Caller caller, T record);

    bool Allows(Caller caller, string action, T record);
}

public sealed class RecordActions(GongzhiDbContext db)
{
    public async Task<T> RunAsync<T>(Caller caller, Expression<Func<T, bool>> find, string action, long? version, IActionRules<T> rules,
        Func<T, Task> apply, CancellationToken ct) where T : class
    {
        db.Caller = caller;
        var record = await db.Set<T>().FirstOrDefaultAsync(find, ct) ?? throw new RecordNotFoundException();
        if (!rules.CanSee(caller, record))
        {
            throw new RecordNotFoundException();
        }
        if (!rules.Allows(caller, action, record))
        {
            throw new ActionForbiddenException();
        }
        if (version is not null && record is IVersioned versioned && versioned.Version != version)
        {
            throw new RuleViolationException("stale");
        }
        await apply(record);
        await db.SaveChangesAsync(ct);
        return record;
    }

    public async Task<T> CreateAsync<T>(Caller caller, T record, string action, IActionRules<T> rules, CancellationToken ct) where T : class
    {
        db.Caller = caller;
        if (!rules.Allows(caller, action, record))
        {
            throw new ActionForbiddenException();
        }
        db.Add(record);
        await db.SaveChangesAsync(ct);
        return record;
    }
}
