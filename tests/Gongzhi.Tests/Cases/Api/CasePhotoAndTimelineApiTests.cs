using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Gongzhi.Modules.Access;
using Gongzhi.Modules.Cases.Queries;
using Gongzhi.Modules.Organisations;
using Gongzhi.Platform.Files;
using Gongzhi.Platform.Identity;
using Gongzhi.Platform.Scoping;
using Gongzhi.Tests.Files;
using Gongzhi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using static Gongzhi.Tests.Cases.Api.CaseApiKit;

namespace Gongzhi.Tests.Cases.Api;

/// <summary>
/// A case's photos are seen by whoever may see the case (its reporter and followers included), and its timeline names
/// people by their display names, never by their logins.
/// </summary>
public sealed class CasePhotoAndTimelineApiTests(GongzhiApp app)
{
    [Fact]
    public async Task ResolutionPhoto_IsSeenByTheReporterOnTheApiAndThePage_ButNotByAnUnrelatedResident()
    {
        using var a = await ActorsAsync(app);
        using var neighbour = await app.ClientForAsync("resident2");
        var (id, photo) = await ResolvedWithAPhotoAsync(a);

        var seen = await a.Resident.GetAsync($"/api/v1/files/{photo}", Cancel);
        Assert.Equal(HttpStatusCode.OK, seen.StatusCode);
        Assert.Equal(PhotoProcessor.Jpeg, seen.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await neighbour.GetAsync($"/api/v1/files/{photo}", Cancel)).StatusCode);
        // The reporter sees what the public variant shows, never the original with its metadata.
        Assert.Equal(HttpStatusCode.NotFound, (await a.Resident.GetAsync($"/api/v1/files/{photo}/original", Cancel)).StatusCode);
        var page = await a.Resident.GetStringAsync($"/cases/{id}", Cancel);
        Assert.Contains($"src=\"api/v1/files/{photo}\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain($"api/v1/files/{photo}/original", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResolutionPhoto_IsSeenByTheReporterOfAMergedDuplicate()
    {
        using var a = await ActorsAsync(app);
        using var neighbour = await app.ClientForAsync("resident2");
        var (master, photo) = await ResolvedWithAPhotoAsync(a);
        var duplicate = (await SubmitAsync(app, neighbour)).Id;
        Assert.Equal(HttpStatusCode.NotFound, (await neighbour.GetAsync($"/api/v1/files/{photo}", Cancel)).StatusCode);

        await DoAsync(a.Street, duplicate, "merge", new() { ["masterCaseId"] = master });

        Assert.Equal(HttpStatusCode.OK, (await neighbour.GetAsync($"/api/v1/files/{photo}", Cancel)).StatusCode);
    }

    [Fact]
    public async Task CasePhoto_FollowsTheCasesRule_NotJustTheJurisdiction()
    {
        using var a = await ActorsAsync(app);
        // 住建局 covers the district like 城管局 but the case is not dispatched to it.
        using var otherDepartment = await app.ClientForAsync("dept.420103.zjj");
        var (_, photo) = await ResolvedWithAPhotoAsync(a);

        Assert.Equal(HttpStatusCode.OK, (await a.Street.GetAsync($"/api/v1/files/{photo}", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await a.Street.GetAsync($"/api/v1/files/{photo}/original", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherDepartment.GetAsync($"/api/v1/files/{photo}", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherDepartment.GetAsync($"/api/v1/files/{photo}/original", Cancel)).StatusCode);
    }

    [Fact]
    public async Task Timeline_NamesStaffByDisplayNameAndOrganisation_AndMasksTheResident_NeverShowingALogin()
    {
        using var a = await ActorsAsync(app);
        var id = await CaseInStateAsync(app, a, "resolved");
        var names = await app.WithDbAsync(db => db.Set<GongzhiUser>()
            .Where(u => u.UserName == "dept.420103.cgj" || u.UserName == "street.420103001" || u.UserName == "resident1")
            .ToDictionaryAsync(u => u.UserName!, u => u.DisplayName, Cancel));
        var cgj = await app.WithDbAsync(db => db.FindByCodeAsync("420103.cgj", Cancel));

        var response = await a.Street.GetAsync($"/api/v1/cases/{id}/timeline", Cancel);
        var raw = await response.Content.ReadAsStringAsync(Cancel);
        var timeline = (await response.Content.ReadFromJsonAsync<List<CaseTimelineEntry>>(Json, Cancel))!;
        var own = (await a.Resident.GetFromJsonAsync<List<CaseTimelineEntry>>($"/api/v1/cases/{id}/timeline", Json, Cancel))!;

        var accept = timeline.Single(t => t.Action == "accept");
        Assert.Equal((names["dept.420103.cgj"], cgj!.Id, cgj.Name), (accept.Actor, accept.ActorOrganisationId, accept.ActorOrganisationName));
        Assert.Equal(names["street.420103001"], timeline.Single(t => t.Action == "register").Actor);
        foreach (var login in names.Keys)
        {
            Assert.DoesNotContain($"\"{login}\"", raw, StringComparison.Ordinal);
        }
        // The reporter is personal information: masked for staff, as the reporter's name is on the case, but themselves to themselves.
        var submitSeenByStaff = timeline.Single(t => t.Action == "submit").Actor;
        Assert.NotEqual(names["resident1"], submitSeenByStaff);
        Assert.Contains("*", submitSeenByStaff, StringComparison.Ordinal);
        Assert.Equal(names["resident1"], own.Single(t => t.Action == "submit").Actor);
        Assert.Equal(names["dept.420103.cgj"], own.Single(t => t.Action == "accept").Actor);
    }

    [Fact]
    public async Task CasePage_TimelineShowsDisplayNames_NotLogins()
    {
        using var a = await ActorsAsync(app);
        var id = await CaseInStateAsync(app, a, "dispatched");
        var street = await app.WithDbAsync(db => db.Set<GongzhiUser>().Where(u => u.UserName == "street.420103001")
            .Select(u => u.DisplayName).SingleAsync(Cancel));

        var page = await a.Resident.GetStringAsync($"/cases/{id}", Cancel);

        var timeline = page[page.IndexOf("id=\"case-timeline\"", StringComparison.Ordinal)..];
        Assert.Contains(street, timeline, StringComparison.Ordinal);
        Assert.DoesNotContain("street.420103001", timeline, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Timeline_AsksTheDatabaseAsOftenForALongHistoryAsForAShortOne()
    {
        using var a = await ActorsAsync(app);
        var fresh = (await SubmitAsync(app, a.Resident)).Id;
        var closed = await CaseInStateAsync(app, a, "closed");

        var few = await CountQueriesAsync(fresh);
        var many = await CountQueriesAsync(closed);

        Assert.True(few > 0, "no command was counted");
        Assert.Equal(few, many);
    }

    private async Task<int> CountQueriesAsync(Guid caseId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var queries = scope.ServiceProvider.GetRequiredService<CaseQueries>();
        using var counter = new CommandCounter();
        var lines = await queries.TimelineAsync(Caller.System, caseId, Cancel);
        Assert.NotEmpty(lines);
        return counter.Count;
    }

    /// <summary>Counts the SQL commands EF Core runs in the calling flow only, so tests running alongside do not add to it.</summary>
    private sealed class CommandCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private static readonly AsyncLocal<CommandCounter?> Current = new();
        private readonly List<IDisposable> subscriptions = [];
        private readonly IDisposable listeners;
        private int count;

        public CommandCounter()
        {
            Current.Value = this;
            listeners = DiagnosticListener.AllListeners.Subscribe(this);
        }

        public int Count => Volatile.Read(ref count);

        public void OnNext(DiagnosticListener value)
        {
            if (value.Name == DbLoggerCategory.Name)
            {
                lock (subscriptions)
                {
                    subscriptions.Add(value.Subscribe(this));
                }
            }
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Key == RelationalEventId.CommandExecuted.Name && Current.Value == this)
            {
                Interlocked.Increment(ref count);
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void Dispose()
        {
            listeners.Dispose();
            lock (subscriptions)
            {
                subscriptions.ForEach(s => s.Dispose());
            }
        }
    }

    /// <summary>A case of resident1 resolved (处置反馈) by 城管局 with a photo that still carries its GPS position.</summary>
    private async Task<(Guid Id, Guid Photo)> ResolvedWithAPhotoAsync(Actors a)
    {
        var id = await CaseInStateAsync(app, a, "accepted");
        var photo = await UploadPhotoAsync(a.Department, TestImages.JpegWithGps());
        await DoAsync(a.Department, id, "resolve", new() { ["note"] = "已清理完毕", ["photoIds"] = new[] { photo } });
        return (id, photo);
    }
}
