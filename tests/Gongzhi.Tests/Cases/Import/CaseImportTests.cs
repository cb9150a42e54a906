using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Gongzhi.Modules.Cases;
using Gongzhi.Modules.Cases.Import;
using Gongzhi.Platform.PersonalData;
using Gongzhi.Platform.Scoping;
using Gongzhi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Gongzhi.Tests.Cases.Api.CaseApiKit;

namespace Gongzhi.Tests.Cases.Import;

public sealed class CaseImportTests(GongzhiApp app)
{
    private const string Header = "category_code,description,lat,long,address,urgency,reporter_name,reporter_phone,occurred_at";

    [Fact]
    public async Task Upload_WithBom_FilesGoodRowsThroughIntake_AndReportsEachBadRowWithItsField()
    {
        var (lat, lon, grid) = await PointInAsync(app, WanNianGrid);
        var p = string.Create(CultureInfo.InvariantCulture, $"{lat},{lon}");
        var csv = string.Join("\r\n",
            Header,
            $"0103,\"路口油污，行人易滑倒\",{p},民族街万年社区南门,urgent,张三,13812341234,2026-11-20T09:30:00+08:00",
            $"9999,不存在的小类,{p},,,,,",
            $"0103,坐标不是数字,abc,{lon},,,,,",
            $"0103,城外的位置,10.0,10.0,,,,,",
            "0103,列数不对",
            $"0103,{new string('长', 100_000)},{p},,,,,",
            $"0103,\"第二条好数据\",{p},,normal,,,");
        using var street = await app.ClientForAsync("street.420103001");

        var created = await UploadAsync(street, [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv)], Guid.NewGuid().ToString());

        Assert.True(created.StatusCode == HttpStatusCode.Accepted, await created.Content.ReadAsStringAsync(Cancel));
        var job = (await created.Content.ReadFromJsonAsync<CaseImportStatus>(Json, Cancel))!;
        Assert.Equal(7, job.Total);
        var done = await CompletedAsync(street, job.Id);
        var errors = await street.GetStringAsync($"/api/v1/cases/imports/{job.Id}/errors.csv", Cancel);
        Assert.True((7, 2, 5) == (done.Processed, done.Accepted, done.Failed), errors);

