using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Gongzhi.Modules.Notifications;
using Gongzhi.Modules.Access.PhoneCodes;
using Gongzhi.Modules.Participation.Registration;
using Gongzhi.Platform.PersonalData;
using Gongzhi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Gongzhi.Tests.Participation.ParticipationApi;

namespace Gongzhi.Tests.Participation;

/// <summary>Residents who register themselves with a phone number, and a search of every table for what must not be stored.</summary>
internal static partial class RegistrationFlow
{
    public const string Password = "Resident-self-2026";

    /// <summary>A mobile number no other test uses.</summary>
    public static string NewPhone() => "139" + RandomNumberGenerator.GetInt32(0, 100_000_000).ToString("D8", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A name no other test uses, to search the tables for.</summary>
    public static string NewName() => "自注册" + string.Concat(RandomNumberGenerator.GetBytes(3).Select(b => (char)('甲' + b % 200)));

    public static Task<HttpResponseMessage> RequestCodeAsync(HttpClient client, string phone) =>
        client.PostAsJsonAsync($"{Api}/registration/codes", new { phone }, Json, Cancel);

    /// <summary>The code the demo's outbound channel would have texted to <paramref name="phone"/>.</summary>
    public static string CodeSentTo(GongzhiApp app, string phone)
    {
        var text = app.Services.GetRequiredService<LoggingOutboundChannel>().LastTextTo(phone);
        Assert.NotNull(text);
        return CodeInText().Match(text).Value;
    }

    public static Task<HttpResponseMessage> RegisterAsync(HttpClient client, string phone, string code, string name, string community = Wannian) =>
        client.PostAsJsonAsync($"{Api}/registration", new
        {
            phone,
            code,
            displayName = name,
            password = Password,
            communityCode = community,
            address = "胜利街 12 号 3 栋 201",
        }, Json, Cancel);

    /// <summary>A resident registered through the whole flow, with a client signed in by the token the registration answered.</summary>
    public static async Task<(HttpClient Client, string Phone, string Name)> RegisteredResidentAsync(GongzhiApp app, string community = Wannian)
    {
        var phone = NewPhone();
        var name = NewName();
        using var visitor = app.Anonymous();
        await AssertStatusAsync(await RequestCodeAsync(visitor, phone), HttpStatusCode.Accepted);
        var token = await ReadAsync<JsonElement>(await RegisterAsync(visitor, phone, CodeSentTo(app, phone), name, community), HttpStatusCode.Created);
        var client = app.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("accessToken").GetString());
        return (client, phone, name);
    }

    /// <summary>Moves the number's codes back in time, as if they were asked for <paramref name="by"/> earlier.</summary>
    public static async Task AgeCodesAsync(GongzhiApp app, string phone, TimeSpan by)
    {
        var hash = app.Services.GetRequiredService<PersonalDataProtector>().Hash(phone);
        var codes = await app.WithDbAsync(db => db.Set<PhoneCode>().Where(c => c.PhoneHash == hash)
            .Select(c => new { c.Id, c.CreatedAt, c.ExpiresAt }).ToListAsync(Cancel));
        foreach (var code in codes)
        {
            await app.WithDbAsync(db => db.Set<PhoneCode>().Where(c => c.Id == code.Id).ExecuteUpdateAsync(
                s => s.SetProperty(c => c.CreatedAt, code.CreatedAt - by).SetProperty(c => c.ExpiresAt, code.ExpiresAt - by), Cancel));
        }
    }

    /// <summary>Every table and column where one of <paramref name="needles"/> appears in a text value, as "table.column".</summary>
    public static Task<List<string>> WhereStoredAsync(GongzhiApp app, params string[] needles) => app.WithDbAsync(async db =>
    {
        var tables = db.Model.GetEntityTypes().Select(t => t.GetTableName()).OfType<string>().Distinct().ToList();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(Cancel);
        var found = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\"";
            await using var reader = await command.ExecuteReaderAsync(Cancel);
            while (await reader.ReadAsync(Cancel))
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    if (!reader.IsDBNull(i) && reader.GetValue(i) is string value && needles.Any(n => value.Contains(n, StringComparison.Ordinal)))
                    {
                        found.Add($"{table}.{reader.GetName(i)}");
                    }
                }
            }
        }
        return found.ToList();
    });

    [GeneratedRegex(@"\d{6}")]
    private static partial Regex CodeInText();
}
