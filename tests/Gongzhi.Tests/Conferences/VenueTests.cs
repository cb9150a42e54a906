using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Gongzhi.Modules.Conferences;
using Gongzhi.Modules.Conferences.Venues;
using Gongzhi.Modules.Organisations;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Problems;
using Gongzhi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Tests.Conferences;

public sealed class VenueRuleTests
{
    // A Monday, 09:00 in Wuhan.
    private static readonly DateTimeOffset Monday9 = new(2026, 11, 30, 9, 0, 0, TimeSpan.FromHours(8));

    private static Venue Hall() => Venue.Offer(ConferenceBody.Create("街道联席会议", "420103001", null, null), Guid.NewGuid(), "党群服务中心多功能厅",
        VenueKind.Room, 80, "民族街1号", [new(DayOfWeek.Monday, new(8, 30), new(12, 0)), new(DayOfWeek.Monday, new(14, 0), new(17, 30))],
        Monday9.AddDays(-7));

    [Fact]
    public void Booking_InsideAnOpeningWindow_HoldsOneSlotPerHalfHour()
    {
        var (booking, slots) = VenueBooking.Request(Hall(), null, "u", "u", "党员活动", Monday9, Monday9.AddHours(1.5), Monday9.AddDays(-1), Zones.Wuhan);
        Assert.Equal(BookingState.Pending, booking.State);
        Assert.Equal(3, slots.Count);
        Assert.Equal(BookingSlots.SlotOf(Monday9), slots[0].Slot);
        Assert.Equal(Enumerable.Range(0, 3).Select(i => slots[0].Slot + i), slots.Select(s => s.Slot));
    }

    [Theory]
    [InlineData(7.5, 1)] // starts 07:30, before opening
    [InlineData(11.5, 1)] // 11:30–12:30 runs past the morning window
    [InlineData(12.0, 2)] // 12:00–14:00 is the lunch break
    [InlineData(17.0, 1)] // 17:00–18:00 runs past closing
    [InlineData(33.0, 1)] // Tuesday 09:00: closed all day
    public void Booking_OutsideOpeningHours_IsRefused(double startHour, double hours)
    {
        var start = Monday9.Date.AddHours(startHour);
        var local = new DateTimeOffset(start, TimeSpan.FromHours(8));
        Assert.Throws<RuleViolationException>(() =>
            VenueBooking.Request(Hall(), null, "u", "u", "x", local, local.AddHours(hours), Monday9.AddDays(-1), Zones.Wuhan));
    }

    [Fact]
    public void Booking_OffTheGrid_InThePast_OrTooLong_IsRefused()
    {
        var now = Monday9.AddDays(-1);
        Assert.Throws<RuleViolationException>(() => VenueBooking.Request(Hall(), null, "u", "u", "x", Monday9.AddMinutes(10), Monday9.AddHours(1), now, Zones.Wuhan));
        Assert.Throws<RuleViolationException>(() => VenueBooking.Request(Hall(), null, "u", "u", "x", Monday9, Monday9.AddHours(1), Monday9.AddHours(2), Zones.Wuhan));
        Assert.Throws<RuleViolationException>(() => VenueBooking.Request(Hall(), null, "u", "u", "x", Monday9, Monday9, now, Zones.Wuhan));
        Assert.Throws<RuleViolationException>(() => VenueBooking.Request(Hall(), null, "u", "u", " ", Monday9, Monday9.AddHours(1), now, Zones.Wuhan));
    }

    [Fact]
    public void OpeningHours_ThatOverlapOrLeaveTheGrid_AreRefused()
    {
        Assert.Throws<RuleViolationException>(() => Venue.CheckOpeningHours(
            [new(DayOfWeek.Monday, new(8, 0), new(12, 0)), new(DayOfWeek.Monday, new(11, 0), new(13, 0))]));
        Assert.Throws<RuleViolationException>(() => Venue.CheckOpeningHours([new(DayOfWeek.Monday, new(8, 10), new(12, 0))]));
        Assert.Throws<RuleViolationException>(() => Venue.CheckOpeningHours([new(DayOfWeek.Monday, new(12, 0), new(8, 0))]));
        Venue.CheckOpeningHours([new(DayOfWeek.Sunday, new(0, 0), TimeOnly.MaxValue)]);
    }

