using System.Collections.Concurrent;
using Gongzhi.Modules.Cases;
using Gongzhi.Modules.Notifications;
using Gongzhi.Modules.Organisations;
using Gongzhi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Tests.Cases.Deadlines;

/// <summary>Cases with deadlines, made through the domain as the system, for the deadline and whistle tests.</summary>
internal static class DueCases
{
    public const string Grid = "420103001002001";

    public const string LeadCode = "420103.cgj";

    private static int sequence;

    /// <summary>Monday 23 November 2026, 09:00 in Wuhan: a working morning.</summary>
    public static readonly DateTimeOffset Monday = new(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(8));

    /// <summary>Accepted by 江汉区城管局 at <paramref name="now"/>, to be resolved by <paramref name="resolveDeadline"/>.</summary>
    public static async Task<Case> AcceptedAsync(GongzhiApp app, DateTimeOffset now, DateTimeOffset resolveDeadline,
        CancellationToken cancellationToken) => (await AcceptedManyAsync(app, 1, now, resolveDeadline, cancellationToken))[0];

    public static async Task<IReadOnlyList<Case>> AcceptedManyAsync(GongzhiApp app, int count, DateTimeOffset now, DateTimeOffset resolveDeadline,
        CancellationToken cancellationToken, CaseUrgency urgency = CaseUrgency.Normal) => await app.WithDbAsync<IReadOnlyList<Case>>(async db =>
    {
        var category = await db.Set<CaseCategory>().SingleAsync(c => c.Code == "0101", cancellationToken);
        var lead = await db.FindByCodeAsync(LeadCode, cancellationToken) ?? throw new InvalidOperationException("No demo department.");
        var made = new List<Case>();
        for (var i = 0; i < count; i++)
        {
            var c = Case.Submit(new CaseIntake(urgency, "垃圾堆积", "万年社区南门外垃圾三天没人清运。", 30.58, 114.27, "万年社区南门", Grid,
                    CaseChannel.Web, Attributes: new Dictionary<string, string> { ["volume"] = "少量" }), category, CaseReference.Format(Grid, now, Interlocked.Increment(ref sequence)), CaseActor.System, now,
                now.AddHours(1));
            c.Register(CaseActor.System, now, now.AddHours(1));
            c.Dispatch(CaseActor.System, now, lead.Id, null, now.AddMinutes(30), resolveDeadline);
            c.Accept(CaseActor.System, now);
            db.Add(c);
            made.Add(c);
        }
        await db.SaveChangesAsync(cancellationToken);
        return made;
    });

    public static Task<List<CaseEvent>> TimelineAsync(GongzhiApp app, Guid caseId, string action) => app.WithDbAsync(db =>
        db.Set<CaseEvent>().Where(e => e.CaseId == caseId && e.Action == action).ToListAsync());

    /// <summary>Notifications of <paramref name="kind"/> about the case, with their recipients.</summary>
    public static Task<List<Notification>> NotificationsAsync(GongzhiApp app, Guid caseId, string kind) => app.WithDbAsync(db =>
        db.Set<Notification>().Where(n => n.Kind == kind && n.Link == $"/cases/{caseId}").ToListAsync());

    public static Task<string> UserIdAsync(GongzhiApp app, string userName) => app.WithDbAsync(db =>
        db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());
}

/// <summary>Counts what would leave the platform by SMS or e-mail.</summary>
internal sealed class RecordingOutbound : IOutboundChannel
{
    public ConcurrentQueue<(string Recipient, string Title)> Sent { get; } = new();

    public Task SendAsync(string recipientUserId, string title, string? body, CancellationToken cancellationToken)
    {
        Sent.Enqueue((recipientUserId, title));
        return Task.CompletedTask;
    }

    public Task SendToNumberAsync(string phoneNumber, string text, CancellationToken cancellationToken) => Task.CompletedTask;
}
