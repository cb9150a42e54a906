using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Gongzhi.Modules.Registry.Persons;
using Gongzhi.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using static Gongzhi.Tests.Registry.RegistryTestData;

namespace Gongzhi.Tests.Registry;

/// <summary>PIPL art. 51: a copy of the database alone shows no ID number, phone or care tag.</summary>
public sealed class EncryptionAtRestTests(GongzhiApp app)
{
    [Fact]
    public async Task StoredPerson_RawColumnsAndHistory_HoldNoPlaintext()
    {
        using var grid = await app.ClientForAsync("grid.420103001002001");
        var id = IdNumber(new DateOnly(1936, 11, 30), male: true);
        var phone = Phone();
        var person = await ReadAsync<PersonResponse>(await grid.PostAsJsonAsync($"{Api}/persons",
            new { name = "吴德明", idNumber = id, phone, jurisdictionCode = WanNianGrid, careTags = new[] { "livingAlone" } }, Json, Cancel),
            HttpStatusCode.Created);
        // A change of phone puts both numbers through the history too.
        var second = Phone();
        await ReadAsync<PersonResponse>(await grid.PutAsJsonAsync($"{Api}/persons/{person.Id}", new { version = person.Version, phone = second },
            Json, Cancel), HttpStatusCode.OK);

        var rows = await app.WithDbAsync(async db =>
        {
            var connection = db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync(Cancel);
            var text = new StringBuilder();
            foreach (var table in new[] { "registry_persons", "registry_person_changes", "audit_entries" })
            {
                await using var command = connection.CreateCommand();
                command.CommandText = $"SELECT * FROM \"{table}\"";
                await using var reader = await command.ExecuteReaderAsync(Cancel);
                while (await reader.ReadAsync(Cancel))
                {
                    for (var i = 0; i < reader.FieldCount; i++)
                    {
                        text.Append(reader.IsDBNull(i) ? "" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)).Append('|');
                    }
                }
            }
            return text.ToString();
        });
        Assert.Contains(person.Id.ToString(), rows, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(id, rows);
        Assert.DoesNotContain(phone, rows);
        Assert.DoesNotContain(second, rows);
        Assert.DoesNotContain("LivingAlone", rows);

        var stored = await app.WithDbAsync(db => db.Set<Person>().AsNoTracking().SingleAsync(p => p.Id == person.Id, Cancel));
        Assert.NotEqual(id, stored.IdNumberProtected);
        Assert.Equal(person.IdNumber, stored.IdNumberMasked);

        if (app.Database.Provider == "Sqlite")
        {
            // The file itself, after the write-ahead log is folded in: neither UTF-8 nor UTF-16 shows the numbers.
            await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE)", Cancel));
            var file = new SqliteConnectionStringBuilder(app.Database.ConnectionString).DataSource;
            var bytes = await ReadSharedAsync(file);
            foreach (var secret in new[] { id, phone, second })
            {
                Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)));
                Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.Unicode.GetBytes(secret)));
            }
            Assert.NotEqual(-1, bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(stored.IdNumberHash)));
        }
    }

    private static async Task<byte[]> ReadSharedAsync(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var memory = new MemoryStream();
        await stream.CopyToAsync(memory, Cancel);
        return memory.ToArray();
    }
}
