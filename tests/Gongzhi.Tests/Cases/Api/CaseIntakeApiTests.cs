using System.Net;
using System.Net.Http.Json;
using Gongzhi.Modules.Cases;
using Gongzhi.Modules.Cases.Intake;
using Gongzhi.Modules.Notifications;
using Gongzhi.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using static Gongzhi.Tests.Cases.Api.CaseApiKit;

namespace Gongzhi.Tests.Cases.Api;

public sealed class CaseIntakeApiTests(GongzhiApp app)
{
    [Fact]
    public async Task Submit_AsResident_Returns201WithReferenceAndGrid_AndTellsTheStreetsDispatcher()
    {
        using var resident = await app.ClientForAsync("resident1");
        var submitted = await SubmitAsync(app, resident, title: "万年社区路面油污");

        Assert.Equal(CaseState.Submitted, submitted.State);
        Assert.StartsWith("420103001", submitted.GridCode, StringComparison.Ordinal);
        Assert.Matches(@"^420103-\d{8}-\d{6}$", submitted.Reference);
        using var street = await app.ClientForAsync("street.420103001");
        var inbox = await street.GetFromJsonAsync<NotificationList>("/api/v1/notifications/?take=200", Json, Cancel);
        Assert.Contains(inbox!.Items, n => n.Kind == "case.submit" && n.Link == $"/cases/{submitted.Id}");
        var detail = await GetAsync(street, submitted.Id);
        Assert.NotNull(detail.Deadline);
        Assert.Equal(CaseStep.Register, detail.DeadlineStep);
    }

    [Fact]
    public async Task Submit_AsResident_InAnotherStreet_IsAccepted_AndTheResidentSeesIt()
    {
        using var resident = await app.ClientForAsync("resident1");
        var submitted = await SubmitAsync(app, resident, HuaLouJieStreet);

        Assert.StartsWith(HuaLouJieStreet, submitted.GridCode, StringComparison.Ordinal);
        Assert.True((await GetAsync(resident, submitted.Id)).IsMine);
        using var otherStreet = await app.ClientForAsync("street.420103001");
        Assert.Equal(HttpStatusCode.NotFound, (await otherStreet.GetAsync($"/api/v1/cases/{submitted.Id}", Cancel)).StatusCode);
    }

    [Fact]
    public async Task Submit_ReportsEachInvalidFieldByName()
    {
        using var resident = await app.ClientForAsync("resident1");
        var (lat, lon, _) = await PointInAsync(app, WanNianGrid);
        var cases = new (object Body, string Field)[]
        {
            (new { categoryCode = "9999", title = "t", description = "d", lat, lon }, "categoryCode"),
            (new { categoryCode = "01", title = "t", description = "d", lat, lon }, "categoryCode"),
            (new { categoryCode = "0101", title = "t", description = "d", lat, lon }, "attributes.volume"),
            (new { categoryCode = "0101", title = "t", description = "d", lat, lon, attributes = new { volume = "一吨" } }, "attributes.volume"),
            (new { categoryCode = "0702", title = "t", description = "d", lat, lon, attributes = new { peopleTrapped = "maybe" } }, "attributes.peopleTrapped"),
            (new { categoryCode = "0103", title = "t", description = "d", lat = 39.9042, lon = 116.4074 }, "location"),
            (new { categoryCode = "0103", title = "t", description = "d" }, "location"),
            (new { categoryCode = "0701", title = "t", description = "d", lat, lon, anonymous = true }, "anonymous"),
            (new { categoryCode = "0103", title = new string('长', Case.TitleMaxLength + 1), description = "d", lat, lon }, "title"),
            (new { categoryCode = "0103", title = "t", description = "", lat, lon }, "description"),
            (new { categoryCode = "0103", title = "t", description = "d", lat, lon, channel = "hotline", reporterPhone = "138" }, "channel"),
            (new { categoryCode = "0103", title = "t", description = "d", lat, lon, reporterPhone = "call me" }, "reporterPhone"),
        };
        foreach (var (body, field) in cases)
        {
            var response = await PostCaseAsync(resident, body);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{field}: {(int)response.StatusCode}");
            var problem = await response.Content.ReadFromJsonAsync<ValidationProblemDetails>(Json, Cancel);
            Assert.True(problem!.Errors.ContainsKey(field), $"expected {field}, got {string.Join(",", problem.Errors.Keys)}");
        }
    }

