using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Gongzhi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Tests.Access;

/// <summary>
/// With <c>DataProtection:Certificate</c> the keys that sign sign-ins are encrypted in the database, and an instance with the
/// certificate reads them; without a usable certificate the app does not start.
/// </summary>
public sealed class KeyEncryptionTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Keys_WithACertificate_AreEncryptedAtRest_AndARestartWithItStillAcceptsTheSignIn()
    {
        var (path, password) = SelfSignedCertificate();
        await using var database = await TestDatabase.CreateAsync();
        string token;
        await using (var first = await StartAsync(database, path, password))
        {
            using var admin = await first.ClientForAsync("admin");
            token = admin.DefaultRequestHeaders.Authorization!.Parameter!;
            var keys = await first.WithDbAsync(db => db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync(Cancel));

            Assert.NotEmpty(keys);
            Assert.All(keys, xml =>
            {
                Assert.Contains("<encryptedSecret", xml, StringComparison.Ordinal);
                Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
            });
        }

        await using var second = await StartAsync(database, path, password);
        using var client = second.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/auth/me", Cancel)).StatusCode);
        File.Delete(path);
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("wrong password")]
    public async Task ACertificateThatCannotBeUsed_StopsTheStart_NamingTheSetting(string fault)
    {
        var (path, password) = SelfSignedCertificate();
        await using var app = new GongzhiApp();
        app.Settings["DataProtection:Certificate:Path"] = fault == "missing" ? path + ".gone" : path;
        app.Settings["DataProtection:Certificate:Password"] = fault == "wrong password" ? "not-" + password : password;

        var refused = await Assert.ThrowsAnyAsync<Exception>(async () => await app.InitializeAsync());

        Assert.Contains("DataProtection:Certificate:Path", refused.ToString(), StringComparison.Ordinal);
        File.Delete(path);
    }

    private static async Task<GongzhiApp> StartAsync(TestDatabase database, string path, string password)
    {
        var app = new GongzhiApp { SharedDatabase = database };
        app.Settings["DataProtection:Certificate:Path"] = path;
        app.Settings["DataProtection:Certificate:Password"] = password;
        await app.InitializeAsync();
        return app;
    }

    private static (string Path, string Password) SelfSignedCertificate()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Gongzhi key encryption test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var password = Guid.NewGuid().ToString("N");
        var path = Path.Combine(Path.GetTempPath(), $"gongzhi-keys-{Guid.NewGuid():N}.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
        return (path, password);
    }
}
