using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Gongzhi.Modules.Access;
using Gongzhi.Modules.Conferences;
using Gongzhi.Modules.Notifications;
using Gongzhi.Modules.Organisations;
using Gongzhi.Platform.Identity;
using Gongzhi.Platform.Scoping;
using Gongzhi.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Gongzhi.Tests.Cases.Api.CaseApiKit;

namespace Gongzhi.Tests.Authorization;

/// <summary>
/// The callers and records the matrix probes with. Each role is played by a fresh account with the role, scope and
/// organisation of its demo account (so that marking notifications read or uploading does not touch the demo accounts
/// other tests use). Own records lie in 民族街街道 — the street every non-district demo account belongs to — and are
/// made by its accounts; foreign records lie in 花楼街街道 and are made by accounts of that street.
/// </summary>
internal sealed partial class MatrixRecords
{
    public const string ForeignStreet = "420103002";

    /// <summary>The roles of the matrix, in the order of a row's cells, each with the demo account it copies.</summary>
    public static readonly (MatrixRole Role, string DemoAccount)[] Roles =
    [
        (MatrixRole.Admin, "admin"),
        (MatrixRole.CommandCentre, "command.420103"),
        (MatrixRole.StreetDispatcher, "street.420103001"),
        (MatrixRole.CommunityWorker, "community.420103001002"),
        (MatrixRole.GridWorker, "grid.420103001002001"),
        (MatrixRole.DepartmentStaff, "dept.420103.cgj"),
        (MatrixRole.PartyOrganisation, "party.420103001"),
        (MatrixRole.Resident, "resident1"),
    ];

    private readonly Dictionary<string, string> own = [];
    private int counter;
    private readonly Dictionary<string, string> foreign = [];
    private readonly Dictionary<MatrixRole, Dictionary<string, string>> perRole = [];

    private MatrixRecords(GongzhiApp app) => App = app;

    public GongzhiApp App { get; }

    public Dictionary<MatrixRole, HttpClient> Clients { get; } = [];

    /// <summary>The user name of each role's account, to sign in through the web form as well.</summary>
    public Dictionary<MatrixRole, string> UserNames { get; } = [];

    public HttpClient Anonymous { get; private set; } = null!;

    /// <summary>Fills a matrix path: <c>{name}</c> becomes the caller's own record (or scope) or the foreign one.</summary>
    public string Resolve(string path, MatrixRole? role, bool foreignScope) => System.Text.RegularExpressions.Regex.Replace(path, @"\{([a-z]+)\}", m =>
    {
        var name = m.Groups[1].Value;
        if (name == "n")
        {
            return (++counter).ToString(CultureInfo.InvariantCulture);
        }
        if (foreignScope)
        {
            return foreign.TryGetValue(name, out var f) ? f : throw new InvalidOperationException($"No foreign record {name}.");
        }
        // An anonymous caller is sent to the street dispatcher's own records.
        if (perRole[role ?? MatrixRole.StreetDispatcher].TryGetValue(name, out var mine))
        {
            return mine;
        }
        return own.TryGetValue(name, out var o) ? o : throw new InvalidOperationException($"No own record {name}.");
    });

    /// <summary>
    /// Ids and references of the foreign records: a body answered to a caller whose scope does not reach 花楼街街道 must
    /// name none of them, whatever its status. Calls for proposals and community funds with their ledgers are published
    /// to everyone, so theirs are no leak.
    /// </summary>
    public IReadOnlyList<string> ForeignMarkers => foreign
        .Where(f => f.Key is not ("call" or "fund" or "allocation") && !own.ContainsValue(f.Value) && (Guid.TryParse(f.Value, out _) || f.Key == "ref"))
        .Select(f => f.Value).ToList();

