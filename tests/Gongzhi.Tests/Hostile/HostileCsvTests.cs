using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using CsCheck;
using Gongzhi.Modules.Access;
using Gongzhi.Modules.Cases;
using Gongzhi.Modules.Cases.Import;
using Gongzhi.Modules.Organisations;
using Gongzhi.Platform.Audit;
using Gongzhi.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Gongzhi.Tests.Cases.Api.CaseApiKit;

namespace Gongzhi.Tests.Hostile;

/// <summary>
/// Arbitrary CSV thrown at the case importer: the parser on its own, then whole uploads through the endpoint and the
/// background runner. Whatever the file, the answer is a 202 or a 400 (never a 5xx), every refused row has a line in the
/// error report, an accepted row makes exactly one case and a refused row none, and the report cannot run as a formula.
/// </summary>
public sealed class HostileCsvTests(GongzhiApp app)
{
    private const string ValidHeader = "category_code,description,lat,long,address,urgency,reporter_name,reporter_phone,occurred_at";

    /// <summary>Cells that spreadsheets run as formulas when they open a file (OWASP's list: = + - @ tab and carriage return).</summary>
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];

    private static readonly string[] Cells =
    [
        "", "0103", "9999", "路口垃圾", "噪音扰民", "\"\"", "\"a,b\"", ",", "\r", "\n", "\r\n", " ", "\u202e", "\u200f",
        "\u2066", "\uFEFF", "😀", "=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1:A9)", "\t=1", "=HYPERLINK(\"http://x\")", "'", "\\", "NaN",
        "1e309", "-0", "30.58", "114.27", "urgent", "紧急", "2026-11-20T09:30:00+08:00", "2026-02-30", "true", "是", "13812341234",
        new string('长', CaseCsv.MaxFieldLength + 1), new string('x', 600),
    ];

    /// <summary>Pieces that refuse a whole file (a NUL; a quote opened and never closed), kept rare so that most files get to their rows.</summary>
    private static readonly string[] FileBreakers = ["\u0000", "\"", "\"\r\n"];

    private static readonly Gen<string> Cell = Gen.Frequency((30, Gen.OneOf(Cells)), (1, Gen.OneOf(FileBreakers))).Array[0, 4].Select(parts => string.Concat(parts));

    // A bare CR (old Mac files) is rare: it is no line end to the reader, so it usually ends up refusing the whole file.
    private static readonly Gen<string> LineEnd = Gen.Frequency((4, Gen.Const("\n")), (4, Gen.Const("\r\n")), (1, Gen.Const("\n\n")), (1, Gen.Const("\r")),
        (1, Gen.Const("\r\r\n")));

    private static readonly Gen<string> Header = Gen.Frequency(
        (12, Gen.Const(ValidHeader)),
        (1, Gen.Const("category_code,description,lat,long,attr.=cmd|' /C calc'!A0")),
        (1, Gen.Const("CATEGORY_CODE , Description,LAT,long")),
        (1, Gen.OneOf(CaseCsv.Columns.Concat(["attr.x", "colour", "", "\"lat\"", "lat"]).ToArray()).Array[0, 12].Select(c => string.Join(',', c))),
        (1, Cell));

    /// <summary>Bytes as an uploader might send them: UTF-8 with or without a BOM, GBK, or UTF-8 with bytes broken.</summary>
    private static Gen<byte[]> FileOf(Gen<string> rows) => Gen.Select(Header, rows, Gen.Int[0, 7], Gen.Int[0, 1_000_000], (header, body, encoding, at) =>
    {
        var text = header + body;
        return encoding switch
        {
            < 3 => Encoding.UTF8.GetBytes(text),
            < 6 => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)],
            6 => Gbk.GetBytes(text),
            _ => Broken(Encoding.UTF8.GetBytes(text), at),
        };
    });

    private static readonly Encoding Gbk = CodePagesEncoding(936);

    private static Encoding CodePagesEncoding(int codePage)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(codePage);
    }

    private static byte[] Broken(byte[] bytes, int at)
    {
        // A lone continuation byte or a cut multi-byte sequence somewhere: invalid UTF-8.
        var i = bytes.Length == 0 ? 0 : at % bytes.Length;
        return [.. bytes[..i], (byte)(0x80 | (at & 0x3F)), 0xE4, .. bytes[i..]];
    }

    [Fact]
    public void Parser_OfArbitraryFiles_RefusesAFileWithAMessage_OrGivesEveryRowTheHeadersWidthOrAProblem()
    {
        var rows = Gen.Select(LineEnd, Cell.Array[0, 14], (end, cells) => end + string.Join(',', cells)).Array[0, 8].Select(r => string.Concat(r));
        FileOf(rows).Sample(bytes =>
        {
            string text;
            int total;
            try
            {
                text = CaseCsv.Decode(bytes);
                total = CaseCsv.CountRows(text);
            }
            catch (CsvFileException e)
            {
                Assert.False(string.IsNullOrWhiteSpace(e.Message));
                return;
            }
            var header = CaseCsv.ReadHeader(text);
            var dataRows = CaseCsv.DataRows(text).ToList();
            Assert.Equal(total, dataRows.Count);
            Assert.True(total > 0);
            Assert.Equal(dataRows.Count, dataRows.Select(r => r.Number).Distinct().Count());
            foreach (var row in dataRows)
            {
                Assert.True(row.Problem is not null || row.Fields.Count == header.Count, $"row {row.Number} has {row.Fields.Count} fields, header {header.Count}");
                Assert.All(row.Fields, f => Assert.True(f.Length <= CaseCsv.MaxFieldLength));
                if (row.Problem is null)
                {
                    var errors = new Dictionary<string, string[]>();
                    var submission = CaseCsv.ToSubmission(header, row, errors);
                    Assert.True(errors.Count > 0 || submission.Lat is null || double.IsFinite(submission.Lat.Value));
                }
            }
        }, iter: 3000, seed: Environment.GetEnvironmentVariable("GONGZHI_HOSTILE_SEED"));
    }

    [Fact]
    public void ErrorReportCells_StartingWithAFormulaCharacter_AreDefused_AndKeepTheirText()
    {
        Gen.OneOf(Cell, Gen.String).Sample(value =>
        {
            var quoted = CaseImportService.Quote(value);
            Assert.True(quoted.Length >= 2 && quoted[0] == '"' && quoted[^1] == '"');
            var inner = quoted[1..^1];
            Assert.DoesNotContain("\"", inner.Replace("\"\"", "", StringComparison.Ordinal), StringComparison.Ordinal);
            var cell = inner.Replace("\"\"", "\"", StringComparison.Ordinal);
            Assert.True(cell.Length == 0 || !FormulaStarts.Contains(cell[0]), $"cell starts with a formula character: {cell}");
            Assert.Equal(value, cell.Length > 0 && cell[0] == '\'' && value.Length > 0 && FormulaStarts.Contains(value[0]) ? cell[1..] : cell);
        }, iter: 2000);
    }

    /// <summary>
    /// Whole uploads through the endpoint and the background runner, from an importer of its own so that every case and
    /// audit entry it made can be told apart. Rows mix good reports in 万年社区 with hostile ones.
    /// </summary>
    [Fact]
    public async Task Upload_OfArbitraryCsv_NeverAServerError_EachRefusedRowReported_AndNoPartialWrites()
    {
        var (lat, lon, _) = await PointInAsync(app, WanNianGrid);
        var point = string.Create(CultureInfo.InvariantCulture, $"{lat},{lon}");
        var (importerId, importer) = await ImporterAsync();
        using var client = importer;

        var good = Gen.Select(Cell, Gen.OneOf("", "urgent", "紧急", "=1+1"), (description, urgency) =>
            $"0103,\"{("好数据" + description).Replace("\"", "\"\"", StringComparison.Ordinal)}\",{point},,{urgency},,,");
        var hostile = Cell.Array[0, 12].Select(cells => string.Join(',', cells));
        var rows = Gen.Select(LineEnd, Gen.Frequency((3, good), (2, hostile)), (end, row) => end + row).Array[0, 6].Select(r => string.Concat(r));
        var (refusedFiles, acceptedRows, refusedRows) = (0, 0, 0);

        await FileOf(rows).SampleAsync(async bytes =>
        {
            var before = await CaseReferencesAsync(importerId);
            using var response = await UploadAsync(client, bytes);
            var answer = await response.Content.ReadAsStringAsync(Cancel);
            Assert.True(response.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {answer}");
            if (response.StatusCode == HttpStatusCode.BadRequest)
            {
                Assert.Contains("\"file\"", answer, StringComparison.Ordinal);
                Assert.Equal(before, await CaseReferencesAsync(importerId));
                refusedFiles++;
                return;
            }
            var job = await CompletedAsync(client, (await response.Content.ReadFromJsonAsync<CaseImportStatus>(Json, Cancel))!.Id);
            Assert.Equal((CaseImportState.Completed, job.Total), (job.State, job.Processed));
            Assert.Equal(job.Total, job.Accepted + job.Failed);

            var report = await client.GetByteArrayAsync($"/api/v1/cases/imports/{job.Id}/errors.csv", Cancel);
            var lines = ReadCsv(Encoding.UTF8.GetString(report).TrimStart('\uFEFF'));
            Assert.Equal(["row", "field", "message"], lines[0]);
            var refused = lines.Skip(1).Select(l => int.Parse(l[0], CultureInfo.InvariantCulture)).ToHashSet();
            Assert.Equal(job.Failed, refused.Count);
            Assert.All(lines.Skip(1).SelectMany(l => l), cell => Assert.True(cell.Length == 0 || !FormulaStarts.Contains(cell[0]), $"report cell runs as a formula: {cell}"));

            var cases = await app.WithDbAsync(db => db.Set<Case>().AsNoTracking().Where(c => c.IdempotencyKey!.StartsWith($"import:{job.Id:N}:"))
                .Select(c => new { c.IdempotencyKey, c.Reference }).ToListAsync(Cancel));
            var caseRows = cases.Select(c => int.Parse(c.IdempotencyKey![(c.IdempotencyKey!.LastIndexOf(':') + 1)..], CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(job.Accepted, cases.Count);
            Assert.Equal(caseRows.Count, caseRows.Distinct().Count());
            Assert.Empty(caseRows.Intersect(refused));

            // Every case the importer is recorded as having written is one of the accepted rows' cases: a refused row left no trace.
            var after = await CaseReferencesAsync(importerId);
            Assert.Equal(cases.Select(c => c.Reference).Order(), after.Except(before).Order());
            acceptedRows += job.Accepted;
            refusedRows += job.Failed;
        }, iter: 40, threads: 1, seed: Environment.GetEnvironmentVariable("GONGZHI_HOSTILE_SEED"));

        // The generator must reach all three outcomes, or the properties above were checked on nothing.
        Assert.True(refusedFiles > 0 && acceptedRows > 0 && refusedRows > 0, $"{refusedFiles} files refused, {acceptedRows} rows accepted, {refusedRows} refused");
    }

    /// <summary>The cases the audit log shows this account writing.</summary>
    private Task<HashSet<string>> CaseReferencesAsync(string userId) => app.WithDbAsync(async db => (await db.AuditEntries.AsNoTracking()
        .Where(a => a.ActorId == userId && a.Subject == nameof(Case) && a.SubjectKey != null).Select(a => a.SubjectKey!).ToListAsync(Cancel)).ToHashSet());

    private async Task<(string Id, HttpClient Client)> ImporterAsync()
    {
        var userName = $"hostile.csv.{Guid.NewGuid():N}"[..24];
        var office = await app.WithDbAsync(db => db.FindByCodeAsync("420103001.office", Cancel));
        string id;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var user = new GongzhiUser { UserName = userName, ScopeCode = "420103001", DisplayName = "导入测试", OrganisationId = office!.Id };
            await AccountService.CreateAsync(scope.ServiceProvider.GetRequiredService<UserManager<GongzhiUser>>(), user, GongzhiApp.Password,
                [Roles.StreetStaff, Roles.StreetDispatcher]);
            id = user.Id;
        }
        return (id, await app.ClientForAsync(userName));
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[] content)
    {
        using var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        using var form = new MultipartFormDataContent { { file, "file", "hostile.csv" } };
        return await client.PostAsync("/api/v1/cases/imports", form, Cancel);
    }

    private static async Task<CaseImportStatus> CompletedAsync(HttpClient client, Guid id)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var status = (await client.GetFromJsonAsync<CaseImportStatus>($"/api/v1/cases/imports/{id}", Json, Cancel))!;
            if (status.State == CaseImportState.Completed || DateTime.UtcNow > deadline)
            {
                return status;
            }
            await Task.Delay(50, Cancel);
        }
    }

    /// <summary>Reads the report back as a spreadsheet would: RFC 4180 records of cells (the importer's own reader reads that format).</summary>
    private static List<string[]> ReadCsv(string text)
    {
        Assert.StartsWith("row,field,message", text, StringComparison.Ordinal);
        return [.. CaseCsv.Records(text).Select(r =>
        {
            Assert.Null(r.Problem);
            return r.Fields.ToArray();
        })];
    }
}
