using System.Diagnostics;
using System.Globalization;
using System.Text;
using Gongzhi.Modules.Registry.Imports;
using Gongzhi.Platform.Commands;
using Gongzhi.Platform.PersonalData;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Gongzhi.BenchHost;

/// <summary>
/// <c>bench person-import --rows N --as USER</c>: generates N rows of the user's area (one in fifty refused on purpose) and
/// times their import through the product's own foreground run (<c>import persons</c>), in rows per second.
/// </summary>
internal static class PersonImportBenchCommand
{
    public static void Register(WebApplicationBuilder builder) =>
        builder.Services.AddSingleton<Action<CommandLine>>(commands => commands.Add("bench person-import",
            "--rows N --as USER [--grid CODE]  generate N persons and time their import", BenchAsync));

    private static async Task<int> BenchAsync(IServiceProvider services, string[] args, CancellationToken cancellationToken)
    {
        var userName = CommandLine.Option(args, "--as") ?? "community.420103001002";
        if (!int.TryParse(CommandLine.Option(args, "--rows") ?? "100000", NumberStyles.None, CultureInfo.InvariantCulture, out var rows) || rows < 1)
        {
            await Console.Error.WriteLineAsync("usage: bench person-import --rows N --as USER [--grid CODE]");
            return 2;
        }
        var grid = CommandLine.Option(args, "--grid") ?? "420103001002001";
        var content = Generate(rows, grid);
        var clock = Stopwatch.StartNew();
        var done = await ImportCommands.RunAsync(services, userName, $"bench-{rows}.csv", content, cancellationToken);
        clock.Stop();
        if (done is null)
        {
            return 2;
        }
        var provider = services.GetRequiredService<IConfiguration>()["Database:Provider"] ?? "Sqlite";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{provider}: {done.Processed} rows ({done.Accepted} stored, {done.Failed} refused) in {clock.Elapsed.TotalSeconds:F1} s = {done.Processed / clock.Elapsed.TotalSeconds:F0} rows/s"));
        return 0;
    }

    /// <summary>Rows with real-shaped, distinct ID numbers (a random start, so runs do not collide); every fiftieth has a bad check digit.</summary>
    private static byte[] Generate(int rows, string grid)
    {
        var csv = new StringBuilder("name,id_number,phone,jurisdiction_code,care_tags,residence_status,household,relation\r\n");
        var birth = new DateOnly(1930, 1, 1).AddDays(Random.Shared.Next(0, 20_000));
        var region = 110101 + Random.Shared.Next(0, 100) * 100;
        for (var i = 0; i < rows; i++)
        {
            var day = birth.AddDays(i / 999);
            var body = string.Create(CultureInfo.InvariantCulture, $"{region:D6}{day:yyyyMMdd}{i % 999 + 1:D3}");
            var check = IdNumbers.CheckCharacter(body);
            var id = body + (i % 50 == 49 ? (check == '0' ? '1' : '0') : check);
            csv.Append(CultureInfo.InvariantCulture, $"测试{i % 1000:D3},{id},1{30 + i % 60}{i % 100_000_000:D8},{grid},{(i % 20 == 0 ? "独居老人" : "")},户籍,H{i / 3:D7},{(i % 3 == 0 ? "户主" : "子女")}\r\n");
        }
        return Encoding.UTF8.GetBytes(csv.ToString());
    }

}
