using System.Security.Cryptography;
using Gongzhi.Platform.Audit;
using Gongzhi.Platform.Commands;
using Gongzhi.Platform.Scoping;
using Gongzhi.Platform.Startup;
using Microsoft.AspNetCore.Identity;

namespace Gongzhi.Modules.Access;

internal static class AccountCommands
{
    public static void Register(WebApplicationBuilder builder) =>
        builder.Services.AddSingleton<Action<CommandLine>>(commands => commands.Add("admin create",
            "USERNAME [--scope 420100] [--password P]  create an administrator (password printed if not given)", CreateAdminAsync));

    private static async Task<int> CreateAdminAsync(IServiceProvider services, string[] args, CancellationToken cancellationToken)
    {
        if (args.Length == 0 || args[0].StartsWith('-'))
        {
            await Console.Error.WriteLineAsync("usage: admin create USERNAME [--scope 420100] [--password P]");
            return 2;
        }
        var scopeCode = CommandLine.Option(args, "--scope") ?? JurisdictionCode.City;
        if (!JurisdictionCode.IsWellFormed(scopeCode))
        {
            await Console.Error.WriteLineAsync($"'{scopeCode}' is not a jurisdiction code.");
            return 2;
        }
        var password = CommandLine.Option(args, "--password");
        var generated = password is null;
        password ??= "Gz-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

        await StartupPreparation.PrepareDatabaseAsync(services, services.GetRequiredService<IConfiguration>(), cancellationToken);
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<GongzhiUser>>();
        if (await users.FindByNameAsync(args[0]) is not null)
        {
            await Console.Error.WriteLineAsync($"An account named '{args[0]}' already exists.");
            return 1;
        }
        try
        {
            await AccountService.CreateAsync(users, new GongzhiUser { UserName = args[0], DisplayName = args[0], ScopeCode = scopeCode },
                password, [Roles.Admin]);
        }
        catch (Platform.Problems.RuleViolationException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 1;
        }
        await scope.ServiceProvider.GetRequiredService<AuditLog>()
            .WriteAsync(AuditActions.Created, "Account", args[0], scopeCode, "admin create (command line)", cancellationToken, Caller.System);
        Console.WriteLine(generated ? $"Created admin '{args[0]}' (scope {scopeCode}), password: {password}" : $"Created admin '{args[0]}' (scope {scopeCode}).");
        return 0;
    }
}