    /// <param name="settings">
    /// Whether to make the app-wide settings among the records: two routing rules and two special days. A rule is unique per
    /// category and node and a day per date, so only one set of records on an app may make them (two at once would race):
    /// the API matrix's. The page matrix, which makes its own set on the same app, opens the routing rule page with an id of
    /// no rule, since that page is the administrator's alone whatever the rule, and has no page for the days.
    /// </param>
    public static async Task<MatrixRecords> CreateAsync(GongzhiApp app, bool settings = true)
    {
        var records = new MatrixRecords(app);
        await records.MakeAsync(settings);
        return records;
    }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private async Task MakeAsync(bool settings)
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        foreach (var (role, demo) in Roles)
        {
            var template = AccountSeeder.DemoAccounts.Single(a => a.UserName == demo);
            var (id, client) = await AccountAsync($"mx.{role}.{suffix}", template.Scope, template.Roles, template.OrganisationCode);
            Clients[role] = client;
            UserNames[role] = $"mx.{role}.{suffix}";
            perRole[role] = new() { ["scope"] = template.Scope, ["me"] = id };
        }
        Anonymous = App.Anonymous();
        var street2 = AccountSeeder.DemoAccounts.Single(a => a.UserName == "street.420103002");
        var (_, foreignStreet) = await AccountAsync($"mx.street2.{suffix}", street2.Scope, street2.Roles, street2.OrganisationCode);
        var (foreignResidentId, foreignResident) = await AccountAsync($"mx.resident2.{suffix}", "420103002001", [Gongzhi.Platform.Scoping.Roles.Resident], null);
        var street = Clients[MatrixRole.StreetDispatcher];
        var admin = Clients[MatrixRole.Admin];
        var department = Clients[MatrixRole.DepartmentStaff];
        foreign["scope"] = ForeignStreet;
        own["code"] = "420103001002";
        foreign["code"] = "420103002001";
        own["year"] = foreign["year"] = "2026";
        own["date"] = "2096-01-02";
        foreign["date"] = "2096-01-03";
        own["format"] = foreign["format"] = "json";
        own["service"] = foreign["service"] = "0103";

        // Cases: reported by the resident of each street, taken as far as accepted so that a whistle can be blown on them.
        var ownCase = await SubmitAsync(App, Clients[MatrixRole.Resident], WanNianGrid, title: "矩阵本街道案件");
        var foreignCase = await SubmitAsync(App, foreignResident, ForeignStreet, title: "矩阵外街道案件");
        foreach (var (id, dispatcher) in new[] { (ownCase.Id, street), (foreignCase.Id, foreignStreet) })
        {
            await DoAsync(dispatcher, id, "register");
            await DoAsync(dispatcher, id, "dispatch");
            await DoAsync(department, id, "accept");
        }
        own["case"] = ownCase.Id.ToString();
        foreign["case"] = foreignCase.Id.ToString();
        own["ref"] = ownCase.Reference;
        foreign["ref"] = foreignCase.Reference;
        var cgj = (await App.WithDbAsync(db => db.FindByCodeAsync("420103.cgj", Cancel)))!.Id;
        own["whistle"] = await CreatedIdAsync(street, $"/api/v1/cases/{ownCase.Id}/whistles", new { organisationIds = new[] { cgj }, reason = "矩阵吹哨" });
        foreign["whistle"] = await CreatedIdAsync(foreignStreet, $"/api/v1/cases/{foreignCase.Id}/whistles", new { organisationIds = new[] { cgj }, reason = "矩阵吹哨" });

        own["import"] = await ImportAsync(street);
        foreign["import"] = await ImportAsync(foreignStreet);

        // Organisations of their own: the matrix deactivates what it may, and must not deactivate a unit other tests use.
        own["orgcode"] = $"420103001002.mx{suffix}";
        foreign["orgcode"] = $"420103002001.mx{suffix}";
        own["org"] = await CreatedIdAsync(admin, "/api/v1/organisations", new
        {
            code = $"420103001002.mx{suffix}", name = "矩阵本街道单位" + suffix, kind = "Department", jurisdictionCode = "420103001002",
        });
        foreign["org"] = await CreatedIdAsync(admin, "/api/v1/organisations", new
        {
            code = $"420103002001.mx{suffix}", name = "矩阵外街道单位" + suffix, kind = "Department", jurisdictionCode = "420103002001",
        });

        await MakeSocialAsync(street, foreignStreet, foreignResident);
        await MakeModulesAsync(foreignStreet, foreignResident, suffix);
        await MakeDutiesAsync();

