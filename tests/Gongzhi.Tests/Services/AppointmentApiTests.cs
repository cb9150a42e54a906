using System.Net;
using System.Net.Http.Json;
using Gongzhi.Modules.Services.Appointments;
using Gongzhi.Modules.Services.Queue;
using Gongzhi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Gongzhi.Tests.Services.QueueApiTests;

namespace Gongzhi.Tests.Services;

/// <summary>Appointments: capacity under concurrent bookings, one booking per resident and slot, cancelling, and the check-in's priority ticket.</summary>
public sealed class AppointmentApiTests(GongzhiApp app)
{
    private const string Appointments = "/api/v1/services/appointments";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static async Task<SlotResponse> OpenAsync(HttpClient clerk, string group, TimeSpan startsIn, int capacity) =>
        await ReadAsync<SlotResponse>(await clerk.PostAsJsonAsync($"{Centre}/slots",
            new { group, startsAt = DateTimeOffset.UtcNow.Add(startsIn), minutes = 30, capacity }, Json, Cancel), HttpStatusCode.Created);

    private static Task<HttpResponseMessage> BookAsync(HttpClient resident, Guid slot) =>
        resident.PostAsJsonAsync(Appointments, new { slotId = slot }, Json, Cancel);

    /// <summary>Every answer is the booking created, the same booking again (200), or a refusal (409): never a second booking.</summary>
    private static async Task AssertOnePlaceEachAsync(HttpResponseMessage[] answers)
    {
        var created = new List<Guid>();
        foreach (var answer in answers.Where(a => a.StatusCode == HttpStatusCode.Created))
        {
            created.Add((await ReadAsync<AppointmentResponse>(answer, HttpStatusCode.Created)).Id);
        }
        foreach (var answer in answers.Where(a => a.StatusCode != HttpStatusCode.Created))
        {
            if (answer.StatusCode == HttpStatusCode.OK)
            {
                Assert.Contains((await ReadAsync<AppointmentResponse>(answer, HttpStatusCode.OK)).Id, created);
            }
            else
            {
                Assert.Equal(HttpStatusCode.Conflict, answer.StatusCode);
            }
        }
    }

