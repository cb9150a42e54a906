using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Gongzhi.Modules.Registry.Addresses;
using Gongzhi.Modules.Registry.Imports;
using Gongzhi.Modules.Registry.Persons;
using Gongzhi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Gongzhi.Tests.Registry.RegistryTestData;

namespace Gongzhi.Tests.Registry;

/// <summary>Importing persons from a file: row by row through the same registration, with a report, resumable and idempotent.</summary>
public sealed class PersonImportTests(GongzhiApp app) : IAsyncLifetime
{
    private const string Header = "name,id_number,phone,jurisdiction_code,address,care_tags,residence_status,household,relation";

    public ValueTask InitializeAsync() => DemoAsync(app);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task Upload_WithBadRows_StoresTheGoodRowsEncrypted_AndReportsEachBadRowWithItsField()
    {
        using var community = await app.ClientForAsync("community.420103001002");
        var address = await app.WithDbAsync(db => db.Set<StandardAddress>().Where(a => a.JurisdictionCode.StartsWith(WanNian) && a.Room != null)
            .OrderBy(a => a.Code).Select(a => new { a.Code, a.JurisdictionCode }).FirstAsync(Cancel));
        var registered = IdNumber(new DateOnly(1950, 2, 3), true);
        await ReadAsync<PersonResponse>(await community.PostAsJsonAsync($"{Api}/persons",
            new { name = "已登记", idNumber = registered, jurisdictionCode = WanNianGrid }, Json, Cancel), HttpStatusCode.Created);
        var good = IdNumber(new DateOnly(1944, 4, 4), false);
        var atAddress = IdNumber(new DateOnly(1980, 8, 8), true);
        var phone = Phone();
        var csv = string.Join("\r\n",
            Header,
            $"王导入,{good},{phone},{WanNianGrid},,独居老人;高龄,户籍,H1,户主",                     // 2 good
            $"坏号码,{WithBadCheck(IdNumber(new DateOnly(1970, 1, 1), true))},,{WanNianGrid},,,,,",  // 3 id_number
            $"坏电话,{IdNumber(new DateOnly(1971, 1, 1), true)},12ab,{WanNianGrid},,,,,",            // 4 phone
            $"越界,{IdNumber(new DateOnly(1972, 1, 1), true)},,{JiaoTongLu},,,,,",                  // 5 jurisdiction_code
            $"无地址,{IdNumber(new DateOnly(1973, 1, 1), true)},,,{WanNianGrid}-999999,,,,",       // 6 address
            $"重复,{good},,{WanNianGrid},,,,,",                                                     // 7 id_number (row 2)
            $"已有,{registered},,{WanNianGrid},,,,,",                                               // 8 id_number (registered)
            $"\"张,地址\",{atAddress},,,{address.Code},,流动,,",                                     // 9 good, placed by the address
            $"坏类型,{IdNumber(new DateOnly(1974, 1, 1), true)},,{WanNianGrid},,,外星,,",            // 10 residence_status
            "少列,1");                                                                             // 11 row
        var job = await ReadAsync<PersonImportStatus>(await UploadAsync(community, Bom(csv), null), HttpStatusCode.Accepted);
        Assert.Equal(10, job.Total);

        var done = await CompletedAsync(community, job.Id);

        Assert.Equal((PersonImportState.Completed, 10, 2, 8), (done.State, done.Processed, done.Accepted, done.Failed));
        var errors = await ReadAsync<List<PersonImportErrorResponse>>(await community.GetAsync($"{Api}/imports/{job.Id}/errors", Cancel), HttpStatusCode.OK);
        Assert.Equal(
            [(3, "id_number"), (4, "phone"), (5, "jurisdiction_code"), (6, "address"), (7, "id_number"), (8, "id_number"), (10, "residence_status"), (11, "row")],
            errors.Select(e => (e.Row, e.Field)).ToList());
        Assert.Contains("2", errors.Single(e => e.Row == 7).Message);
        var report = await community.GetAsync($"{Api}/imports/{job.Id}/report.csv", Cancel);
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        var lines = (await report.Content.ReadAsStringAsync(Cancel)).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("row,field,message", lines[0]);
        Assert.Equal(9, lines.Length);
        Assert.StartsWith("4,phone,", lines[2]);

        // Stored through the registration: masked in the API, found by the keyed hash, encrypted in the database, tags and sex derived.
        var found = await ReadAsync<List<JsonPerson>>(await community.GetAsync($"{Api}/persons?idNumber={good}", Cancel), HttpStatusCode.OK);
        var person = await ReadAsync<PersonResponse>(await community.GetAsync($"{Api}/persons/{Assert.Single(found).Id}", Cancel), HttpStatusCode.OK);
        Assert.Equal($"{good[..6]}********{good[^4..]}", person.IdNumber);
        Assert.Equal([CareTag.LivingAlone, CareTag.Elderly], person.CareTags!.Order());
        Assert.Equal(Gongzhi.Platform.PersonalData.Sex.Female, person.Sex);
        Assert.Equal(("H1", "户主"), (person.Household, person.Relation));
        var stored = await app.WithDbAsync(db => db.Set<Person>().AsNoTracking().SingleAsync(p => p.Id == person.Id, Cancel));
        Assert.DoesNotContain(good, stored.IdNumberProtected);
        Assert.DoesNotContain(phone, stored.PhoneProtected!);
        var placed = Assert.Single(await ReadAsync<List<JsonPerson>>(await community.GetAsync($"{Api}/persons?idNumber={atAddress}", Cancel), HttpStatusCode.OK));
        Assert.Equal(address.JurisdictionCode, placed.JurisdictionCode);
        Assert.Equal("张,地址", placed.Name);
    }