    [Fact]
    public void Decline_And_Cancel_ReleaseTheBooking_OnlyFromAHoldingState()
    {
        var now = Monday9.AddDays(-1);
        var (booking, _) = VenueBooking.Request(Hall(), null, "u", "u", "x", Monday9, Monday9.AddHours(1), now, Zones.Wuhan);
        booking.Decline("owner", "设备检修", now);
        Assert.False(booking.Holds);
        Assert.Throws<RuleViolationException>(() => booking.Approve("owner", now));
        Assert.Throws<RuleViolationException>(() => booking.Cancel(now));

        var (second, _) = VenueBooking.Request(Hall(), null, "u", "u", "x", Monday9, Monday9.AddHours(1), now, Zones.Wuhan);
        second.Approve("owner", now);
        Assert.Throws<RuleViolationException>(() => second.Cancel(Monday9.AddMinutes(30)));
        second.Cancel(now);
        Assert.Equal(BookingState.Cancelled, second.State);
    }
}

/// <summary>Venues and bookings through the API, on the engine the suite runs on (SQLite or PostgreSQL).</summary>
public sealed class VenueApiTests(GongzhiApp app)
{
    private const string Api = "/api/v1/conferences";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static readonly object[] AlwaysOpen = Enum.GetValues<DayOfWeek>().Select(d => (object)new { day = d.ToString(), opens = "00:00", closes = "24:00" })
        .ToArray();

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Cancel)}");
        return (await response.Content.ReadFromJsonAsync<T>(Json, Cancel))!;
    }

    private Task<ConferenceBody> BodyAsync(string code) =>
        app.WithDbAsync(db => db.Set<ConferenceBody>().FirstAsync(b => b.JurisdictionCode == code, Cancel));

    /// <summary>A fresh venue of 区城管局 in 民族街's body, so tests do not share a calendar.</summary>
    private async Task<VenueResponse> OfferAsync(HttpClient client, object[]? hours = null)
    {
        var body = await BodyAsync("420103001");
        return await ReadAsync<VenueResponse>(await client.PostAsJsonAsync($"{Api}/venues", new
        {
            bodyId = body.Id,
            name = "城管执法中队会议室" + Guid.NewGuid().ToString("N")[..6],
            kind = "room",
            capacity = 30,
            address = "江汉区民族街",
            openingHours = hours ?? AlwaysOpen,
        }, Json, Cancel), HttpStatusCode.Created);
    }

    /// <summary>A half-hour-aligned instant some days ahead at the given Wuhan hour.</summary>
    private static DateTimeOffset Ahead(int days, double hour)
    {
        var today = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).Date;
        return new DateTimeOffset(today.AddDays(days).AddHours(hour), TimeSpan.FromHours(8));
    }

    private static Task<HttpResponseMessage> BookAsync(HttpClient client, Guid venue, DateTimeOffset start, double hours, string purpose = "党员活动日") =>
        client.PostAsJsonAsync($"{Api}/venues/{venue}/bookings", new { start, end = start.AddHours(hours), purpose }, Json, Cancel);

    [Fact]
    public async Task OverlappingBooking_Returns409_AdjacentIsAccepted_AndADeclineFreesTheTime()
    {
        using var owner = await app.ClientForAsync("dept.420103.cgj");
        using var community = await app.ClientForAsync("community.420103001002");
        using var street = await app.ClientForAsync("street.420103001");
        var venue = await OfferAsync(owner);
        var start = Ahead(3, 9);

        var first = await ReadAsync<BookingResponse>(await BookAsync(community, venue.Id, start, 2), HttpStatusCode.Created);
        Assert.Equal(BookingState.Pending, first.State);
        var overlap = await BookAsync(street, venue.Id, start.AddHours(1.5), 1);
        Assert.Equal(HttpStatusCode.Conflict, overlap.StatusCode);
        Assert.Equal("application/problem+json", overlap.Content.Headers.ContentType?.MediaType);
        await ReadAsync<BookingResponse>(await BookAsync(street, venue.Id, start.AddHours(2), 1, "街道例会"), HttpStatusCode.Created);

        // A retried request is the same booking, not a conflict with itself and not a second record.
        var retried = await ReadAsync<BookingResponse>(await BookAsync(community, venue.Id, start, 2), HttpStatusCode.OK);
        Assert.Equal(first.Id, retried.Id);

        // Only the owner (or the body's level) decides; the community that booked cannot approve itself.
        Assert.Equal(HttpStatusCode.Forbidden, (await community.PostAsJsonAsync($"{Api}/bookings/{first.Id}/approve", new { }, Json, Cancel)).StatusCode);
        var declined = await ReadAsync<BookingResponse>(await owner.PostAsJsonAsync($"{Api}/bookings/{first.Id}/decline",
            new { note = "当天执法培训" }, Json, Cancel), HttpStatusCode.OK);
        Assert.Equal(BookingState.Declined, declined.State);
        var rebooked = await ReadAsync<BookingResponse>(await BookAsync(street, venue.Id, start.AddHours(1.5), 0.5), HttpStatusCode.Created);
        var approved = await ReadAsync<BookingResponse>(await owner.PostAsJsonAsync($"{Api}/bookings/{rebooked.Id}/approve", new { }, Json, Cancel),
            HttpStatusCode.OK);
        Assert.Equal(BookingState.Approved, approved.State);
        // An approved booking holds its time as firmly as a pending one.
        Assert.Equal(HttpStatusCode.Conflict, (await BookAsync(community, venue.Id, start.AddHours(1), 1)).StatusCode);

        // The booker cancels; the time is free again.
        await ReadAsync<BookingResponse>(await street.PostAsJsonAsync($"{Api}/bookings/{rebooked.Id}/cancel", new { }, Json, Cancel), HttpStatusCode.OK);
        await ReadAsync<BookingResponse>(await BookAsync(community, venue.Id, start.AddHours(1), 1), HttpStatusCode.Created);

        var calendar = await street.GetFromJsonAsync<List<BookingResponse>>($"{Api}/venues/{venue.Id}/bookings?from={Uri.EscapeDataString(start.AddDays(-1).ToString("O"))}",
            Json, Cancel);
        Assert.Equal(4, calendar!.Count);
        Assert.Equal(2, calendar.Count(b => b.State == BookingState.Pending));

        // The owner is told of requests, the booker of the decision.
        var ownerNotified = await app.WithDbAsync(db => db.Set<Gongzhi.Modules.Notifications.Notification>()
            .CountAsync(n => n.Kind == VenuesApi.BookingRequestedNotification && n.Body!.Contains("党员活动日"), Cancel));
        Assert.True(ownerNotified > 0);
    }

    [Fact]
    public async Task Booking_OutsideOpeningHours_Returns409()
    {
        using var owner = await app.ClientForAsync("dept.420103.cgj");
        using var street = await app.ClientForAsync("street.420103001");
        var weekdays = new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday };
        var venue = await OfferAsync(owner, weekdays.Select(d => (object)new { day = d.ToString(), opens = "08:30", closes = "17:30" }).ToArray());
        var day = Enumerable.Range(2, 7).Select(d => Ahead(d, 0)).First(d => d.DayOfWeek == DayOfWeek.Wednesday);
        var saturday = Enumerable.Range(2, 7).Select(d => Ahead(d, 0)).First(d => d.DayOfWeek == DayOfWeek.Saturday);

        Assert.Equal(HttpStatusCode.Conflict, (await BookAsync(street, venue.Id, day.AddHours(8), 1)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await BookAsync(street, venue.Id, day.AddHours(17), 1)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await BookAsync(street, venue.Id, saturday.AddHours(10), 1)).StatusCode);
        await ReadAsync<BookingResponse>(await BookAsync(street, venue.Id, day.AddHours(8.5), 9), HttpStatusCode.Created);
    }

    [Fact]
    public async Task Venue_Input_IsValidated_AndOnlyMemberUnitsOfferVenues()
    {
        using var street = await app.ClientForAsync("street.420103001");
        var body = await BodyAsync("420103001");
        var bad = await street.PostAsJsonAsync($"{Api}/venues", new { bodyId = body.Id, name = "", kind = "room", capacity = 0, openingHours = Array.Empty<object>() },
            Json, Cancel);
        var problem = await ReadAsync<Microsoft.AspNetCore.Mvc.ValidationProblemDetails>(bad, HttpStatusCode.BadRequest);
        Assert.Contains("name", problem.Errors.Keys);
        Assert.Contains("capacity", problem.Errors.Keys);
        Assert.Contains("openingHours", problem.Errors.Keys);

        var badHours = await street.PostAsJsonAsync($"{Api}/venues", new { bodyId = body.Id, name = "x", kind = "room", capacity = 5,
            openingHours = new[] { new { day = "Monday", opens = "9 am", closes = "17:00" } } }, Json, Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, badHours.StatusCode);

        // 花楼街街道's office is no member of 民族街's body.
        var stranger = await app.WithDbAsync(db => db.FindByCodeAsync("420103002.office", Cancel));
        var notMember = await street.PostAsJsonAsync($"{Api}/venues", new { bodyId = body.Id, ownerOrganisationId = stranger!.Id, name = "x", kind = "room",
            capacity = 5, openingHours = AlwaysOpen }, Json, Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, notMember.StatusCode);
    }

    [Fact]
    public async Task AnotherStreet_CannotSeeOrBookTheVenue_NorDecideOnItsBookings()
    {
        using var owner = await app.ClientForAsync("dept.420103.cgj");
        using var street = await app.ClientForAsync("street.420103001");
        using var foreign = await app.ClientForAsync("street.420103002");
        using var resident = await app.ClientForAsync("resident1");
        var venue = await OfferAsync(owner);
        var booking = await ReadAsync<BookingResponse>(await BookAsync(street, venue.Id, Ahead(4, 10), 1), HttpStatusCode.Created);

        Assert.Equal(HttpStatusCode.NotFound, (await foreign.GetAsync($"{Api}/venues/{venue.Id}", Cancel)).StatusCode);
        Assert.DoesNotContain((await foreign.GetFromJsonAsync<List<VenueResponse>>($"{Api}/venues", Json, Cancel))!, v => v.Id == venue.Id);
        Assert.Equal(HttpStatusCode.NotFound, (await BookAsync(foreign, venue.Id, Ahead(4, 14), 1)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await foreign.GetAsync($"{Api}/bookings/{booking.Id}", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await foreign.PostAsJsonAsync($"{Api}/bookings/{booking.Id}/approve", new { }, Json, Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await foreign.PostAsJsonAsync($"{Api}/bookings/{booking.Id}/cancel", new { }, Json, Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await resident.GetAsync($"{Api}/venues", Cancel)).StatusCode);

        // The owner sees it among the bookings to decide; the street among its own.
        Assert.Contains((await owner.GetFromJsonAsync<List<BookingResponse>>($"{Api}/bookings?role=owner", Json, Cancel))!, b => b.Id == booking.Id && b.MayDecide);
        Assert.Contains((await street.GetFromJsonAsync<List<BookingResponse>>($"{Api}/bookings", Json, Cancel))!, b => b.Id == booking.Id && b.Mine);
    }

    /// <summary>
    /// Two members ask for the same time at the same moment, round after round: the check in code passes for both,
    /// and the slot key lets exactly one insert through.
    /// </summary>
    [Fact]
    public async Task TwoRacingRequestsForTheSameSlot_ExactlyOneWins()
    {
        using var owner = await app.ClientForAsync("dept.420103.cgj");
        using var street = await app.ClientForAsync("street.420103001");
        using var community = await app.ClientForAsync("community.420103001002");
        var venue = await OfferAsync(owner);
        for (var round = 0; round < 8; round++)
        {
            var start = Ahead(5, 8 + round);
            using var gate = new SemaphoreSlim(0);
            async Task<HttpResponseMessage> Racer(HttpClient client, double hours)
            {
                await gate.WaitAsync(Cancel);
                return await BookAsync(client, venue.Id, start, hours, "抢订");
            }
            // Different lengths, so the second is not mistaken for a retry of the first.
            var racers = new[] { Racer(street, 1), Racer(community, 0.5) };
            gate.Release(2);
            var results = await Task.WhenAll(racers);
            Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Conflict], results.Select(r => r.StatusCode).Order());
        }
        var held = await app.WithDbAsync(db => db.Set<VenueBooking>().CountAsync(b => b.VenueId == venue.Id, Cancel));
        Assert.Equal(8, held);
    }

    /// <summary>Below the API: two overlapping bookings written straight to the database, the code's check skipped; the key refuses the second.</summary>
    [Fact]
    public async Task Database_RefusesASecondBookingOfAHeldSlot_EvenWhenTheCodeDoesNotCheck()
    {
        using var owner = await app.ClientForAsync("dept.420103.cgj");
        var offered = await OfferAsync(owner);
        var venue = await app.WithDbAsync(db => db.Set<Venue>().AsNoTracking().FirstAsync(v => v.Id == offered.Id, Cancel));
        var start = Ahead(6, 10);
        var now = DateTimeOffset.UtcNow;
        var (first, firstSlots) = VenueBooking.Request(venue, null, "a", "a", "一", start, start.AddHours(1), now, Zones.Wuhan);
        var (second, secondSlots) = VenueBooking.Request(venue, null, "b", "b", "二", start.AddMinutes(30), start.AddHours(2), now, Zones.Wuhan);
        await app.WithDbAsync(async db =>
        {
            db.Add(first);
            db.AddRange(firstSlots);
            return await db.SaveChangesAsync(Cancel);
        });
        var refused = await Assert.ThrowsAsync<DbUpdateException>(() => app.WithDbAsync(async db =>
        {
            db.Add(second);
            db.AddRange(secondSlots);
            return await db.SaveChangesAsync(Cancel);
        }));
        Assert.True(refused.IsUniqueViolation(), refused.InnerException?.Message);
        Assert.False(await app.WithDbAsync(db => db.Set<VenueBooking>().AnyAsync(b => b.Id == second.Id, Cancel)));
    }
}