        // Other tests may add bodies to a node that has one; any body of the node answers the same way.
        var bodies = (await App.WithDbAsync(db => db.Set<ConferenceBody>().AsNoTracking().Select(b => new { b.JurisdictionCode, b.Id }).ToListAsync(Cancel)))
            .GroupBy(b => b.JurisdictionCode).ToDictionary(g => g.Key, g => g.Min(b => b.Id));
        foreach (var (role, _) in Roles)
        {
            // A caller's own body is the one of the lowest node above or at its scope.
            var scope = perRole[role]["scope"];
            var mine = bodies.Where(b => scope.StartsWith(b.Key, StringComparison.Ordinal)).OrderByDescending(b => b.Key.Length).Select(b => b.Value).FirstOrDefault();
            perRole[role]["body"] = (mine == Guid.Empty ? bodies["420103001"] : mine).ToString();
        }
        own["body"] = own["streetbody"] = bodies["420103001"].ToString();
        foreign["body"] = foreign["streetbody"] = bodies[ForeignStreet].ToString();
        // New bodies are probed at grids, which have none: a second body at a seeded node would confuse tests that look a body up by node.
        own["grid"] = WanNianGrid;
        foreign["grid"] = await App.WithDbAsync(db => db.Set<Modules.Jurisdictions.Jurisdiction>()
            .Where(j => j.Code.StartsWith(ForeignStreet) && j.Level == Gongzhi.Platform.Scoping.JurisdictionLevel.Grid).OrderBy(j => j.Code).Select(j => j.Code).FirstAsync(Cancel));
        own["parentbody"] = bodies["420103001002"].ToString();
        foreign["parentbody"] = bodies[ForeignStreet].ToString();
        foreach (var (records, client, code, community) in new[] { (own, street, "420103001", "420103001002"), (foreign, foreignStreet, ForeignStreet, "420103002001") })
        {
            await ConferenceAsync(records, client, bodies[code], community, suffix);
        }

        // Inactive rules and special days in a far year, so that no other test's routing or deadlines change.
        if (settings)
        {
            own["rule"] = await CreatedIdAsync(admin, "/api/v1/routing-rules", new
            {
                categoryCode = "0103", jurisdictionPrefix = "420103001002001", leadOrganisationId = cgj, active = false,
            });
            foreign["rule"] = await CreatedIdAsync(admin, "/api/v1/routing-rules", new
            {
                categoryCode = "0103", jurisdictionPrefix = "420103002001", leadOrganisationId = cgj, active = false,
            });
            foreach (var date in new[] { own["date"], foreign["date"] })
            {
                await ExpectAsync(await admin.PutAsJsonAsync($"/api/v1/calendar/days/{date}", new { kind = "Holiday", name = "矩阵假日" }, Json, Cancel),
                    HttpStatusCode.OK);
            }
        }
        var key = await ExpectAsync(await admin.PostAsJsonAsync("/api/v1/open311/keys", new { name = "matrix" + suffix }, Json, Cancel), HttpStatusCode.Created);
        own["key"] = foreign["key"] = key.GetProperty("id").GetString()!;
        own["apikey"] = foreign["apikey"] = key.GetProperty("key").GetString()!;