    [Fact]
    public async Task Upload_Gb18030WithChineseHeaders_IsRead()
    {
        using var street = await app.ClientForAsync("street.420103001");
        var id = IdNumber(new DateOnly(1933, 3, 3), false);
        var csv = $"姓名,身份证号码,手机号,所属网格,关爱标签\r\n李国标,{id},{Phone()},{WanNianGrid},残疾\r\n";
        System.Text.Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var job = await ReadAsync<PersonImportStatus>(await UploadAsync(street, Encoding.GetEncoding("GB18030").GetBytes(csv), null), HttpStatusCode.Accepted);

        var done = await CompletedAsync(street, job.Id);

        Assert.Equal(("GB18030", 1, 0), (done.Encoding, done.Accepted, done.Failed));
        var person = Assert.Single(await ReadAsync<List<JsonPerson>>(await street.GetAsync($"{Api}/persons?idNumber={id}", Cancel), HttpStatusCode.OK));
        Assert.Equal("李国标", person.Name);
    }

    [Fact]
    public async Task Upload_RetriedWithTheSameKey_AnswersTheSameJob_AndImportsOnce_AnotherFileUnderTheKeyIs422()
    {
        using var community = await app.ClientForAsync("community.420103001002");
        var id = IdNumber(new DateOnly(1966, 6, 6), true);
        var content = Encoding.UTF8.GetBytes($"{Header}\n重传,{id},,{WanNianGrid},,,,,\n");
        var key = Guid.NewGuid().ToString("N");
        var first = await ReadAsync<PersonImportStatus>(await UploadAsync(community, content, key), HttpStatusCode.Accepted);
        var again = await ReadAsync<PersonImportStatus>(await UploadAsync(community, content, key), HttpStatusCode.OK);
        Assert.Equal(first.Id, again.Id);
        Assert.Equal(1, (await CompletedAsync(community, first.Id)).Accepted);
        Assert.Equal(1, (await ReadAsync<PersonImportStatus>(await UploadAsync(community, content, key), HttpStatusCode.OK)).Accepted);

        var other = Encoding.UTF8.GetBytes($"{Header}\n别的,{IdNumber(new DateOnly(1967, 7, 7), true)},,{WanNianGrid},,,,,\n");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await UploadAsync(community, other, key)).StatusCode);
        Assert.Single(await ReadAsync<List<JsonPerson>>(await community.GetAsync($"{Api}/persons?idNumber={id}", Cancel), HttpStatusCode.OK));
    }

    [Theory]
    [InlineData("name,phone\n张三,13800000000\n", "id_number")]
    [InlineData("name,id_number,jurisdiction_code,shoe_size\n张三,1,420103001002,42\n", "shoe_size")]
    [InlineData("name,id_number,jurisdiction_code\n", "")]
    [InlineData("name,id_number,jurisdiction_code\n\"张三,1,420103001002\n", "")]
    public async Task Upload_FileRefusedAsAWhole_Returns400NamingFile_AndStoresNoJob(string csv, string mentioned)
    {
        using var community = await app.ClientForAsync("community.420103001002");
        var response = await UploadAsync(community, Encoding.UTF8.GetBytes(csv), null);
        var errors = await ErrorsAsync(response);
        Assert.Contains(mentioned, errors.GetProperty("file")[0].GetString());
    }

    [Fact]
    public async Task Upload_ByAGridWorkerOrResident_Is403_AndAnotherStreetCannotFollowTheJob()
    {
        var content = Encoding.UTF8.GetBytes($"{Header}\n某人,{IdNumber(new DateOnly(1990, 1, 2), true)},,{WanNianGrid},,,,,\n");
        using var grid = await app.ClientForAsync("grid.420103001002001");
        Assert.Equal(HttpStatusCode.Forbidden, (await UploadAsync(grid, content, null)).StatusCode);
        using var resident = await app.ClientForAsync("resident1");
        Assert.Equal(HttpStatusCode.Forbidden, (await UploadAsync(resident, content, null)).StatusCode);

        using var community = await app.ClientForAsync("community.420103001002");
        var job = await ReadAsync<PersonImportStatus>(await UploadAsync(community, content, null), HttpStatusCode.Accepted);
        using var otherStreet = await app.ClientForAsync("street.420103002");
        Assert.Equal(HttpStatusCode.NotFound, (await otherStreet.GetAsync($"{Api}/imports/{job.Id}", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherStreet.GetAsync($"{Api}/imports/{job.Id}/report.csv", Cancel)).StatusCode);
        using var street = await app.ClientForAsync("street.420103001");
        Assert.Equal(HttpStatusCode.OK, (await street.GetAsync($"{Api}/imports/{job.Id}", Cancel)).StatusCode);
    }

    [Fact]
    public async Task Job_InterruptedAfterABatch_ResumesOnRestartFromTheLastCommittedBatch_WithoutStoringARowTwice()
    {
        await using var database = await TestDatabase.CreateAsync();
        var ids = Enumerable.Range(0, 5).Select(i => IdNumber(new DateOnly(1950 + i, 5, 5), i % 2 == 0)).ToList();
        var csv = Header + "\n" + string.Join("\n", ids.Select((id, i) => i == 2 ? $"坏行,{WithBadCheck(id)},,{WanNianGrid},,,,," : $"续{i},{id},,{WanNianGrid},,,,,"));
        Guid id;
        // Its worker scans once at start and then not again within the test, so the interrupted job is left to the second instance.
        await using (var first = await StartAsync(database, pollSeconds: 3600))
        {
            id = await first.WithDbAsync(async db =>
            {
                var userId = await db.Users.Where(u => u.UserName == "community.420103001002").Select(u => u.Id).SingleAsync(Cancel);
                var importer = (await first.Services.GetRequiredService<PersonImportRunner>().CallerOfAsync(userId, Cancel))!;
                var job = PersonImportJob.Create(importer, "resume.csv", "UTF-8", csv, 5, null, DateTimeOffset.UtcNow);
                // Held by "this node", so the app's own worker leaves it to the run below.
                job.LeaseUntil = DateTimeOffset.UtcNow.AddHours(1);
                db.Add(job);
                await db.SaveChangesAsync(Cancel);
                return job.Id;
            });
            // Batches of two: the first is committed, then the process dies.
            await Assert.ThrowsAsync<IOException>(() => first.Services.GetRequiredService<PersonImportRunner>().RunAsync(id, new CrashAfterFirstBatch(), Cancel));
            var half = await first.WithDbAsync(db => db.Set<PersonImportJob>().AsNoTracking().SingleAsync(j => j.Id == id, Cancel));
            Assert.Equal((2, 2), (half.Processed, half.Accepted));
            Assert.Equal(2, await StoredAsync(first, "续"));
            await first.WithDbAsync(db => db.Set<PersonImportJob>().Where(j => j.Id == id)
                .ExecuteUpdateAsync(s => s.SetProperty(j => j.LeaseUntil, (DateTimeOffset?)null), Cancel));
        }

        await using var second = await StartAsync(database, pollSeconds: 1);
        var deadline = DateTime.UtcNow.AddSeconds(90);
        PersonImportJob resumed;
        do
        {
            await Task.Delay(200, Cancel);
            resumed = await second.WithDbAsync(db => db.Set<PersonImportJob>().AsNoTracking().SingleAsync(j => j.Id == id, Cancel));
        }
        while (resumed.State != PersonImportState.Completed && DateTime.UtcNow < deadline);

        Assert.Equal((PersonImportState.Completed, 5, 4, 1), (resumed.State, resumed.Processed, resumed.Accepted, resumed.Failed));
        Assert.Equal(4, await StoredAsync(second, "续"));
        Assert.Equal([4], await second.WithDbAsync(db => db.Set<PersonImportError>().Where(e => e.JobId == id).Select(e => e.RowNumber).ToListAsync(Cancel)));
    }

    private static Task<int> StoredAsync(GongzhiApp app, string prefix) =>
        app.WithDbAsync(db => db.Set<Person>().CountAsync(p => p.Name.StartsWith(prefix), Cancel));

    private static async Task<GongzhiApp> StartAsync(TestDatabase database, int pollSeconds)
    {
        var app = new GongzhiApp { SharedDatabase = database };
        app.Settings["Registry:ImportPollSeconds"] = pollSeconds.ToString(CultureInfo.InvariantCulture);
        app.Settings["Registry:ImportBatchSize"] = "2";
        await app.InitializeAsync();
        return app;
    }

    private static byte[] Bom(string text) => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)];

    internal static async Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[] content, string? key)
    {
        using var file = new ByteArrayContent(content);
        using var form = new MultipartFormDataContent { { file, "file", "persons.csv" } };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{Api}/imports") { Content = form };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }
        return await client.SendAsync(request, Cancel);
    }

    internal static async Task<PersonImportStatus> CompletedAsync(HttpClient client, Guid id)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var status = (await client.GetFromJsonAsync<PersonImportStatus>($"{Api}/imports/{id}", Json, Cancel))!;
            if (status.State == PersonImportState.Completed || DateTime.UtcNow > deadline)
            {
                return status;
            }
            await Task.Delay(100, Cancel);
        }
    }

    private sealed record JsonPerson(Guid Id, string JurisdictionCode, string Name, string IdNumber);

    /// <summary>Stands for the process dying once the first batch is committed.</summary>
    private sealed class CrashAfterFirstBatch : IProgress<PersonImportStatus>
    {
        public void Report(PersonImportStatus value) => throw new IOException("The node went away.");
    }
}
