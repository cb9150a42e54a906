using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using Gongzhi.Platform.Files;
using Gongzhi.Tests.Files;
using Gongzhi.Tests.Infrastructure;
using static Gongzhi.Tests.Cases.Api.CaseApiKit;

namespace Gongzhi.Tests.Cases.Open311;

/// <summary>media_url: the first photo of a registered case, as a re-encoded JPEG without metadata that anyone may fetch.</summary>
public sealed class Open311MediaTests(GongzhiApp app)
{
    [Fact]
    public async Task MediaUrl_OfARegisteredCase_LinksItsFirstPhoto_InBothFormats_FetchableAnonymouslyWithoutMetadata()
    {
        using var a = await ActorsAsync(app);
        using var anonymous = app.Anonymous();
        var upload = TestImages.JpegWithGps();
        var first = await UploadPhotoAsync(a.Resident, upload);
        var second = await UploadPhotoAsync(a.Resident, TestImages.Jpeg());
        var (id, reference) = await SubmitWithPhotosAsync(a.Resident, first, second);

        await DoAsync(a.Street, id, "register");

        var json = await MediaUrlInJsonAsync(anonymous, reference);
        var xml = await MediaUrlInXmlAsync(anonymous, reference);
        var listed = await anonymous.GetFromJsonAsync<JsonElement>($"/open311/v2/requests.json?service_request_id={reference}", Cancel);
        Assert.NotNull(json);
        Assert.Equal(json, xml);
        Assert.Equal(json, listed[0].GetProperty("media_url").GetString());
        var url = new Uri(json);
        Assert.True(url.IsAbsoluteUri);
        Assert.Equal($"/api/v1/files/{first}/public", url.AbsolutePath);

        var served = await anonymous.GetAsync(url.PathAndQuery, Cancel);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal(PhotoProcessor.Jpeg, served.Content.Headers.ContentType?.MediaType);
        var bytes = await served.Content.ReadAsByteArrayAsync(Cancel);
        Assert.NotEqual(upload, bytes);
        Assert.False(TestImages.HasApp1(bytes));
        Assert.Null(ExifGps.TryRead(bytes));
        // Only what the request links to is public, and never as the original.
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/v1/files/{second}/public", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/v1/files/{first}/original", Cancel)).StatusCode);
    }

    [Fact]
    public async Task MediaUrl_IsEmptyWithoutPhotos_AndNoCaseIsPublishedBeforeRegistrationOrAfterRejection()
    {
        using var a = await ActorsAsync(app);
        using var anonymous = app.Anonymous();
        var photo = await UploadPhotoAsync(a.Resident, TestImages.Jpeg());
        var (_, submittedReference) = await SubmitWithPhotosAsync(a.Resident, photo);
        var rejectedPhoto = await UploadPhotoAsync(a.Resident, TestImages.Jpeg(70, 50));
        var (rejected, rejectedReference) = await SubmitWithPhotosAsync(a.Resident, rejectedPhoto);
        var withoutPhotos = await SubmitAsync(app, a.Resident);
        await DoAsync(a.Street, rejected, "reject", new() { ["kind"] = "invalid", ["reason"] = "不属于公共事务" });
        await DoAsync(a.Street, withoutPhotos.Id, "register");

        // Neither a case not yet registered nor a refused one is public at all; a registered one without photos links none.
        foreach (var reference in new[] { submittedReference, rejectedReference })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/open311/v2/requests/{reference}.json", Cancel)).StatusCode);
        }
        Assert.Null(await MediaUrlInJsonAsync(anonymous, withoutPhotos.Reference));
        Assert.Equal("", await MediaUrlInXmlAsync(anonymous, withoutPhotos.Reference));
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/v1/files/{photo}/public", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/v1/files/{rejectedPhoto}/public", Cancel)).StatusCode);
    }

    private async Task<(Guid Id, string Reference)> SubmitWithPhotosAsync(HttpClient client, params Guid[] photos)
    {
        var (lat, lon, _) = await PointInAsync(app, WanNianGrid);
        var response = await PostCaseAsync(client, new
        {
            categoryCode = "0103",
            title = "路面油污",
            description = "路口有一大片油污，行人容易滑倒。",
            lat,
            lon,
            photoIds = photos,
        });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Cancel));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Json, Cancel);
        return (body.GetProperty("id").GetGuid(), body.GetProperty("reference").GetString()!);
    }

    private static async Task<string?> MediaUrlInJsonAsync(HttpClient client, string reference)
    {
        var requests = await client.GetFromJsonAsync<JsonElement>($"/open311/v2/requests/{reference}.json", Cancel);
        return requests[0].GetProperty("media_url").GetString();
    }

    private static async Task<string> MediaUrlInXmlAsync(HttpClient client, string reference)
    {
        var requests = XDocument.Parse(await client.GetStringAsync($"/open311/v2/requests/{reference}.xml", Cancel));
        return requests.Root!.Element("request")!.Element("media_url")!.Value;
    }
}
