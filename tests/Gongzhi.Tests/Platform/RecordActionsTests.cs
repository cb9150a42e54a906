using Gongzhi.Modules.Organisations;
using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Problems;
using Gongzhi.Platform.Scoping;
using Gongzhi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gongzhi.Tests.Platform;

/// <summary>The one load–check–run–save every module's writes go through: each refusal has its own answer.</summary>
public sealed class RecordActionsTests(GongzhiApp app)
{
    private sealed class Rules(bool allows) : IActionRules<Organisation>
    {
        public bool CanSee(Caller caller, Organisation record) => caller.CanSee(record.JurisdictionCode);

        public bool Allows(Caller caller, string action, Organisation record) => allows && caller.Covers(record.JurisdictionCode);
    }

    private static Caller Street(string code) =>
        new("test-user", $"street.{code}", code, new HashSet<string> { "StreetStaff" }, null, "127.0.0.1", IsSystem: false);

    private async Task<(string Code, long Version)> OrganisationInAsync(string jurisdictionCode)
    {
        var code = $"t.{Guid.NewGuid():N}";
        await app.WithDbAsync(async db =>
        {
            db.Add(Organisation.Create(code, "测试单位", null, OrganisationKind.ResidentUnit, jurisdictionCode));
            return await db.SaveChangesAsync();
        });
        var version = await app.WithDbAsync(db => db.Set<Organisation>().Where(o => o.Code == code).Select(o => o.Version).SingleAsync());
        return (code, version);
    }

    private async Task<Organisation> RenameAsync(Caller caller, string code, long? version, bool allows)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var actions = scope.ServiceProvider.GetRequiredService<RecordActions>();
        return await actions.RunAsync<Organisation>(caller, o => o.Code == code, "rename", version, new Rules(allows), o =>
        {
            o.Update("改名后的单位", null, o.Kind, o.JurisdictionCode, o.ParentId, null, null);
            return Task.CompletedTask;
        }, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Run_WhenAllowed_SavesAndBumpsTheVersion()
    {
        var (code, version) = await OrganisationInAsync("420103001002");
        var saved = await RenameAsync(Street("420103001"), code, version, allows: true);
        Assert.Equal("改名后的单位", saved.Name);
        Assert.Equal(version + 1, saved.Version);
    }

    [Fact]
    public async Task Run_OutsideTheCallersScope_IsNotFound()
    {
        var (code, version) = await OrganisationInAsync("420103002001");
        await Assert.ThrowsAsync<RecordNotFoundException>(() => RenameAsync(Street("420103001"), code, version, allows: true));
    }

    [Fact]
    public async Task Run_WhenTheRulesRefuse_IsForbidden_AndNothingChanges()
    {
        var (code, version) = await OrganisationInAsync("420103001002");
        await Assert.ThrowsAsync<ActionForbiddenException>(() => RenameAsync(Street("420103001"), code, version, allows: false));
        Assert.Equal("测试单位", await app.WithDbAsync(db => db.Set<Organisation>().Where(o => o.Code == code).Select(o => o.Name).SingleAsync()));
    }

    [Fact]
    public async Task Run_WithAStaleVersion_IsAConflict()
    {
        var (code, version) = await OrganisationInAsync("420103001002");
        await RenameAsync(Street("420103001"), code, version, allows: true);
        await Assert.ThrowsAsync<RuleViolationException>(() => RenameAsync(Street("420103001"), code, version, allows: true));
    }
}
