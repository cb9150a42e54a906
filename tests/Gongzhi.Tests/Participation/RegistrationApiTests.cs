using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gongzhi.Modules.Participation;
using Gongzhi.Modules.Access.PhoneCodes;
using Gongzhi.Modules.Participation.Registration;
using Gongzhi.Modules.Participation.Residence;
using Gongzhi.Platform.PersonalData;
using Gongzhi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Gongzhi.Tests.Participation.ParticipationApi;
using static Gongzhi.Tests.Participation.RegistrationFlow;

namespace Gongzhi.Tests.Participation;

public sealed class RegistrationApiTests(GongzhiApp app)
{
    [Fact]
    public async Task SpentCodes_AreSwept_OnlyAfterADay_SoTheHourlyLimitsStillSeeThem()
    {
        var phone = NewPhone();
        using var anonymous = app.Anonymous();
        await AssertStatusAsync(await RequestCodeAsync(anonymous, phone), HttpStatusCode.Accepted);
        var hash = app.Services.GetRequiredService<PersonalDataProtector>().Hash(phone);
        Task<int> CodesAsync() => app.WithDbAsync(db => db.Set<PhoneCode>().CountAsync(c => c.PhoneHash == hash, Cancel));
        var sweep = app.Services.GetRequiredService<PhoneCodeSweep>();

        await sweep.RunOnceAsync(DateTimeOffset.UtcNow.AddHours(2), Cancel);
        Assert.Equal(1, await CodesAsync());
        await sweep.RunOnceAsync(DateTimeOffset.UtcNow.Add(PhoneCodeSweep.KeptFor).AddMinutes(1), Cancel);
        Assert.Equal(0, await CodesAsync());
    }