    [Fact]
    public async Task Book_Again_AnswersWithTheBookingHeld_AndTakesNoSecondPlace()
    {
        using var clerk = await app.ClientForAsync("street.420103001");
        await ArrangeAsync(clerk, "D");
        using var resident = await app.ClientForAsync("resident2");
        var slot = await OpenAsync(clerk, "D", TimeSpan.FromHours(5), capacity: 3);

        var first = await ReadAsync<AppointmentResponse>(await BookAsync(resident, slot.Id), HttpStatusCode.Created);
        var again = await ReadAsync<AppointmentResponse>(await BookAsync(resident, slot.Id), HttpStatusCode.OK);

        Assert.Equal(first.Id, again.Id);
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<AppointmentSlot>().IgnoreQueryFilters().Where(s => s.Id == slot.Id)
            .Select(s => s.Booked).SingleAsync(Cancel)));
    }

    [Fact]
    public async Task Book_ManyAtOnce_NeverOverbooks_AndEachResidentHoldsOnePlace()
    {
        using var clerk = await app.ClientForAsync("street.420103001");
        await ArrangeAsync(clerk, "V");
        using var resident1 = await app.ClientForAsync("resident1");
        using var resident2 = await app.ClientForAsync("resident2");
        var single = await OpenAsync(clerk, "V", TimeSpan.FromHours(3), capacity: 1);
        var pair = await OpenAsync(clerk, "V", TimeSpan.FromHours(4), capacity: 2);
        HttpClient[] residents = [resident1, resident2];

        var forSingle = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => BookAsync(residents[i % 2], single.Id)));
        Assert.Equal(1, forSingle.Count(r => r.StatusCode == HttpStatusCode.Created));
        // The winner's other presses answer with their booking (or, racing it, find the slot full); the other resident's are refused.
        await AssertOnePlaceEachAsync(forSingle);

        // Room for both, but each resident gets one place however often they press.
        var forPair = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => BookAsync(residents[i % 2], pair.Id)));
        Assert.Equal(2, forPair.Count(r => r.StatusCode == HttpStatusCode.Created));
        await AssertOnePlaceEachAsync(forPair);

        var booked = await app.WithDbAsync(db => db.Set<AppointmentSlot>().IgnoreQueryFilters().AsNoTracking()
            .Where(s => s.Id == single.Id || s.Id == pair.Id).ToDictionaryAsync(s => s.Id, s => s.Booked, Cancel));
        Assert.Equal(1, booked[single.Id]);
        Assert.Equal(2, booked[pair.Id]);
        Assert.Equal(3, await app.WithDbAsync(db => db.Set<Appointment>().IgnoreQueryFilters()
            .CountAsync(a => (a.SlotId == single.Id || a.SlotId == pair.Id) && a.State == AppointmentState.Booked, Cancel)));
    }

    [Fact]
    public async Task Cancel_FreesThePlace_AndCheckIn_IssuesAPriorityTicketCalledBeforeWalkIns()
    {
        using var clerk = await app.ClientForAsync("street.420103001");
        await ArrangeAsync(clerk, "W");
        using var resident1 = await app.ClientForAsync("resident1");
        using var resident2 = await app.ClientForAsync("resident2");
        var slot = await OpenAsync(clerk, "W", TimeSpan.FromMinutes(30), capacity: 1);

        var first = await ReadAsync<AppointmentResponse>(await BookAsync(resident1, slot.Id), HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.Conflict, (await BookAsync(resident2, slot.Id)).StatusCode);
        // Only its resident (or the centre) cancels a booking.
        Assert.Equal(HttpStatusCode.NotFound, (await resident2.PostAsJsonAsync($"{Appointments}/{first.Id}/cancel", new { }, Json, Cancel)).StatusCode);
        var cancelled = await ReadAsync<AppointmentResponse>(await resident1.PostAsJsonAsync($"{Appointments}/{first.Id}/cancel", new { }, Json, Cancel),
            HttpStatusCode.OK);
        Assert.Equal(AppointmentState.Cancelled, cancelled.State);
        var booking = await ReadAsync<AppointmentResponse>(await BookAsync(resident2, slot.Id), HttpStatusCode.Created);
        var mine = await ReadAsync<List<AppointmentResponse>>(await resident2.GetAsync($"{Appointments}/mine", Cancel), HttpStatusCode.OK);
        Assert.Contains(mine, a => a.Id == booking.Id && a.State == AppointmentState.Booked);

        var walkIn = await ReadAsync<TicketResponse>(await TakeAsync(clerk, "W"), HttpStatusCode.Created);
        using var otherStreet = await app.ClientForAsync("street.420103002");
        Assert.Equal(HttpStatusCode.NotFound, (await otherStreet.PostAsJsonAsync($"{Appointments}/{booking.Id}/check-in", new { }, Json, Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await resident2.PostAsJsonAsync($"{Appointments}/{booking.Id}/check-in", new { }, Json, Cancel)).StatusCode);
        var checkedIn = await ReadAsync<CheckInResponse>(await clerk.PostAsJsonAsync($"{Appointments}/{booking.Id}/check-in", new { }, Json, Cancel),
            HttpStatusCode.OK);
        Assert.Equal(AppointmentState.CheckedIn, checkedIn.Appointment.State);
        Assert.True(checkedIn.Ticket.Priority);
        Assert.Equal(booking.Id, checkedIn.Ticket.AppointmentId);
        Assert.Equal(HttpStatusCode.Conflict, (await clerk.PostAsJsonAsync($"{Appointments}/{booking.Id}/check-in", new { }, Json, Cancel)).StatusCode);

        // The resident sees the ticket as theirs, and it is called before the walk-in taken earlier.
        var own = await ReadAsync<TicketResponse>(await resident2.GetAsync($"{Tickets}/{checkedIn.Ticket.Id}", Cancel), HttpStatusCode.OK);
        Assert.True(own.Mine);
        Assert.Equal(0, own.Ahead);
        var called = await ReadAsync<TicketResponse>(await CallAsync(clerk, 41, "W"), HttpStatusCode.OK);
        Assert.Equal(checkedIn.Ticket.Id, called.Id);
        await ReadAsync<TicketResponse>(await clerk.PostAsJsonAsync($"{Tickets}/{called.Id}/serve", new { }, Json, Cancel), HttpStatusCode.OK);
        Assert.Equal(walkIn.Id, (await ReadAsync<TicketResponse>(await CallAsync(clerk, 41, "W"), HttpStatusCode.OK)).Id);
    }

    [Fact]
    public async Task Slots_AreOpenedByTheCentreOnly_WithValidatedFields()
    {
        using var clerk = await app.ClientForAsync("street.420103001");
        var bad = await clerk.PostAsJsonAsync($"{Centre}/slots", new { group = "A", startsAt = DateTimeOffset.UtcNow.AddHours(-1), minutes = 1, capacity = 0 },
            Json, Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var text = await bad.Content.ReadAsStringAsync(Cancel);
        Assert.Contains("startsAt", text);
        Assert.Contains("capacity", text);
        using var otherStreet = await app.ClientForAsync("street.420103002");
        Assert.Equal(HttpStatusCode.NotFound, (await otherStreet.PostAsJsonAsync($"{Centre}/slots",
            new { group = "A", startsAt = DateTimeOffset.UtcNow.AddHours(5), minutes = 30, capacity = 2 }, Json, Cancel)).StatusCode);
        using var anonymous = app.Anonymous();
        var slots = await ReadAsync<List<SlotResponse>>(await anonymous.GetAsync($"{Centre}/slots?days=7", Cancel), HttpStatusCode.OK);
        Assert.All(slots, s => Assert.Equal(Street, s.Centre));
    }
}
