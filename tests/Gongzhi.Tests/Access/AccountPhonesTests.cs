using Gongzhi.Modules.Access;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Identity;
using Gongzhi.Platform.Scoping;
using Gongzhi.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Gongzhi.Tests.Access;

/// <summary>The number a text to an account goes to: the one the resident registered, decrypted; none for staff.</summary>
public sealed class AccountPhonesTests(GongzhiApp app)
{
    [Fact]
    public async Task PhoneOf_AResidentRegisteredWithANumber_IsThatNumber_AStaffAccountHasNone()
    {
        var cancel = TestContext.Current.CancellationToken;
        var number = "139" + Random.Shared.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        string residentId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<GongzhiDbContext>().Caller = Caller.System;
            var resident = await scope.ServiceProvider.GetRequiredService<ResidentAccounts>()
                .CreateResidentAsync(number, "短信测试", "Resident-test-2026", "420103001002", cancel);
            residentId = resident.Id;
        }
        var staffId = await app.WithDbAsync(db => Task.FromResult(db.Users.Single(u => u.UserName == "street.420103001").Id));
        var phones = app.Services.GetRequiredService<IAccountPhones>();

        Assert.Equal(number, await phones.PhoneOfAsync(residentId, cancel));
        Assert.Null(await phones.PhoneOfAsync(staffId, cancel));
    }
}
