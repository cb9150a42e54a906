namespace Gongzhi.Platform.Commands;

/// <summary>
/// Operations run as <c>dotnet run --project src/Gongzhi -- &lt;command&gt;</c>. Modules register their
/// commands; the host is built but not started, so commands share the app's configuration and services.
/// </summary>
public sealed class CommandLine
{
    private readonly Dictionary<string, (string Usage, Func<IServiceProvider, string[], CancellationToken, Task<int>> Run)> commands =
        new(StringComparer.OrdinalIgnoreCase);

    public void Add(string name, string usage, Func<IServiceProvider, string[], CancellationToken, Task<int>> run) =>
        commands[name] = (usage, run);

    public static bool IsCommand(string[] args) => args.Length > 0 && !args[0].StartsWith('-');

    public async Task<int> RunAsync(IServiceProvider services, string[] args, CancellationToken cancellationToken)
    {
        // Two-word commands ("import boundaries", "admin create") are looked up first.
        if (args.Length >= 2 && commands.TryGetValue($"{args[0]} {args[1]}", out var two))
        {
            return await two.Run(services, args[2..], cancellationToken);
        }
        if (commands.TryGetValue(args[0], out var one))
        {
            return await one.Run(services, args[1..], cancellationToken);
        }
        await Console.Error.WriteLineAsync($"Unknown command '{string.Join(' ', args)}'. Commands:");
        foreach (var (name, (usage, _)) in commands.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            await Console.Error.WriteLineAsync($"  {name,-22} {usage}");
        }
        return 2;
    }

    /// <summary>Reads <c>--name value</c> from a command's arguments.</summary>
    public static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
