using Gongzhi.Modules.Organisations;
using Gongzhi.Platform.Audit;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Identity;
using Gongzhi.Platform.Scoping;
using Gongzhi.Platform.Startup;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Access;

/// <summary>Creates the roles always, and in demo mode the demo accounts of DESIGN.md's Wuhan demo.</summary>
internal sealed class AccountSeeder(IServiceProvider services, StartupBanner banner) : ISeeder
{
    internal sealed record DemoAccount(string UserName, string DisplayName, string Scope, string[] Roles, string? OrganisationCode);

    internal static readonly DemoAccount[] DemoAccounts =
    [
        new("admin", "平台管理员", "420100", [Platform.Scoping.Roles.Admin], null),
        new("command.420103", "江汉区指挥中心", "420103", [Platform.Scoping.Roles.CommandCenter, Platform.Scoping.Roles.Leader], "420103.command"),
        new("street.420103001", "民族街街道网格中心", "420103001", [Platform.Scoping.Roles.StreetStaff, Platform.Scoping.Roles.StreetDispatcher], "420103001.office"),
        new("street.420103002", "花楼街街道网格中心", "420103002", [Platform.Scoping.Roles.StreetStaff, Platform.Scoping.Roles.StreetDispatcher], "420103002.office"),
        new("community.420103001002", "万年社区工作者", "420103001002", [Platform.Scoping.Roles.CommunityStaff], "420103001002.committee"),
        new("grid.420103001002001", "万年社区第一网格网格员", "420103001002001", [Platform.Scoping.Roles.GridWorker], "420103001002.committee"),
        new("dept.420103.cgj", "江汉区城管局", "420103", [Platform.Scoping.Roles.DepartmentStaff], "420103.cgj"),
        new("resident1", "居民一（万年社区）", "420103001002", [Platform.Scoping.Roles.Resident], null),
        new("resident2", "居民二（交通路社区）", "420103002001", [Platform.Scoping.Roles.Resident], null),
        // Joint conferences: the street's party secretary runs its body; a second member unit's liaison officer reports on its tasks.
        new("party.420103001", "民族街街道党工委书记", "420103001", [Platform.Scoping.Roles.PartyOrg], "420103001.party"),
        new("dept.420103.zjj", "江汉区住建局联络员", "420103", [Platform.Scoping.Roles.DepartmentStaff], "420103.zjj"),
        // Staff of a social organisation of 民族街 (which one is SocialForces' link, not an Access organisation).
        new("org.420103001", "民族街社区养老服务中心", "420103001", [Platform.Scoping.Roles.SocialOrg], null),
    ];

    public int Order => 100;

    public async Task SeedAsync(GongzhiDbContext db, SeedContext context, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var roleManager = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Platform.Scoping.Roles.All)
        {
            if (!await roleManager.RoleExistsAsync(role))
            {
                await roleManager.CreateAsync(new IdentityRole(role));
            }
        }
        if (!context.Demo)
        {
            return;
        }
        var users = scope.ServiceProvider.GetRequiredService<UserManager<GongzhiUser>>();
        var organisations = scope.ServiceProvider.GetRequiredService<IOrganisationDirectory>();
        // Every demo account has the same password: hash it once (a deliberately slow operation) and share the hash.
        string? sharedHash = null;
        var created = 0;
        foreach (var account in DemoAccounts)
        {
            if (await users.FindByNameAsync(account.UserName) is not null)
            {
                continue;
            }
            var organisation = account.OrganisationCode is null ? null
                : await organisations.FindByCodeAsync(account.OrganisationCode, activeOnly: false, cancellationToken);
            var user = new GongzhiUser
            {
                UserName = account.UserName,
                DisplayName = account.DisplayName,
                ScopeCode = account.Scope,
                OrganisationId = organisation?.Id,
            };
            sharedHash ??= users.PasswordHasher.HashPassword(user, context.DemoPassword);
            user.PasswordHash = sharedHash;
            await AccountService.CreateAsync(users, user, password: null, account.Roles);
            created++;
        }
        if (created > 0)
        {
            db.AuditEntries.Add(AuditEntry.Create(DateTimeOffset.UtcNow, db.Caller, AuditActions.Seeded, "Account", null, null,
                $"{created} demo accounts"));
            await db.SaveChangesAsync(cancellationToken);
        }
        banner.Lines.Add(context.DemoPassword == StartupPreparation.DefaultDemoPassword
            ? $"Demo accounts (password {context.DemoPassword}, set GONGZHI_DEMO_PASSWORD to change it):"
            : "Demo accounts (password from GONGZHI_DEMO_PASSWORD):");
        banner.Lines.AddRange(DemoAccounts.Select(a => $"  {a.UserName,-24} {string.Join('/', a.Roles),-30} {a.Scope,-16} {a.DisplayName}"));
    }
}
