using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gongzhi.Modules.Access;

/// <summary>
/// One sign-in that was ended (signing out on one computer or with one token) while the account's other sign-ins stand.
/// Kept until no sign-in of that age can still be used (<see cref="SessionClaims.MaxAge"/>), then deleted.
/// </summary>
internal sealed class RevokedSession
{
    private RevokedSession()
    {
    }

    public RevokedSession(string sessionId, string userId, DateTimeOffset revokedAt, DateTimeOffset keepUntil)
    {
        SessionId = sessionId;
        UserId = userId;
        RevokedAt = revokedAt;
        KeepUntil = keepUntil;
    }

    public string SessionId { get; private set; } = "";

    public string UserId { get; private set; } = "";

    public DateTimeOffset RevokedAt { get; private set; }

    public DateTimeOffset KeepUntil { get; private set; }
}

internal sealed class RevokedSessionConfiguration : IEntityTypeConfiguration<RevokedSession>
{
    public void Configure(EntityTypeBuilder<RevokedSession> builder)
    {
        builder.ToTable("revoked_sessions");
        builder.HasKey(r => r.SessionId);
        builder.Property(r => r.SessionId).HasMaxLength(32);
        builder.Property(r => r.UserId).HasMaxLength(450);
        builder.HasIndex(r => r.UserId);
        builder.HasIndex(r => r.KeepUntil);
    }
}

/// <summary>
/// The claims that make a sign-in a session of its own: an id, so that it can be ended alone, and the instant it began,
/// so that it ends after <see cref="MaxAge"/> however often it was renewed (a sliding cookie would otherwise live for ever,
/// and the list of ended sessions would have to be kept for ever).
/// </summary>
public static class SessionClaims
{
    public const string Id = "gongzhi:sid";
    public const string Started = "gongzhi:started";

    public static TimeSpan MaxAge(IConfiguration configuration) =>
        TimeSpan.FromHours(Math.Clamp(configuration.GetValue("Access:MaxSessionHours", 168), 1, 24 * 90));

    internal static void AddTo(ClaimsIdentity identity, DateTimeOffset now)
    {
        identity.AddClaim(new Claim(Id, Guid.NewGuid().ToString("N")));
        identity.AddClaim(new Claim(Started, now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>False for a sign-in without a session (issued before sessions existed) or one older than <paramref name="maxAge"/>.</summary>
    public static bool IsYoungEnough(ClaimsPrincipal user, DateTimeOffset now, TimeSpan maxAge) =>
        long.TryParse(user.FindFirstValue(Started), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
        && !string.IsNullOrEmpty(user.FindFirstValue(Id))
        && now - DateTimeOffset.FromUnixTimeSeconds(seconds) < maxAge;
}
