using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gongzhi.Modules.Cases.Open311;

/// <summary>
/// A key that lets a client application post service requests through Open311. Only its hash is
/// stored; the key itself is shown once, when an administrator issues it.
/// </summary>
public sealed class Open311ApiKey
{
    private Open311ApiKey()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>Who the key was issued to (an app, a partner hotline).</summary>
    public string Name { get; private set; } = "";

    public string KeyHash { get; private set; } = "";

    /// <summary>The first characters, so that people can tell keys apart without seeing them.</summary>
    public string Prefix { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    public string CreatedBy { get; private set; } = "";

    public DateTimeOffset? RevokedAt { get; private set; }

    public static (Open311ApiKey Key, string Secret) Issue(string name, string createdBy, DateTimeOffset now)
    {
        var secret = "gz311_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        return (new Open311ApiKey
        {
            Id = Guid.CreateVersion7(),
            Name = name.Trim(),
            KeyHash = Hash(secret),
            Prefix = secret[..10],
            CreatedAt = now,
            CreatedBy = createdBy,
        }, secret);
    }

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public void Revoke(DateTimeOffset now) => RevokedAt ??= now;
}

internal sealed class Open311ApiKeyConfiguration : IEntityTypeConfiguration<Open311ApiKey>
{
    public void Configure(EntityTypeBuilder<Open311ApiKey> builder)
    {
        builder.ToTable("open311_api_keys");
        builder.Property(k => k.Name).HasMaxLength(128);
        builder.Property(k => k.KeyHash).HasMaxLength(64);
        builder.HasIndex(k => k.KeyHash).IsUnique();
        builder.Property(k => k.Prefix).HasMaxLength(16);
        builder.Property(k => k.CreatedBy).HasMaxLength(256);
    }
}