    [Fact]
    public async Task Submit_WithAttributesOfEveryType_NormalisesThem()
    {
        using var resident = await app.ClientForAsync("resident1");
        var submitted = await SubmitAsync(app, resident, category: "0702", title: "电梯困人", attributes: new { peopleTrapped = true });
        Assert.Equal("true", (await GetAsync(resident, submitted.Id)).Attributes["peopleTrapped"]);
    }

    [Fact]
    public async Task Submit_TwiceWithTheSameIdempotencyKey_ReturnsTheSameCase()
    {
        using var resident = await app.ClientForAsync("resident1");
        var (lat, lon, _) = await PointInAsync(app, WanNianGrid);
        var key = Guid.NewGuid().ToString();
        var body = new { categoryCode = "0104", title = "垃圾桶满溢", description = "垃圾桶满了没人清运", lat, lon };

        var first = await PostCaseAsync(resident, body, key);
        var second = await PostCaseAsync(resident, body, key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var a = await first.Content.ReadFromJsonAsync<CaseSubmitted>(Json, Cancel);
        var b = await second.Content.ReadFromJsonAsync<CaseSubmitted>(Json, Cancel);
        Assert.Equal(a!.Id, b!.Id);
        Assert.Equal(a.Reference, b.Reference);
    }

    [Fact]
    public async Task Submit_RetryWithTheSamePhotos_ReturnsTheCaseTheyAreAttachedTo()
    {
        using var resident = await app.ClientForAsync("resident1");
        var (lat, lon, _) = await PointInAsync(app, WanNianGrid);
        var photo = await UploadPhotoAsync(resident);
        var key = Guid.NewGuid().ToString();
        var body = new { categoryCode = "0104", title = "垃圾桶满溢", description = "附照片重试", lat, lon, photoIds = new[] { photo } };

        var first = await PostCaseAsync(resident, body, key);
        var second = await PostCaseAsync(resident, body, key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var a = await first.Content.ReadFromJsonAsync<CaseSubmitted>(Json, Cancel);
        var b = await second.Content.ReadFromJsonAsync<CaseSubmitted>(Json, Cancel);
        Assert.Equal(a!.Id, b!.Id);
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<Case>().CountAsync(c => c.IdempotencyKey == key, Cancel)));
        Assert.Equal([photo], (await GetAsync(resident, a.Id)).PhotoIds);
    }

