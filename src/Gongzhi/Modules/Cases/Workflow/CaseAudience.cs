using Gongzhi.Modules.Access;
using Gongzhi.Modules.Notifications;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Scoping;

namespace Gongzhi.Modules.Cases.Workflow;

/// <summary>Who hears about a case: its reporter and followers, the staff of its lead organisation and the dispatchers of its street.</summary>
public sealed class CaseAudience(GongzhiDbContext db, AccountDirectory accounts, Notifier notifier, LivePublisher live)
{
    /// <summary>Accounts with the StreetDispatcher role whose jurisdiction covers <paramref name="jurisdictionCode"/>.</summary>
    public Task<IReadOnlyList<string>> DispatchersAsync(string jurisdictionCode, CancellationToken cancellationToken) =>
        accounts.HoldersAsync(db, Roles.StreetDispatcher, jurisdictionCode, cancellationToken);

    /// <summary>
    /// Queues an in-app notification of <paramref name="action"/> for everyone following the case except
    /// the actor; saved with the caller's next SaveChanges.
    /// </summary>
    public async Task NotifyAsync(Case @case, string action, Caller actor, CancellationToken cancellationToken, Guid? previousLead = null)
    {
        var recipients = new List<string>();
        if (@case.ReporterUserId is { } reporter)
        {
            recipients.Add(reporter);
        }
        recipients.AddRange(@case.FollowerUserIds);
        var organisations = new[] { @case.LeadOrganisationId, previousLead }.OfType<Guid>().Distinct().ToList();
        if (organisations.Count > 0)
        {
            recipients.AddRange(await CaseRecipients.StaffOfAsync(db, organisations, cancellationToken));
        }
        recipients.AddRange(await DispatchersAsync(@case.JurisdictionCode, cancellationToken));
        var title = $"案件 {@case.Reference}：{CaseActions.Zh(action)}（{CaseStates.Zh(@case.State)}）";
        var urgent = action is CaseActions.Dispatch or CaseActions.Supervise or CaseActions.Escalate;
        notifier.Notify(recipients.Where(r => r != actor.UserId), "case." + action, title, @case.Title, $"/cases/{@case.Id}", urgent);
    }

    /// <summary>Tells the street's dispatchers that a report waits for registration.</summary>
    public void NotifySubmitted(Case @case, CaseCategory category, IEnumerable<string> dispatchers) =>
        notifier.Notify(dispatchers, "case." + CaseActions.Submit, $"新案件 {@case.Reference}：{@case.Title}", category.NameZh, $"/cases/{@case.Id}");

    /// <summary>Tells open queues and case pages that the case changed; call after the save committed.</summary>
    public Task PublishAsync(Case @case, string action, DateTimeOffset at, CancellationToken cancellationToken) =>
        live.PublishAsync(new LiveEvent("case." + action, @case.Id.ToString(), @case.JurisdictionCode, at), cancellationToken);
}
