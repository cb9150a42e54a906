using System.Security.Cryptography;
using System.Text;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Problems;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gongzhi.Modules.Webhooks.Inbound;

/// <summary>
/// A key that lets an organisation's own system act on the cases dispatched to that organisation (accept, return, resolve)
/// as the organisation's staff would. Only its hash is kept; the key is shown once, when an administrator issues it.
/// </summary>
internal sealed class SystemKey : IJurisdictional, IAudited
{
    public const int MaxNameLength = 64;
    private const string Marker = "gzsys_";

    private SystemKey()
    {
    }

    public Guid Id { get; private set; }

    public Guid OrganisationId { get; private set; }

    /// <summary>The organisation's node: the key's scope, and where administrators see it.</summary>
    public string JurisdictionCode { get; private set; } = "";

    /// <summary>The system's name, written on the case timeline as the one who acted.</summary>
    public string Name { get; private set; } = "";

    public string KeyHash { get; private set; } = "";

    /// <summary>The first characters, so that people can tell keys apart without seeing them.</summary>
    public string Prefix { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    public string? CreatedBy { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public string AuditKey => Prefix;

    public static (SystemKey Key, string Secret) Issue(Guid organisationId, string jurisdictionCode, string name, string? createdBy, DateTimeOffset now)
    {
        var secret = Marker + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        return (new SystemKey
        {
            Id = Guid.CreateVersion7(now),
            OrganisationId = organisationId,
            JurisdictionCode = jurisdictionCode,
            Name = name,
            KeyHash = Hash(secret),
            Prefix = secret[..12],
            CreatedAt = now,
            CreatedBy = createdBy,
        }, secret);
    }

    /// <summary>SHA-256 is enough for a random key of 192 bits: there is nothing to guess by trying words.</summary>
    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public void Revoke(DateTimeOffset now)
    {
        if (RevokedAt is not null)
        {
            throw new RuleViolationException(WebhooksText.Get("Key.AlreadyRevoked"));
        }
        RevokedAt = now;
    }
}

internal sealed class SystemKeyConfiguration : IEntityTypeConfiguration<SystemKey>
{
    public void Configure(EntityTypeBuilder<SystemKey> builder)
    {
        builder.ToTable("system_keys");
        builder.Property(k => k.Id).ValueGeneratedNever();
        builder.Property(k => k.JurisdictionCode).HasMaxLength(15);
        builder.Property(k => k.Name).HasMaxLength(SystemKey.MaxNameLength);
        builder.Property(k => k.KeyHash).HasMaxLength(64);
        builder.Property(k => k.Prefix).HasMaxLength(12);
        builder.Property(k => k.CreatedBy).HasMaxLength(64);
        builder.HasIndex(k => k.KeyHash).IsUnique();
        builder.HasIndex(k => k.JurisdictionCode);
    }
}