    [Fact]
    public async Task Register_WithTheCodeSent_SignsInAResidentWhoseDeclarationStaffThenVerify()
    {
        var (resident, phone, name) = await RegisteredResidentAsync(app);
        using var _ = resident;

        var declared = await ReadAsync<ResidentResponse>(await resident.GetAsync($"{Api}/residents/me", Cancel), HttpStatusCode.OK);
        Assert.Equal((ResidenceState.Declared, Wannian, name), (declared.State, declared.CommunityCode, declared.DisplayName));
        var me = await ReadAsync<JsonElement>(await resident.GetAsync("/api/v1/auth/me", Cancel), HttpStatusCode.OK);
        Assert.Equal(["Resident"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.DoesNotContain(phone, me.GetProperty("userName").GetString(), StringComparison.Ordinal);

        using var community = await app.ClientForAsync("community.420103001002");
        await AssertStatusAsync(await community.PostAsJsonAsync($"{Api}/residents/{declared.Id}/verify", new { }, Json, Cancel), HttpStatusCode.OK);
        var verified = await ReadAsync<ResidentResponse>(await resident.GetAsync($"{Api}/residents/me", Cancel), HttpStatusCode.OK);
        Assert.Equal(ResidenceState.Verified, verified.State);

        // Later the resident signs in with the number and the password.
        using var anonymous = app.Anonymous();
        await AssertStatusAsync(await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { username = phone, password = Password }, Cancel), HttpStatusCode.OK);
    }

    [Fact]
    public async Task Register_StoresThePhoneOnlyProtectedHashedAndMasked()
    {
        var (resident, phone, _) = await RegisteredResidentAsync(app);
        resident.Dispose();

        Assert.Empty(await WhereStoredAsync(app, phone));
        Assert.Equal(["account_phones.PhoneMasked"], await WhereStoredAsync(app, phone[..3] + "****" + phone[^4..]));
    }

    [Fact]
    public async Task Register_WithAWrongCode_Returns400OnTheCode_AndAfterFiveTriesEvenTheRightCodeIsRefused()
    {
        var phone = NewPhone();
        using var visitor = app.Anonymous();
        await AssertStatusAsync(await RequestCodeAsync(visitor, phone), HttpStatusCode.Accepted);
        var code = CodeSentTo(app, phone);
        var wrong = code == "000000" ? "111111" : "000000";

        for (var i = 0; i < 5; i++)
        {
            var problem = await ReadAsync<JsonElement>(await RegisterAsync(visitor, phone, wrong, NewName()), HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty("code", out _));
        }
        var spent = await ReadAsync<JsonElement>(await RegisterAsync(visitor, phone, code, NewName()), HttpStatusCode.BadRequest);
        Assert.True(spent.GetProperty("errors").TryGetProperty("code", out _));
    }

    [Fact]
    public async Task Register_WithAnExpiredCode_Returns400OnTheCode()
    {
        var phone = NewPhone();
        using var visitor = app.Anonymous();
        await AssertStatusAsync(await RequestCodeAsync(visitor, phone), HttpStatusCode.Accepted);
        var code = CodeSentTo(app, phone);
        await AgeCodesAsync(app, phone, TimeSpan.FromMinutes(11));

        var problem = await ReadAsync<JsonElement>(await RegisterAsync(visitor, phone, code, NewName()), HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("code", out _));
    }

    [Fact]
    public async Task RequestCode_AgainWithinAMinute_Returns429WithRetryAfter_AndAfterFivePerHourToo()
    {
        var phone = NewPhone();
        using var visitor = app.Anonymous();
        await AssertStatusAsync(await RequestCodeAsync(visitor, phone), HttpStatusCode.Accepted);

        var again = await RequestCodeAsync(visitor, phone);
        await AssertStatusAsync(again, HttpStatusCode.TooManyRequests);
        Assert.NotNull(again.Headers.RetryAfter);

        for (var i = 0; i < 4; i++)
        {
            await AgeCodesAsync(app, phone, TimeSpan.FromMinutes(2));
            await AssertStatusAsync(await RequestCodeAsync(visitor, phone), HttpStatusCode.Accepted);
        }
        await AgeCodesAsync(app, phone, TimeSpan.FromMinutes(2));
        await AssertStatusAsync(await RequestCodeAsync(visitor, phone), HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task RequestCode_ForAnInvalidNumber_Returns400OnThePhone()
    {
        using var visitor = app.Anonymous();
        var problem = await ReadAsync<JsonElement>(await RequestCodeAsync(visitor, "12345"), HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("phone", out _));
    }

    [Fact]
    public async Task Register_WithAPhoneAlreadyRegistered_Returns409AndMakesNoSecondAccount()
    {
        var (resident, phone, _) = await RegisteredResidentAsync(app);
        resident.Dispose();
        using var visitor = app.Anonymous();
        await AgeCodesAsync(app, phone, TimeSpan.FromMinutes(2));
        await AssertStatusAsync(await RequestCodeAsync(visitor, phone), HttpStatusCode.Accepted);
        var name = NewName();

        await AssertStatusAsync(await RegisterAsync(visitor, phone, CodeSentTo(app, phone), name), HttpStatusCode.Conflict);
        Assert.Empty(await WhereStoredAsync(app, name));
    }
}

/// <summary>The per-address limit, on an instance of its own (every test of the shared one asks from the same address).</summary>
public sealed class RegistrationAddressLimitTests : IAsyncLifetime
{
    private readonly GongzhiApp app = new();

    public async ValueTask InitializeAsync()
    {
        app.Settings["PhoneCodes:CodesPerAddressPerHour"] = "2";
        await app.InitializeAsync();
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();

    [Fact]
    public async Task RequestCode_FromAnAddressThatAskedTooOften_Returns429ForAnyNumber()
    {
        using var visitor = app.Anonymous();
        await AssertStatusAsync(await RequestCodeAsync(visitor, NewPhone()), HttpStatusCode.Accepted);
        await AssertStatusAsync(await RequestCodeAsync(visitor, NewPhone()), HttpStatusCode.Accepted);

        await AssertStatusAsync(await RequestCodeAsync(visitor, NewPhone()), HttpStatusCode.TooManyRequests);
    }
}