        var lines = errors.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("row,field,message", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("3,\"category_code\"", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("4,\"lat\"", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("5,\"lat/long\"", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("6,\"row\"", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("7,\"row\"", StringComparison.Ordinal) && l.Contains("4000", StringComparison.Ordinal));

        var cases = await app.WithDbAsync(db => db.Set<Case>().Where(c => c.IdempotencyKey!.StartsWith($"import:{job.Id:N}:")).ToListAsync(Cancel));
        Assert.Equal(2, cases.Count);
        var first = cases.Single(c => c.IdempotencyKey!.EndsWith(":2", StringComparison.Ordinal));
        Assert.Equal((CaseChannel.Import, grid, CaseUrgency.Urgent, "13812341234", CaseState.Submitted),
            (first.Channel, first.JurisdictionCode, first.Urgency, app.Services.GetRequiredService<PersonalDataProtector>().Unprotect(first.ReporterPhoneProtected!),
                first.State));
        // The same intake path: the submit line on the timeline, with the time it happened.
        var submit = await app.WithDbAsync(db => db.Set<CaseEvent>().SingleAsync(e => e.CaseId == first.Id && e.Action == "submit", Cancel));
        Assert.Contains("2026-11-20T09:30:00+08:00", submit.Data, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_RetriedWithTheSameKey_AnswersTheSameJob_AndMakesNoSecond()
    {
        var (lat, lon, _) = await PointInAsync(app, WanNianGrid);
        var csv = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{Header}\n0103,重试的导入,{lat},{lon},,,,,\n"));
        using var street = await app.ClientForAsync("street.420103001");
        var key = Guid.NewGuid().ToString();

        var first = await UploadAsync(street, csv, key);
        var second = await UploadAsync(street, csv, key);

        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.OK), (first.StatusCode, second.StatusCode));
        var id = (await first.Content.ReadFromJsonAsync<CaseImportStatus>(Json, Cancel))!.Id;
        Assert.Equal(id, (await second.Content.ReadFromJsonAsync<CaseImportStatus>(Json, Cancel))!.Id);
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<CaseImportJob>().CountAsync(j => j.IdempotencyKey == key, Cancel)));
        Assert.Equal(1, (await CompletedAsync(street, id)).Accepted);
    }

    public static TheoryData<string, byte[], string> HostileFiles() => new()
    {
        // 路口垃圾 in GB18030, as Excel in China saves a CSV by default
        { "gbk", [.. Encoding.ASCII.GetBytes(Header + "\n0103,"), 0xC2, 0xB7, 0xBF, 0xDA, 0xC0, 0xAC, 0xBB, 0xF8, .. Encoding.ASCII.GetBytes(",30.5,114.2,,,,,\n")], "UTF-8" },
        { "unbalanced quote", Encoding.UTF8.GetBytes(Header + "\n0103,\"没有闭合的引号,30.5,114.2,,,,,\n0103,下一行,30.5,114.2,,,,,\n"), "引号未闭合" },
        { "missing columns", Encoding.UTF8.GetBytes("category_code,description\n0103,路口垃圾\n"), "lat" },
        { "unknown column", Encoding.UTF8.GetBytes(Header + ",colour\n0103,路口垃圾,30.5,114.2,,,,,,red\n"), "colour" },
        { "header only", Encoding.UTF8.GetBytes(Header + "\n"), "没有数据行" },
        { "empty", [], "文件为空" },
        { "too many rows", Encoding.UTF8.GetBytes(Header + "\n" + string.Concat(Enumerable.Repeat("0103,路口垃圾,30.5,114.2,,,,,\n", CaseCsv.MaxRows + 1))), "5000" },
        { "binary", [0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00], "空字符" },
    };

    [Theory]
    [MemberData(nameof(HostileFiles))]
    public async Task Upload_HostileFile_Returns400WithAClearMessage_AndStoresNoJob(string kind, byte[] content, string expected)
    {
        using var street = await app.ClientForAsync("street.420103001");
        var key = $"hostile-{kind}-{Guid.NewGuid()}";

        var response = await UploadAsync(street, content, key);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<CaseImportJob>().CountAsync(j => j.IdempotencyKey == key, Cancel)));
    }

    [Fact]
    public async Task Upload_NotMultipart_Returns400_AndByAResidentOrGridWorker_Returns403_AndAnotherStreetCannotFollowTheJob()
    {
        using var street = await app.ClientForAsync("street.420103001");
        Assert.Equal(HttpStatusCode.BadRequest,
            (await street.PostAsync("/api/v1/cases/imports", new StringContent("a,b"), Cancel)).StatusCode);
        var csv = Encoding.UTF8.GetBytes(Header + "\n0103,路口垃圾,30.5,114.2,,,,,\n");
        foreach (var account in new[] { "resident1", "grid.420103001002001", "dept.420103.cgj" })
        {
            using var client = await app.ClientForAsync(account);
            Assert.Equal(HttpStatusCode.Forbidden, (await UploadAsync(client, csv, null)).StatusCode);
        }
        var job = (await (await UploadAsync(street, csv, null)).Content.ReadFromJsonAsync<CaseImportStatus>(Json, Cancel))!;
        using var foreign = await app.ClientForAsync("street.420103002");
        Assert.Equal(HttpStatusCode.NotFound, (await foreign.GetAsync($"/api/v1/cases/imports/{job.Id}", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await foreign.GetAsync($"/api/v1/cases/imports/{job.Id}/errors.csv", Cancel)).StatusCode);
        using var command = await app.ClientForAsync("command.420103");
        Assert.Equal(HttpStatusCode.OK, (await command.GetAsync($"/api/v1/cases/imports/{job.Id}", Cancel)).StatusCode);
    }

    [Fact]
    public async Task Job_InterruptedAfterACaseWasSavedButBeforeItsProgress_ResumesOnRestart_WithoutDuplicatingACase()
    {
        await using var database = await TestDatabase.CreateAsync();
        Guid id;
        // Its worker scans once at start and then not again within the test, so the interrupted job is left to the second instance.
        await using (var first = await StartAsync(database, pollSeconds: 3600))
        {
            var (lat, lon, _) = await PointInAsync(first, WanNianGrid);
            var p = string.Create(CultureInfo.InvariantCulture, $"{lat},{lon}");
            var csv = string.Join("\n", Header, $"0103,第一条,{p},,,,,", $"0103,第二条,{p},,,,,", "9999,坏的一条,1,1,,,,,",
                $"0103,第三条,{p},,,,,", $"0103,第四条,{p},,,,,");
            id = await first.WithDbAsync(async db =>
            {
                var userId = await db.Users.Where(u => u.UserName == "street.420103001").Select(u => u.Id).SingleAsync(Cancel);
                var importer = (await CaseImportRunner.CallerOfAsync(db, userId, Cancel))!;
                var job = CaseImportJob.Create(importer, "resume.csv", csv, 5, null, DateTimeOffset.UtcNow);
                // Held by "this node", so the app's own worker leaves it to the run below.
                job.LeaseUntil = DateTimeOffset.UtcNow.AddHours(1);
                db.Add(job);
                await db.SaveChangesAsync(Cancel);
                return job.Id;
            });
            var crash = new CrashAfter(2);
            await Assert.ThrowsAsync<IOException>(() => first.Services.GetRequiredService<CaseImportRunner>().RunAsync(id, crash, Cancel));
            // The worst moment of a crash: row 2's case committed, its progress not. Then the node is gone and its lease runs out.
            await first.WithDbAsync(db => db.Set<CaseImportJob>().Where(j => j.Id == id).ExecuteUpdateAsync(
                s => s.SetProperty(j => j.Processed, 1).SetProperty(j => j.Accepted, 1).SetProperty(j => j.LeaseUntil, (DateTimeOffset?)null), Cancel));
            Assert.Equal(2, await ImportedAsync(first, id));
        }

        await using var second = await StartAsync(database, pollSeconds: 1);
        var deadline = DateTime.UtcNow.AddSeconds(90);
        CaseImportJob resumed;
        do
        {
            await Task.Delay(200, Cancel);
            resumed = await second.WithDbAsync(db => db.Set<CaseImportJob>().AsNoTracking().SingleAsync(j => j.Id == id, Cancel));
        }
        while (resumed.State != CaseImportState.Completed && DateTime.UtcNow < deadline);

        Assert.Equal((CaseImportState.Completed, 5, 4, 1), (resumed.State, resumed.Processed, resumed.Accepted, resumed.Failed));
        Assert.Equal(4, await ImportedAsync(second, id));
        Assert.Equal(1, await second.WithDbAsync(db => db.Set<CaseImportError>().Select(e => e.RowNumber).Distinct().CountAsync(Cancel)));
    }

    private static Task<int> ImportedAsync(GongzhiApp app, Guid job) =>
        app.WithDbAsync(db => db.Set<Case>().CountAsync(c => c.IdempotencyKey!.StartsWith($"import:{job:N}:"), Cancel));

    private static async Task<GongzhiApp> StartAsync(TestDatabase database, int pollSeconds)
    {
        var app = new GongzhiApp { SharedDatabase = database };
        app.Settings["Cases:ImportPollSeconds"] = pollSeconds.ToString(CultureInfo.InvariantCulture);
        await app.InitializeAsync();
        return app;
    }

    internal static async Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[] content, string? key)
    {
        using var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        using var form = new MultipartFormDataContent { { file, "file", "cases.csv" } };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/cases/imports") { Content = form };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }
        return await client.SendAsync(request, Cancel);
    }

    internal static async Task<CaseImportStatus> CompletedAsync(HttpClient client, Guid id)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var status = (await client.GetFromJsonAsync<CaseImportStatus>($"/api/v1/cases/imports/{id}", Json, Cancel))!;
            if (status.State == CaseImportState.Completed || DateTime.UtcNow > deadline)
            {
                return status;
            }
            await Task.Delay(100, Cancel);
        }
    }

    /// <summary>Stands for the process dying once <paramref name="rows"/> rows are saved.</summary>
    private sealed class CrashAfter(int rows) : IProgress<(CaseImportStatus Status, IReadOnlyList<CaseImportError> RowErrors)>
    {
        public void Report((CaseImportStatus Status, IReadOnlyList<CaseImportError> RowErrors) value)
        {
            if (value.Status.Processed >= rows)
            {
                throw new IOException("The process died.");
            }
        }
    }
}
