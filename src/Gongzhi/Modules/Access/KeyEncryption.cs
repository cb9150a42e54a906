using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;

namespace Gongzhi.Modules.Access;

/// <summary>
/// Encrypts the data-protection keys at rest with a certificate (<c>DataProtection:Certificate:Path</c> and
/// <c>:Password</c>, a PKCS#12 file with its private key). The keys sign every sign-in cookie and bearer token and live in
/// the database, so without this anyone holding a copy of the database or a backup could sign in as anyone.
/// A certificate being replaced stays readable as <c>DataProtection:Certificate:Previous:N:Path</c> / <c>:Password</c>
/// until the keys it encrypted have expired (90 days).
/// </summary>
internal static class KeyEncryption
{
    private const string Section = "DataProtection:Certificate";

    /// <summary>Encrypts the keys when a certificate is set; without one they stay plain, and <see cref="WarnIfPlain"/> says so at start.</summary>
    public static void Configure(IDataProtectionBuilder dataProtection, IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        if (string.IsNullOrWhiteSpace(section["Path"]))
        {
            return;
        }
        var current = Load(section, $"{Section}:Path");
        var previous = section.GetSection("Previous").GetChildren().Select(p => Load(p, $"{Section}:Previous:{p.Key}:Path"));
        // Decryption looks the certificate up by its thumbprint among these, not in a machine store the app may not have.
        dataProtection.ProtectKeysWithCertificate(current).UnprotectKeysWithAnyCertificate([current, .. previous]);
    }

    public static void WarnIfPlain(WebApplication app)
    {
        if (string.IsNullOrWhiteSpace(app.Configuration[$"{Section}:Path"]))
        {
            app.Logger.LogWarning("The data-protection keys are stored unencrypted in the database: whoever has a copy of it or of a backup "
                + "can forge sign-ins. Set {Setting} to a PKCS#12 certificate in production.", $"{Section}:Path");
        }
    }

    private static X509Certificate2 Load(IConfiguration settings, string name)
    {
        var path = settings["Path"];
        if (string.IsNullOrWhiteSpace(path) || !File.Exists(path))
        {
            throw new InvalidOperationException($"{name}: there is no certificate file at '{path}'.");
        }
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, settings["Password"], X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            throw new InvalidOperationException($"{name}: '{path}' is not a PKCS#12 certificate this password opens ({e.Message}).", e);
        }
        return certificate.HasPrivateKey ? certificate
            : throw new InvalidOperationException($"{name}: '{path}' has no private key, which decrypting the keys needs.");
    }
}
