using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Gongzhi.Modules.Access;
using Gongzhi.Platform.Audit;
using Gongzhi.Platform.Files;
using Gongzhi.Platform.Problems;
using Gongzhi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gongzhi.Tests.Files;

public sealed class FilesApiTests(GongzhiApp app)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Upload_Jpeg_Returns201WithDetectedTypeAndSize()
    {
        using var client = await app.ClientForAsync("resident1");
        var upload = TestImages.Jpeg(80, 60);

        var response = await UploadAsync(client, upload, "photo.jpg", "image/jpeg");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<StoredFileResponse>(Cancel);
        Assert.Equal((PhotoProcessor.Jpeg, 80, 60, (long)upload.Length), (body!.ContentType, body.Width, body.Height, body.Length));
        Assert.Equal($"/api/v1/files/{body.Id}", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Upload_PngNamedJpg_IsStoredAsPng()
    {
        using var client = await app.ClientForAsync("resident1");

        var body = await UploadOkAsync(client, TestImages.Png(), "holiday.jpg", "image/jpeg");

        Assert.Equal(PhotoProcessor.Png, body.ContentType);
        var stored = await app.WithDbAsync(db => db.Set<StoredFile>().SingleAsync(f => f.Id == body.Id, Cancel));
        Assert.Equal(PhotoProcessor.Png, stored.ContentType);
    }

    [Fact]
    public async Task Upload_JpegWithGps_PublicVariantHasNoExif_AndTheFileIsCompleteOnDisk()
    {
        using var client = await app.ClientForAsync("resident1");
        var upload = TestImages.JpegWithGps();

        var body = await UploadOkAsync(client, upload, "gps.jpg", "image/jpeg");
        var response = await client.GetAsync($"/api/v1/files/{body.Id}", Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/jpeg", response.Content.Headers.ContentType?.MediaType);
        var served = await response.Content.ReadAsByteArrayAsync(Cancel);
        Assert.False(TestImages.HasApp1(served));
        Assert.Null(ExifGps.TryRead(served));

        var stored = await app.WithDbAsync(db => db.Set<StoredFile>().SingleAsync(f => f.Id == body.Id, Cancel));
        Assert.Equal(30.59, stored.Latitude!.Value, 4);
        var originalPath = Path.Combine(app.FilesDirectory, stored.Sha256[..2], stored.Sha256[2..4], stored.Sha256);
        Assert.Equal(upload, await File.ReadAllBytesAsync(originalPath, Cancel));
    }

    [Fact]
    public async Task GetPublic_HasPrivateCachingETagAndNosniff_AndAnswers304ToItsETag()
    {
        using var client = await app.ClientForAsync("resident1");
        var body = await UploadOkAsync(client, TestImages.Jpeg(), "a.jpg", "image/jpeg");

        var response = await client.GetAsync($"/api/v1/files/{body.Id}", Cancel);

        Assert.Contains("private", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        var etag = response.Headers.ETag;
        Assert.NotNull(etag);
        using var again = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/files/{body.Id}");
        again.Headers.IfNoneMatch.Add(etag);
        var conditional = await client.SendAsync(again, Cancel);
        Assert.Equal(HttpStatusCode.NotModified, conditional.StatusCode);
    }

    [Fact]
    public async Task Upload_TextClaimingJpeg_Returns400OnFieldFile()
    {
        using var client = await app.ClientForAsync("resident1");

        var response = await UploadAsync(client, Encoding.UTF8.GetBytes("just some text, not a photo"), "x.jpg", "image/jpeg");

        await AssertFileErrorAsync(response, "不是照片");
    }

    [Fact]
    public async Task Upload_TruncatedJpeg_Returns400()
    {
        using var client = await app.ClientForAsync("resident1");
        var jpeg = TestImages.Jpeg(300, 300);

        var response = await UploadAsync(client, jpeg[..(jpeg.Length / 2)], "cut.jpg", "image/jpeg");

        await AssertFileErrorAsync(response, "已损坏");
    }

    [Fact]
    public async Task Upload_DecompressionBomb_Returns400()
    {
        using var client = await app.ClientForAsync("resident1");

        var response = await UploadAsync(client, TestImages.PngBomb(), "bomb.png", "image/png");

        await AssertFileErrorAsync(response, "百万像素");
    }

    [Fact]
    public async Task Upload_OverTenMegabytes_Returns400()
    {
        using var client = await app.ClientForAsync("resident1");
        var big = new byte[(10 * 1024 * 1024) + 1];
        TestImages.Jpeg().CopyTo(big, 0);

        var response = await UploadAsync(client, big, "big.jpg", "image/jpeg");

        await AssertFileErrorAsync(response, "照片大于");
    }

    [Fact]
    public async Task Upload_WithoutAFileField_Returns400()
    {
        using var client = await app.ClientForAsync("resident1");
        using var form = new MultipartFormDataContent { { new StringContent("hello"), "note" } };

        var response = await client.PostAsync("/api/v1/files/photos", form, Cancel);

        await AssertFileErrorAsync(response, "no field");
    }

    [Fact]
    public async Task GetPublic_ByAnotherResident_Returns404()
    {
        using var owner = await app.ClientForAsync("resident1");
        using var other = await app.ClientForAsync("resident2");
        var body = await UploadOkAsync(owner, TestImages.Jpeg(), "mine.jpg", "image/jpeg");

        var response = await other.GetAsync($"/api/v1/files/{body.Id}", Cancel);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Attached_IsVisibleToStaffCoveringIt_AndHiddenFromAnotherStreet()
    {
        using var resident = await app.ClientForAsync("resident1");
        var body = await UploadOkAsync(resident, TestImages.Jpeg(), "case.jpg", "image/jpeg");
        using var street = await app.ClientForAsync("street.420103001");
        using var foreign = await app.ClientForAsync("street.420103002");
        Assert.Equal(HttpStatusCode.NotFound, (await street.GetAsync($"/api/v1/files/{body.Id}", Cancel)).StatusCode);

        await AttachAsync(body.Id, "420103001002", OwnerWithoutARule());

        Assert.Equal(HttpStatusCode.OK, (await street.GetAsync($"/api/v1/files/{body.Id}", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await foreign.GetAsync($"/api/v1/files/{body.Id}", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await foreign.GetAsync($"/api/v1/files/{body.Id}/original", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await resident.GetAsync($"/api/v1/files/{body.Id}", Cancel)).StatusCode);
    }

    [Fact]
    public async Task GetOriginal_ByStaffCoveringIt_ReturnsTheUploadedBytes_AndWritesARevealAuditEntry()
    {
        using var grid = await app.ClientForAsync("grid.420103001002001");
        var upload = TestImages.JpegWithGps();
        var body = await UploadOkAsync(grid, upload, "patrol.jpg", "image/jpeg");
        await AttachAsync(body.Id, "420103001002001", OwnerWithoutARule());
        using var street = await app.ClientForAsync("street.420103001");

        var response = await street.GetAsync($"/api/v1/files/{body.Id}/original", Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(upload, await response.Content.ReadAsByteArrayAsync(Cancel));
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        var key = body.Id.ToString();
        var entry = await app.WithDbAsync(db => db.AuditEntries.SingleOrDefaultAsync(
            e => e.SubjectKey == key && e.Action == AuditActions.Revealed, Cancel));
        Assert.NotNull(entry);
        Assert.Equal(("street.420103001", "420103001002001"), (entry!.Actor, entry.JurisdictionCode));
    }

    [Fact]
    public async Task GetOriginal_ByTheUploadingResident_Returns404()
    {
        using var resident = await app.ClientForAsync("resident1");
        var body = await UploadOkAsync(resident, TestImages.Jpeg(), "r.jpg", "image/jpeg");
        await AttachAsync(body.Id, "420103001002", OwnerWithoutARule());

        var response = await resident.GetAsync($"/api/v1/files/{body.Id}/original", Cancel);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task GetPublished_OfAFileNoRecordPublishes_Returns404_EvenToItsUploader()
    {
        using var resident = await app.ClientForAsync("resident1");
        using var anonymous = app.Anonymous();
        var body = await UploadOkAsync(resident, TestImages.Jpeg(), "p.jpg", "image/jpeg");

        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/v1/files/{body.Id}/public", Cancel)).StatusCode);
        await AttachAsync(body.Id, "420103001002", OwnerWithoutARule());

        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/v1/files/{body.Id}/public", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await resident.GetAsync($"/api/v1/files/{body.Id}/public", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/v1/files/{body.Id}", Cancel)).StatusCode);
    }

    [Fact]
    public async Task Attach_AgainToTheSameOwner_IsANoOp_ButToAnotherOwnerIsRefused()
    {
        using var resident = await app.ClientForAsync("resident1");
        var body = await UploadOkAsync(resident, TestImages.Jpeg(), "twice.jpg", "image/jpeg");
        var owner = OwnerWithoutARule();

        await AttachAsync(body.Id, "420103001002", owner);
        await AttachAsync(body.Id, "420103001002", owner);

        await Assert.ThrowsAsync<RuleViolationException>(() => AttachAsync(body.Id, "420103001002", OwnerWithoutARule()));
    }

    [Fact]
    public async Task Upload_MoreThan30InAMinute_Returns429()
    {
        // An account no other test uploads with, so its per-minute budget is this test's alone.
        using var client = await app.ClientForAsync("community.420103001002");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 31; i++)
        {
            statuses.Add((await UploadAsync(client, Encoding.UTF8.GetBytes("x"), "x.jpg", "image/jpeg")).StatusCode);
        }

        Assert.All(statuses.Take(30), s => Assert.Equal(HttpStatusCode.BadRequest, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[30]);
    }

    /// <summary>A record whose module leaves its files to the default rule, as the joint conferences' feed and tasks do.</summary>
    private static string OwnerWithoutARule() => $"ConferenceFeed:{Guid.NewGuid()}";

    private async Task AttachAsync(Guid id, string jurisdiction, string owner)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Gongzhi.Platform.Data.GongzhiDbContext>();
        db.Caller = Gongzhi.Platform.Scoping.Caller.System;
        await scope.ServiceProvider.GetRequiredService<PhotoLibrary>().AttachAsync([id], jurisdiction, owner, Cancel);
        await db.SaveChangesAsync(Cancel);
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[] content, string fileName, string declaredType)
    {
        using var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(declaredType);
        using var form = new MultipartFormDataContent { { file, "file", fileName } };
        return await client.PostAsync("/api/v1/files/photos", form, Cancel);
    }

    private static async Task<StoredFileResponse> UploadOkAsync(HttpClient client, byte[] content, string fileName, string declaredType)
    {
        var response = await UploadAsync(client, content, fileName, declaredType);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Cancel));
        return (await response.Content.ReadFromJsonAsync<StoredFileResponse>(Cancel))!;
    }

    private static async Task AssertFileErrorAsync(HttpResponseMessage response, string expected)
    {
        var text = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(text);
        var message = json.RootElement.GetProperty("errors").GetProperty("file")[0].GetString();
        Assert.Contains(expected, message, StringComparison.Ordinal);
    }
}
