using System.Linq.Expressions;
using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Idempotency;
using Gongzhi.Platform.Scoping;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Services.Training;

/// <summary>
/// <c>Idempotency-Key</c> on training's creates, as the service centre's applications and tickets take it: each record keeps the
/// key of the account that sent it (a unique index on account and key), <see cref="IdempotentRequests"/> what the key came with.
/// </summary>
public sealed class TrainingIdempotency(GongzhiDbContext db, IdempotentRequests requests)
{
    public const string Courses = "training-courses";
    public const string Sessions = "training-sessions";
    public const string Enrolments = "training-enrolments";
    public const string Certificates = "training-certificates";

    /// <summary>The key as stored, null when none was sent; a key too long is a field error like any other.</summary>
    public static string? Normalize(string? key)
    {
        var normalized = IdempotentRequests.Normalize(key);
        if (normalized is { Length: > IdempotentRequests.MaxKeyLength })
        {
            throw FieldValidationException.Field("Idempotency-Key", ServicesText.Format("Field.TooLong", IdempotentRequests.MaxKeyLength));
        }
        return normalized;
    }

    public string FingerprintOf<T>(T request)
        where T : class => requests.FingerprintOf(request);

    /// <summary>The record the caller's key made, or null; throws <see cref="IdempotencyKeyReusedException"/> when it came with another request.</summary>
    public async Task<T?> EarlierAsync<T>(Caller caller, string scope, string key, string fingerprint, Expression<Func<T, bool>> madeWithKey,
        CancellationToken cancellationToken)
        where T : class
    {
        // A retry is answered wherever the record lies: the key belongs to the account that sent it, not to a scope.
        var found = await db.Set<T>().IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(madeWithKey, cancellationToken);
        if (found is not null)
        {
            await requests.EnsureSameRequestAsync(caller, scope, key, fingerprint, cancellationToken);
        }
        return found;
    }

    /// <summary>Adds the key's fingerprint to the pending save of the record it creates.</summary>
    public void Remember(Caller caller, string scope, string key, string fingerprint) => requests.Remember(caller, scope, key, fingerprint);
}
