using System.Security.Cryptography;
using System.Text;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Scoping;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Platform.PersonalData;

/// <summary>
/// Application-level protection of personal data at rest (PIPL art. 51). Values are encrypted with ASP.NET
/// Data Protection, whose keys live in the database's key ring, rotate every 90 days and stay readable after
/// rotation (with <c>DataProtection:Certificate</c> they are themselves encrypted, so a copy of the database
/// alone reads nothing). Exact search (an ID number typed at a window) goes through a keyed hash: HMAC-SHA256
/// with a platform secret kept encrypted in the same way, so equal values find each other without the
/// plaintext being stored or guessable from a table of all ID numbers.
/// </summary>
public sealed class PersonalDataProtector
{
    private const string SecretName = "personal-data-hash-key";
    private readonly IDataProtector protector;
    private readonly Lazy<byte[]> hashKey;

    public PersonalDataProtector(IDataProtectionProvider provider, IServiceScopeFactory scopes)
    {
        protector = provider.CreateProtector("Gongzhi.PersonalData.v1");
        var secrets = provider.CreateProtector("Gongzhi.PlatformSecret.v1");
        hashKey = new Lazy<byte[]>(() => LoadOrCreateHashKey(scopes, secrets), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public string Protect(string plaintext) => protector.Protect(plaintext);

    public string Unprotect(string ciphertext) => protector.Unprotect(ciphertext);

    /// <summary>A telephone number kept encrypted, found by the hash of its <see cref="Phones.Normalize"/> form, listed masked; null when blank.</summary>
    public ProtectedValue? ProtectPhone(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone))
        {
            return null;
        }
        var trimmed = phone.Trim();
        return new ProtectedValue(Protect(trimmed), Hash(Phones.Normalize(trimmed)), Masks.Phone(trimmed) ?? "");
    }

    /// <summary>A valid ID number (<see cref="IdNumbers.IsValid"/>) kept encrypted, found by its hash, listed masked.</summary>
    public ProtectedValue ProtectIdNumber(string validIdNumber) =>
        new(Protect(validIdNumber), Hash(validIdNumber), IdNumbers.Mask(validIdNumber));

    /// <summary>A person's name kept encrypted and listed masked (names are not searched by, so there is no hash); null when blank.</summary>
    public ProtectedValue? ProtectName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }
        var trimmed = name.Trim();
        return new ProtectedValue(Protect(trimmed), null, Masks.Name(trimmed) ?? "");
    }

    /// <summary>The keyed hash of a value already normalised by its kind (e.g. <see cref="IdNumbers.Normalize"/>), as lower-case hex.</summary>
    public string Hash(string normalizedValue) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(hashKey.Value, Encoding.UTF8.GetBytes(normalizedValue)));

    private static byte[] LoadOrCreateHashKey(IServiceScopeFactory scopes, IDataProtector secrets)
    {
        // Two nodes starting together may both create a key: the second insert fails on the name and reads the first's.
        for (var attempt = 0; ; attempt++)
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<GongzhiDbContext>();
            db.Caller = Caller.System;
            var stored = db.Set<PlatformSecret>().AsNoTracking().FirstOrDefault(s => s.Name == SecretName);
            if (stored is not null)
            {
                return Convert.FromBase64String(secrets.Unprotect(stored.Value));
            }
            try
            {
                db.Add(new PlatformSecret(SecretName, secrets.Protect(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)))));
                db.SaveChanges();
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // Another node stored it first: read theirs on the next pass.
            }
        }
    }
}

/// <summary>A secret of the platform, kept encrypted with the data-protection key ring (the personal-data hash key).</summary>
public sealed class PlatformSecret(string name, string value)
{
    public string Name { get; private set; } = name;

    public string Value { get; private set; } = value;
}

internal sealed class PlatformSecretConfiguration : IEntityTypeConfiguration<PlatformSecret>
{
    public void Configure(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<PlatformSecret> builder)
    {
        builder.ToTable("platform_secrets");
        builder.HasKey(s => s.Name);
        builder.Property(s => s.Name).HasMaxLength(64);
        builder.Property(s => s.Value).HasMaxLength(2000);
    }
}