        // Notifications and photos belong to a person: a caller's own is addressed to or uploaded by them, the foreign one is another's.
        foreign["notification"] = await NotifyAsync(foreignResidentId);
        foreign["file"] = await UploadAsync(foreignResident);
        foreach (var (role, _) in Roles)
        {
            perRole[role]["notification"] = await NotifyAsync(perRole[role]["me"]);
            perRole[role]["file"] = await UploadAsync(Clients[role]);
        }
        // An Open311 token is the id of the case its post made.
        own["token"] = own["case"];
        foreign["token"] = foreign["case"];
    }

    private async Task ConferenceAsync(Dictionary<string, string> records, HttpClient client, Guid body, string community, string suffix)
    {
        var api = "/api/v1/conferences";
        var organisation = Guid.Parse(records["org"]);
        records["member"] = await CreatedIdAsync(client, $"{api}/bodies/{body}/members", new { organisationId = organisation, representative = "矩阵代表" });
        var meeting = await CreatedIdAsync(client, $"{api}/bodies/{body}/meetings", new { title = "矩阵会议" + suffix, scheduledAt = DateTimeOffset.UtcNow, place = "会议室" });
        records["meeting"] = meeting;
        await ExpectAsync(await client.PostAsync($"{api}/meetings/{meeting}/open", null, Cancel), HttpStatusCode.OK);
        var withItem = await ExpectAsync(await client.PostAsJsonAsync($"{api}/meetings/{meeting}/agenda", new { title = "矩阵议题" + suffix }, Json, Cancel),
            HttpStatusCode.OK);
        var item = withItem.GetProperty("agenda").EnumerateArray().Last().GetProperty("id").GetString()!;
        records["item"] = item;
        // A second item to escalate, so the first stays on the agenda for the escalate row itself.
        var withSecond = await ExpectAsync(await client.PostAsJsonAsync($"{api}/meetings/{meeting}/agenda", new { title = "矩阵上报议题" + suffix }, Json, Cancel),
            HttpStatusCode.OK);
        var second = withSecond.GetProperty("agenda").EnumerateArray().Last().GetProperty("id").GetString()!;
        records["escalation"] = await CreatedIdAsync(client, $"{api}/meetings/{meeting}/agenda/{second}/escalate", new { history = "矩阵：街道无权处置。" });
        var communityBody = await App.WithDbAsync(db => db.Set<ConferenceBody>().Where(b => b.JurisdictionCode == community).Select(b => (Guid?)b.Id)
            .FirstOrDefaultAsync(Cancel));
        var resolution = await ExpectAsync(await client.PostAsJsonAsync($"{api}/meetings/{meeting}/resolutions", new
        {
            text = "矩阵决议" + suffix,
            tasks = new object[]
            {
                communityBody is { } owner
                    ? new { title = "矩阵任务", ownerBodyId = (Guid?)owner, ownerOrganisationId = (Guid?)null, deadline = DateTimeOffset.UtcNow.AddDays(30), weight = 1 }
                    : new { title = "矩阵任务", ownerBodyId = (Guid?)null, ownerOrganisationId = (Guid?)organisation, deadline = DateTimeOffset.UtcNow.AddDays(30), weight = 1 },
            },
        }, Json, Cancel), HttpStatusCode.Created);
        records["resolution"] = resolution.GetProperty("id").GetString()!;
        records["task"] = resolution.GetProperty("tasks")[0].GetProperty("id").GetString()!;
        var directive = await CreatedIdAsync(client, $"{api}/bodies/{body}/directives", new
        {
            title = "矩阵指令" + suffix, requiredActions = "按要求落实", deadline = DateTimeOffset.UtcNow.AddDays(30), nodeCodes = new[] { community },
        });
        records["directive"] = directive;
        records["assignment"] = (await App.WithDbAsync(db => db.Set<DirectiveAssignment>().Where(a => a.DirectiveId == Guid.Parse(directive))
            .Select(a => a.Id).FirstAsync(Cancel))).ToString();
        var venue = await CreatedIdAsync(client, $"{api}/venues", new
        {
            bodyId = body, name = "矩阵会议室" + suffix, kind = "room", capacity = 20, address = "矩阵路 1 号",
            openingHours = Enum.GetValues<DayOfWeek>().Select(d => new { day = d.ToString(), opens = "00:00", closes = "24:00" }).ToArray(),
        });
        records["venue"] = venue;
        var start = new DateTimeOffset(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).Date.AddDays(20).AddHours(9), TimeSpan.FromHours(8));
        records["booking"] = await CreatedIdAsync(client, $"{api}/venues/{venue}/bookings", new { start, end = start.AddHours(1), purpose = "矩阵活动" });
    }

    /// <summary>
    /// 五社联动: an activity of 万年社区 and one of 交通路社区 with a registration each, a social organisation (applied to its street's
    /// incubation base) and a purchase with a contract in each street, a reward in each community, and the resident as a volunteer.
    /// </summary>
    private async Task MakeSocialAsync(HttpClient street, HttpClient foreignStreet, HttpClient foreignResident)
    {
        var community = Clients[MatrixRole.CommunityWorker];
        var resident = Clients[MatrixRole.Resident];
        var startsAt = DateTimeOffset.UtcNow.AddDays(30);
        foreach (var (records, organiser, participant, code, streetCode, purchaser) in new[]
        {
            (own, community, resident, "420103001002", "420103001", street),
            (foreign, foreignStreet, foreignResident, "420103002001", ForeignStreet, foreignStreet),
        })
        {
            var activity = await CreatedIdAsync(organiser, "/api/v1/activities", new
            {
                title = "矩阵活动", jurisdictionCode = code, startsAt, endsAt = startsAt.AddHours(2), capacity = 50,
            });
            records["activity"] = activity;
            records["registration"] = await CreatedIdAsync(participant, $"/api/v1/activities/{activity}/registrations", new { });
            records["socialorg"] = await CreatedIdAsync(purchaser, "/api/v1/social/organisations", new
            {
                name = "矩阵社会组织", jurisdictionCode = code, kind = "filed", field = "community", legalRepresentative = "王建国",
                contactPhone = "13800000000",
            });
            // An incubation base of the street, and the organisation's application to it.
            records["incubationbase"] = await CreatedIdAsync(purchaser, "/api/v1/social/incubation/bases", new
            {
                name = "矩阵孵化基地", jurisdictionCode = streetCode, address = "矩阵路 1 号", places = 5,
            });
            records["incubationrecord"] = await CreatedIdAsync(purchaser, $"/api/v1/social/incubation/bases/{records["incubationbase"]}/records",
                new { organisationId = records["socialorg"] });
            var project = await CreatedIdAsync(purchaser, "/api/v1/social/projects", new { title = "矩阵购买服务", jurisdictionCode = streetCode, budget = 100_000m });
            records["project"] = project;
            var contract = await ExpectAsync(await purchaser.PostAsJsonAsync($"/api/v1/social/projects/{project}/contracts", new
            {
                organisationId = records["socialorg"], amount = 1000m, milestones = new[] { new { title = "矩阵里程碑", amount = 1000m, dueOn = "2096-01-02" } },
            }, Json, Cancel), HttpStatusCode.Created);
            records["milestone"] = contract.GetProperty("milestones")[0].GetProperty("id").GetString()!;
            // A call on the project, and an application to it by an account of the organisation.
            var call = await CreatedIdAsync(purchaser, $"/api/v1/social/projects/{project}/calls", new
            {
                deadline = DateTimeOffset.UtcNow.AddDays(30), criteria = new[] { new { name = "矩阵评审项", weight = 100 } },
            });
            records["call"] = call;
            var (memberId, member) = await AccountAsync($"mx.org.{streetCode}.{Guid.NewGuid():N}"[..24], streetCode, ["SocialOrg"], null);
            await ExpectAsync(await purchaser.PostAsJsonAsync($"/api/v1/social/organisations/{records["socialorg"]}/members", new { userId = memberId },
                Json, Cancel), HttpStatusCode.OK);
            records["callapplication"] = await CreatedIdAsync(member, $"/api/v1/social/calls/{call}/applications", new { proposal = "矩阵方案", amount = 1000m });
            records["reward"] = await CreatedIdAsync(organiser, "/api/v1/social/rewards", new { title = "矩阵奖励", jurisdictionCode = code, cost = 10, stock = 5 });
            var fund = await CreatedIdAsync(organiser, "/api/v1/social/funds", new { name = "矩阵基金", jurisdictionCode = code });
            records["fund"] = fund;
            await CreatedIdAsync(organiser, $"/api/v1/social/funds/{fund}/receipts", new { form = "money", amount = 1000m, purpose = "矩阵捐赠" });
            records["allocation"] = await CreatedIdAsync(organiser, $"/api/v1/social/funds/{fund}/allocations", new { amount = 500m, purpose = "矩阵分配" });
        }
        await ExpectAsync(await resident.PostAsJsonAsync("/api/v1/social/volunteers", new { skills = new[] { "理发" } }, Json, Cancel), HttpStatusCode.Created);
    }

    private async Task<(string Id, HttpClient Client)> AccountAsync(string userName, string scope, string[] roles, string? organisationCode)
    {
        var organisation = organisationCode is null ? null : await App.WithDbAsync(db => db.FindByCodeAsync(organisationCode, Cancel));
        var user = new GongzhiUser { UserName = userName, ScopeCode = scope, DisplayName = userName, OrganisationId = organisation?.Id };
        await using (var services = App.Services.CreateAsyncScope())
        {
            await AccountService.CreateAsync(services.ServiceProvider.GetRequiredService<UserManager<GongzhiUser>>(), user, GongzhiApp.Password, roles);
        }
        return (user.Id, await App.ClientForAsync(userName));
    }

    private Task<string> NotifyAsync(string userId) => App.WithDbAsync(async db =>
    {
        var notification = Notification.Create(userId, "matrix", "矩阵通知", null, null, DateTimeOffset.UtcNow);
        db.Add(notification);
        await db.SaveChangesAsync(Cancel);
        return notification.Id.ToString();
    });

    private static async Task<string> UploadAsync(HttpClient client)
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent(Files.TestImages.Jpeg()), "file", "matrix.jpg" } };
        return (await ExpectAsync(await client.PostAsync("/api/v1/files/photos", form, Cancel), HttpStatusCode.Created)).GetProperty("id").GetString()!;
    }

    private async Task<string> ImportAsync(HttpClient client)
    {
        var (lat, lon, _) = await PointInAsync(App, WanNianGrid);
        var csv = string.Create(CultureInfo.InvariantCulture, $"category_code,description,lat,long\n0103,矩阵导入,{lat},{lon}\n9999,坏行,1,1\n");
        using var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        using var form = new MultipartFormDataContent { { file, "file", "matrix.csv" } };
        return (await ExpectAsync(await client.PostAsync("/api/v1/cases/imports", form, Cancel), HttpStatusCode.Accepted)).GetProperty("id").GetString()!;
    }

    private static async Task<string> CreatedIdAsync(HttpClient client, string path, object body) =>
        (await ExpectAsync(await client.PostAsJsonAsync(path, body, Json, Cancel), HttpStatusCode.Created)).GetProperty("id").GetString()!;

    private static async Task<System.Text.Json.JsonElement> ExpectAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.StatusCode == expected, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {text}");
        return System.Text.Json.JsonDocument.Parse(text).RootElement.Clone();
    }
}
