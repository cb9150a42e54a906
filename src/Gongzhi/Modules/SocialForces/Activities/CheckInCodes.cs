using System.Globalization;
using Gongzhi.Platform.Actions;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using QRCoder;

namespace Gongzhi.Modules.SocialForces.Activities;

public enum AttendanceMode
{
    In,
    Out,
}

/// <summary>
/// The code an organiser's phone shows for check-in or check-out: the activity and the mode, signed and dated by
/// the platform's data protection, valid for a few minutes (a photo of it sent around stops working soon).
/// </summary>
public sealed class CheckInCodes(IDataProtectionProvider protection, IOptions<SocialForcesOptions> options, TimeProvider clock)
{
    private readonly ITimeLimitedDataProtector protector =
        protection.CreateProtector("Gongzhi.SocialForces.CheckIn").ToTimeLimitedDataProtector();

    public TimeSpan Lifetime => TimeSpan.FromMinutes(Math.Max(1, options.Value.CheckInCodeMinutes));

    public string Issue(Guid activityId, AttendanceMode mode) =>
        protector.Protect($"{activityId:N}|{mode}", clock.GetUtcNow() + Lifetime);

    public (Guid ActivityId, AttendanceMode Mode) Read(string? code)
    {
        try
        {
            var text = protector.Unprotect(code?.Trim() ?? "", out var expires);
            // The protector checks expiry against the wall clock; the app's clock decides too, so tests and the pages agree.
            var parts = text.Split('|');
            if (expires < clock.GetUtcNow() || parts.Length != 2 || !Guid.TryParseExact(parts[0], "N", out var id)
                || !Enum.TryParse<AttendanceMode>(parts[1], out var mode))
            {
                throw FieldValidationException.Field("code", SocialText.Get("Attendance.CodeExpired"));
            }
            return (id, mode);
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or FormatException)
        {
            throw FieldValidationException.Field("code", SocialText.Get("Attendance.CodeExpired"));
        }
    }

    /// <summary>A PNG of the QR code for <paramref name="text"/>, as a data URI for an img element.</summary>
    public static string QrDataUri(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(data).GetGraphic(6);
        return "data:image/png;base64," + Convert.ToBase64String(png);
    }

    public static string Minutes(TimeSpan span) => ((int)span.TotalMinutes).ToString(CultureInfo.InvariantCulture);
}