    [Fact]
    public async Task Submit_TwoRacingRetriesWithTheSameKey_MakeOneCase()
    {
        using var one = await app.ClientForAsync("resident2");
        using var two = await app.ClientForAsync("resident2");
        var (lat, lon, _) = await PointInAsync(app, HuaLouJieStreet);
        var key = Guid.NewGuid().ToString();
        var body = new { categoryCode = "0104", title = "垃圾桶满溢", description = "重复提交", lat, lon };

        var responses = await Task.WhenAll(PostCaseAsync(one, body, key), PostCaseAsync(two, body, key));

        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, ((int)r.StatusCode).ToString()));
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        var ids = await Task.WhenAll(responses.Select(r => r.Content.ReadFromJsonAsync<CaseSubmitted>(Json, Cancel)));
        Assert.Equal(ids[0]!.Id, ids[1]!.Id);
        var rows = await app.WithDbAsync(db => db.Set<Case>().CountAsync(c => c.IdempotencyKey == key, Cancel));
        Assert.Equal(1, rows);
    }

    [Fact]
    public async Task Submit_ConcurrentReports_DrawDistinctReferences()
    {
        using var resident = await app.ClientForAsync("resident1");
        var (lat, lon, _) = await PointInAsync(app, WanNianGrid);
        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            PostCaseAsync(resident, new { categoryCode = "0105", title = $"小广告{i}", description = "墙上贴满小广告", lat, lon })));
        var references = new List<string>();
        foreach (var response in responses)
        {
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            references.Add((await response.Content.ReadFromJsonAsync<CaseSubmitted>(Json, Cancel))!.Reference);
        }
        Assert.Equal(references.Count, references.Distinct().Count());
    }

    [Fact]
    public async Task Submit_NearAnOpenCaseOfTheSameCategory_OffersItAsADuplicate()
    {
        using var resident = await app.ClientForAsync("resident1");
        var first = await SubmitAsync(app, resident, category: "0403", title: "路面坑洼", description: "路面有个大坑");
        var second = await SubmitAsync(app, resident, category: "0403", title: "路面坑洼又来了", description: "同一个坑");
        Assert.Contains(second.Duplicates, d => d.Id == first.Id && d.DistanceMeters <= 30);
    }

    [Fact]
    public async Task Submit_AfterANewDispatcherJoinsTheStreet_TellsThemToo()
    {
        using var resident = await app.ClientForAsync("resident1");
        // The street's dispatchers are known (and kept) from this report on.
        await SubmitAsync(app, resident, title: "新调度员之前");
        using var admin = await app.ClientForAsync("admin");
        var userName = $"street.new.{Guid.NewGuid():N}"[..24];
        var created = await admin.PostAsJsonAsync("/api/v1/accounts", new
        {
            userName, displayName = "新调度员", password = "Dispatcher-2026-new", scopeCode = "420103001", roles = new[] { "StreetDispatcher" },
        }, Json, Cancel);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var after = await SubmitAsync(app, resident, title: "新调度员之后");

        var told = await app.WithDbAsync(db => db.Set<Notification>()
            .Where(n => n.Link == $"/cases/{after.Id}")
            .Join(db.Users.Where(u => u.UserName == userName), n => n.RecipientUserId, u => u.Id, (n, _) => n.Id)
            .CountAsync(Cancel));
        Assert.Equal(1, told);
    }

    [Fact]
    public async Task Submit_AtACrowdedSpot_OffersTheTenNearestOpenCases_NearestFirst()
    {
        using var resident = await app.ClientForAsync("resident2");
        var (lat, lon, _) = await PointInAsync(app, "420103003");
        var around = new List<Guid>();
        for (var i = 1; i <= 12; i++)
        {
            // 3.5 m further north each time: all within the category's 50 m.
            var response = await PostCaseAsync(resident, new { categoryCode = "0107", title = $"动物尸体{i}", description = "路边有动物尸体", lat = lat + (i * 3.5 / 111_320), lon });
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            around.Add((await response.Content.ReadFromJsonAsync<CaseSubmitted>(Json, Cancel))!.Id);
        }

        var response13 = await PostCaseAsync(resident, new { categoryCode = "0107", title = "动物尸体", description = "又看到了", lat, lon });
        var offered = (await response13.Content.ReadFromJsonAsync<CaseSubmitted>(Json, Cancel))!.Duplicates;

        Assert.Equal(around.Take(CaseIntakeService.MaxDuplicates), offered.Select(d => d.Id!.Value));
        Assert.Equal(offered.Select(d => d.DistanceMeters).Order(), offered.Select(d => d.DistanceMeters));
    }

    [Fact]
    public async Task Submit_ByHotline_KeepsTheCallersDetails_AndAGridWorkersReportIsAPatrol()
    {
        using var street = await app.ClientForAsync("street.420103001");
        var (lat, lon, _) = await PointInAsync(app, WanNianGrid);
        var hotline = await PostCaseAsync(street, new
        {
            categoryCode = "0103", title = "热线：油污", description = "来电反映路面油污", lat, lon, channel = "hotline",
            reporterName = "张三", reporterPhone = "13812341234",
        });
        Assert.Equal(HttpStatusCode.Created, hotline.StatusCode);
        var id = (await hotline.Content.ReadFromJsonAsync<CaseSubmitted>(Json, Cancel))!.Id;
        Assert.Equal(CaseChannel.Hotline, (await GetAsync(street, id)).Channel);

        using var grid = await app.ClientForAsync("grid.420103001002001");
        var patrol = await SubmitAsync(app, grid, title: "巡查发现油污");
        Assert.Equal(CaseChannel.Patrol, (await GetAsync(grid, patrol.Id)).Channel);
    }

    [Fact]
    public async Task SuggestCategory_ForNoise_RanksTheNoiseCategoriesFirst()
    {
        using var resident = await app.ClientForAsync("resident1");
        var response = await resident.PostAsJsonAsync("/api/v1/cases/suggest-category", new { description = "楼上广场舞噪音太大" }, Json, Cancel);
        var suggestions = await response.Content.ReadFromJsonAsync<List<CategorySuggestion>>(Json, Cancel);
        Assert.Equal("0801", suggestions![0].Code);
    }
}
