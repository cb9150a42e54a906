using System.Security.Cryptography;
using System.Text.Json;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.PersonalData;
using Gongzhi.Platform.Scoping;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gongzhi.Platform.Idempotency;

/// <summary>
/// The request an <c>Idempotency-Key</c> was first used with, as a fingerprint: a retry of that request gets the
/// record it made, the same key with another request is refused (<see cref="IdempotencyKeyReusedException"/>, 422 as the
/// IETF idempotency-key draft says) instead of silently answering with a record the client did not ask for.
/// </summary>
internal sealed class IdempotencyRecord
{
    private IdempotencyRecord()
    {
    }

    public string UserId { get; private set; } = "";

    /// <summary>What the key creates (e.g. <c>cases</c>): one account's key may be used once per kind of record.</summary>
    public string Scope { get; private set; } = "";

    public string Key { get; private set; } = "";

    /// <summary>
    /// The request's SHA-256 under the platform's keyed hash: a request may hold personal data (an applicant's ID number),
    /// which a plain hash of a guessable request would give away.
    /// </summary>
    public string Fingerprint { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    public static IdempotencyRecord Create(string userId, string scope, string key, string fingerprint, DateTimeOffset now) => new()
    {
        UserId = userId,
        Scope = scope,
        Key = key,
        Fingerprint = fingerprint,
        CreatedAt = now,
    };
}

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> builder)
    {
        builder.ToTable("idempotency_keys");
        builder.HasKey(r => new { r.UserId, r.Scope, r.Key });
        builder.Property(r => r.UserId).HasMaxLength(64);
        builder.Property(r => r.Scope).HasMaxLength(32);
        builder.Property(r => r.Key).HasMaxLength(IdempotentRequests.MaxKeyLength);
        builder.Property(r => r.Fingerprint).HasMaxLength(64);
    }
}

/// <summary>The same key came with a different request: 422 ProblemDetails.</summary>
public sealed class IdempotencyKeyReusedException() : Exception(PlatformText.Get("Idempotency.Reused"));

/// <summary>
/// The one mechanism behind every create endpoint that takes <c>Idempotency-Key</c>. The module keeps finding the
/// record a key made (its own unique index on account and key); this keeps what the key was first sent with.
/// </summary>
public sealed class IdempotentRequests(GongzhiDbContext db, PersonalDataProtector protector, TimeProvider clock)
{
    public const int MaxKeyLength = 128;

    private static readonly JsonSerializerOptions Canonical = new(JsonSerializerDefaults.Web);

    /// <summary>The key as stored: trimmed, null when blank.</summary>
    public static string? Normalize(string? key) => string.IsNullOrWhiteSpace(key) ? null : key.Trim();

    /// <summary>
    /// The fingerprint of a request as bound (so a retry that spaces or orders its JSON differently is still the same
    /// request). Taken before the create's transaction: the keyed hash may have to read its key first.
    /// </summary>
    public string FingerprintOf<T>(T request)
        where T : class => FingerprintOfContent(JsonSerializer.SerializeToUtf8Bytes(request, Canonical));

    /// <summary>The fingerprint of a request's bytes (an uploaded file).</summary>
    public string FingerprintOfContent(ReadOnlySpan<byte> content) => protector.Hash(Convert.ToHexStringLower(SHA256.HashData(content)));

    /// <summary>Adds the key's fingerprint to the caller's pending save: it is stored with the record, or not at all.</summary>
    public void Remember(Caller caller, string scope, string key, string fingerprint)
    {
        if (caller.UserId is { } me)
        {
            db.Add(IdempotencyRecord.Create(me, scope, key, fingerprint, clock.GetUtcNow()));
        }
    }

    /// <summary>
    /// Before answering a retry with the record the key made: throws <see cref="IdempotencyKeyReusedException"/> when
    /// the key was first sent with another request. A key kept before fingerprints were (none stored) is taken as a retry.
    /// </summary>
    public async Task EnsureSameRequestAsync(Caller caller, string scope, string key, string fingerprint, CancellationToken cancellationToken)
    {
        var me = caller.UserId;
        var first = await db.Set<IdempotencyRecord>().AsNoTracking()
            .Where(r => r.UserId == me && r.Scope == scope && r.Key == key).Select(r => r.Fingerprint).FirstOrDefaultAsync(cancellationToken);
        if (first is not null && first != fingerprint)
        {
            throw new IdempotencyKeyReusedException();
        }
    }
}
