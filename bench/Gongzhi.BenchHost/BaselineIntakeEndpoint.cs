using System.Collections.Concurrent;
using Gongzhi.Modules.Cases;
using Gongzhi.Modules.Cases.Intake;
using Gongzhi.Modules.Cases.Workflow;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.PersonalData;
using Gongzhi.Platform.Scoping;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Gongzhi.BenchHost;

/// <summary>
/// Benchmark only: stores the row intake stores for the same report and nothing else, so that the
/// throughput of the full intake path (sign-in, validation, locating the grid, finding the street's
/// dispatchers, drawing the reference, audit, notifications, live push) can be set against what the
/// database alone allows (docs/benchmarks.md, "Case intake over HTTP"). The client gives the grid
/// instead of a position to locate; the category is read once and kept; the reference is numbered in
/// memory; no audit entry, notification or live event is written.
/// <para>
/// It is anonymous and skips every rule, so it is not part of the product: only this host, which is
/// never deployed, has it, and maps it only when <c>Benchmarks:BaselineEndpoints</c> is true, which the
/// load tool (bench/Gongzhi.LoadTest) sets for the server it starts.
/// </para>
/// </summary>
internal static class BaselineIntakeEndpoint
{
    public const string Setting = "Benchmarks:BaselineEndpoints";
    public const string Route = "/api/v1/benchmarks/baseline-cases";

    // Real intake numbers each district's day from 1; a benchmark run stays far below 500,000, so these never collide with it.
    private static int sequence = 500_000;

    private static readonly ConcurrentDictionary<string, CaseCategory> Categories = new(StringComparer.Ordinal);

    public static void MapBaselineIntake(this WebApplication app)
    {
        if (!app.Configuration.GetValue(Setting, false))
        {
            return;
        }
        app.Logger.LogWarning("{Setting} is on: {Route} stores cases without sign-in. Benchmarks only, never in production.", Setting, Route);
        app.MapPost(Route, InsertAsync).AllowAnonymous().ExcludeFromDescription();
    }

    internal static async Task<Results<Created<CaseSubmitted>, ValidationProblem>> InsertAsync(CaseSubmission body, [FromQuery] string? grid,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, GongzhiDbContext db, CaseDeadlines deadlines, PersonalDataProtector protector,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        if (grid is null || !JurisdictionCode.IsWellFormed(grid) || grid.Length < 6 || body.CategoryCode is not { } code)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["grid"] = ["grid and categoryCode are required."] });
        }
        if (!Categories.TryGetValue(code, out var category))
        {
            category = await db.Set<CaseCategory>().AsNoTracking().FirstAsync(c => c.Code == code, cancellationToken);
            Categories[code] = category;
        }
        var now = clock.GetUtcNow();
        var urgency = body.Urgency ?? CaseUrgency.Normal;
        var intake = new CaseIntake(urgency, body.Title ?? "", body.Description ?? "", body.Lat, body.Lon, body.Address, grid,
            body.Channel ?? CaseChannel.Web, null, protector.ProtectName(body.ReporterName),
            protector.ProtectPhone(body.ReporterPhone), body.Anonymous == true, idempotencyKey,
            CaseIntakeService.ToStrings(body.Attributes), body.PhotoIds, body.OccurredAt);
        var @case = Case.Submit(intake, category, CaseReference.Format(grid, now, Interlocked.Increment(ref sequence)), CaseActor.System, now,
            deadlines.For(category, CaseStep.Register, urgency, now));
        db.Caller = Caller.System;
        db.SuppressRecordAudit = true;
        db.Add(@case);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/cases/{@case.Id}", new CaseSubmitted(@case.Id, @case.Reference, @case.State, @case.JurisdictionCode, []));
    }
}
