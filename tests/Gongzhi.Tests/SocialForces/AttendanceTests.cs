using Gongzhi.Modules.Access;
using Gongzhi.Modules.SocialForces;
using Gongzhi.Modules.SocialForces.Activities;
using Gongzhi.Modules.SocialForces.Volunteers;
using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Problems;
using Gongzhi.Platform.Scoping;
using Gongzhi.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using static Gongzhi.Tests.SocialForces.SocialTestKit;

namespace Gongzhi.Tests.SocialForces;

/// <summary>Check-in and check-out through the code, on a clock the test moves.</summary>
public sealed class AttendanceTests(GongzhiApp app)
{
    private const string Community = "420103001002";

    private static readonly Caller Organiser = new("organiser", "万年社区工作者", Community, new HashSet<string> { Roles.CommunityStaff }, null, null, false);

    /// <summary>The module's services on one request scope, with the given clock.</summary>
    private (ActivityService Activities, PointsLedger Ledger, CheckInCodes Codes, AsyncServiceScope Scope) Services(TimeProvider clock)
    {
        var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GongzhiDbContext>();
        var options = scope.ServiceProvider.GetRequiredService<IOptions<SocialForcesOptions>>();
        var codes = new CheckInCodes(app.Services.GetRequiredService<IDataProtectionProvider>(), options, clock);
        var ledger = new PointsLedger(db, clock);
        return (new ActivityService(db, new RecordActions(db), ledger, codes, options, clock), ledger, codes, scope);
    }

    [Fact]
    public async Task CheckOut_OfAVolunteer_CreditsTheHoursServed_AsPointsOnTheLedger()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var volunteer = Person(Roles.Volunteer, Community);
        var start = clock.GetUtcNow().AddHours(1);
        var (activities, ledger, codes, scope) = Services(clock);
        await using (scope)
        {
            var activity = await activities.CreateAsync(Organiser, "敬老志愿服务", Community, start, start.AddHours(3), 10, null, Cancel);
            var profile = await ledger.RegisterAsync(volunteer, Community, ["陪护"], null, Cancel);
            await activities.RegisterAsync(volunteer, activity.Id, Cancel);

            clock.SetUtcNow(start.AddMinutes(-10));
            var (_, checkedIn, _) = await activities.AttendAsync(volunteer, codes.Issue(activity.Id, AttendanceMode.In), Cancel);
            Assert.Equal(clock.GetUtcNow(), checkedIn.CheckedInAt);

            // Two and a half hours after the start; the ten minutes before the start do not count.
            clock.SetUtcNow(start.AddHours(2.5));
            var (_, checkedOut, mode) = await activities.AttendAsync(volunteer, codes.Issue(activity.Id, AttendanceMode.Out), Cancel);
            Assert.Equal(AttendanceMode.Out, mode);
            Assert.Equal(25, checkedOut.HoursTenthsCredited);

            // A second check-out is refused and credits nothing.
            await Assert.ThrowsAsync<RuleViolationException>(() =>
                activities.AttendAsync(volunteer, codes.Issue(activity.Id, AttendanceMode.Out), Cancel));
            var stored = await ledger.OfAsync(volunteer.UserId, Cancel);
            Assert.Equal((25L, 25L), (stored!.HoursTenths, stored.PointBalance));
            Assert.Equal(25, Assert.Single(await ledger.MovementsAsync(profile.Id, 10, Cancel)).Points);
        }
    }

    [Fact]
    public async Task Code_AfterItsLifetime_Or_ForAWaitingPerson_IsRefused()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var start = clock.GetUtcNow().AddMinutes(30);
        var (activities, _, codes, scope) = Services(clock);
        await using (scope)
        {
            var activity = await activities.CreateAsync(Organiser, "小型讲座", Community, start, start.AddHours(1), 1, null, Cancel);
            var first = Person(Roles.Resident, Community);
            var second = Person(Roles.Resident, Community);
            await activities.RegisterAsync(first, activity.Id, Cancel);
            await activities.RegisterAsync(second, activity.Id, Cancel);

            var code = codes.Issue(activity.Id, AttendanceMode.In);
            await Assert.ThrowsAsync<RuleViolationException>(() => activities.AttendAsync(second, code, Cancel));

            clock.Advance(codes.Lifetime + TimeSpan.FromSeconds(1));
            var expired = await Assert.ThrowsAsync<FieldValidationException>(() => activities.AttendAsync(first, code, Cancel));
            Assert.NotNull(expired.For("code"));
            await activities.AttendAsync(first, codes.Issue(activity.Id, AttendanceMode.In), Cancel);
        }
    }
}
