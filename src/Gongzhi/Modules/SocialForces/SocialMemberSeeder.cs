using Gongzhi.Modules.SocialForces.Registry;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Identity;
using Gongzhi.Platform.Startup;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.SocialForces;

/// <summary>
/// In demo mode: links the demo account <c>org.420103001</c> to 民族街's elderly-care centre (the provider of the demo
/// purchase). Runs after the accounts are seeded; idempotent (an account already linked is left alone).
/// </summary>
internal sealed class SocialMemberSeeder(IServiceProvider services, TimeProvider clock) : ISeeder
{
    internal const string DemoUserName = "org.420103001";
    internal const string DemoOrganisationName = "民族街社区养老服务中心";

    public int Order => 110;

    public async Task SeedAsync(GongzhiDbContext db, SeedContext context, CancellationToken cancellationToken)
    {
        if (!context.Demo)
        {
            return;
        }
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<GongzhiUser>>();
        if (await users.FindByNameAsync(DemoUserName) is not { } user
            || await db.Set<OrganisationMember>().AnyAsync(m => m.UserId == user.Id, cancellationToken))
        {
            return;
        }
        // The seeder acts as the system; the filter would show it everything anyway.
        var organisation = await db.Set<SocialOrganisation>().IgnoreQueryFilters()
            .Where(o => o.JurisdictionCode == "420103001" && o.Name == DemoOrganisationName).Select(o => (Guid?)o.Id).FirstOrDefaultAsync(cancellationToken);
        if (organisation is { } id)
        {
            db.Add(OrganisationMember.Link(user.Id, id, clock.GetUtcNow()));
            await db.SaveChangesAsync(cancellationToken);
        }
    }
}
