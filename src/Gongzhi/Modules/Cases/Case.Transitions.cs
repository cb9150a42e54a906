using Gongzhi.Platform.Scoping;

namespace Gongzhi.Modules.Cases;

/// <summary>The case's lifecycle after submission: one method per action, each checking its state and invariants (see <see cref="Case"/>).</summary>
public sealed partial class Case
{
    /// <summary>Corrects the category or urgency before dispatch; the caller recomputes the deadline.</summary>
    public void Reclassify(CaseActor actor, DateTimeOffset now, CaseCategory category, CaseUrgency urgency, DateTimeOffset deadline)
    {
        RequireState(CaseActions.Reclassify, CaseState.Submitted, CaseState.Registered);
        if (category.IsMajor || !category.Active)
        {
            throw Rule($"请选择一个启用的小类，而不是“{category.NameZh}”。", $"Choose an active minor category, not '{category.NameEn}'.");
        }
        var from = (CategoryCode, Urgency);
        CategoryCode = category.Code;
        Urgency = urgency;
        SetDeadline(DeadlineStep ?? CaseStep.Register, deadline);
        Record(actor, now, CaseActions.Reclassify, State, null,
            new { fromCategory = from.CategoryCode, fromUrgency = from.Urgency, category = category.Code, urgency, deadline });
    }

    /// <summary>立案: the report is accepted as a case and waits for dispatch.</summary>
    public void Register(CaseActor actor, DateTimeOffset now, DateTimeOffset dispatchDeadline, string? note = null)
    {
        RequireState(CaseActions.Register, CaseState.Submitted);
        var from = State;
        State = CaseState.Registered;
        RegisteredAt = now;
        SetDeadline(CaseStep.Dispatch, dispatchDeadline);
        Record(actor, now, CaseActions.Register, from, note, new { deadline = dispatchDeadline });
    }

    /// <summary>不予立案: invalid, a duplicate, or not the government's business; the reason is shown to the reporter.</summary>
    public void Reject(CaseActor actor, DateTimeOffset now, RejectionKind kind, string reason)
    {
        RequireState(CaseActions.Reject, CaseState.Submitted);
        var text = RequireText(reason, "不予立案需要说明理由。", "A rejection needs a reason.");
        var from = State;
        State = CaseState.Rejected;
        RejectionKind = kind;
        RejectionReason = text;
        ClearDeadline();
        Record(actor, now, CaseActions.Reject, from, text, new { kind });
    }

    /// <summary>派遣 to one lead organisation and optional assisting ones.</summary>
    public void Dispatch(CaseActor actor, DateTimeOffset now, Guid leadOrganisationId, IReadOnlyCollection<Guid>? assistingOrganisationIds,
        DateTimeOffset acceptDeadline, DateTimeOffset resolveDeadline, string? note = null)
    {
        RequireState(CaseActions.Dispatch, CaseState.Registered);
        if (leadOrganisationId == Guid.Empty)
        {
            throw Rule("派遣需要指定主办单位。", "A dispatch needs a lead organisation.");
        }
        var assisting = (assistingOrganisationIds ?? []).Where(id => id != Guid.Empty && id != leadOrganisationId).Distinct().ToList();
        if (acceptDeadline <= now || resolveDeadline < acceptDeadline)
        {
            throw Rule("签收时限须晚于现在，处置时限不得早于签收时限。",
                "The accept deadline must lie ahead and the resolve deadline must not precede it.");
        }
        var from = State;
        State = CaseState.Dispatched;
        LeadOrganisationId = leadOrganisationId;
        AssistingOrganisationIds = assisting;
        DispatchedAt = now;
        ResolveDeadline = resolveDeadline;
        SetDeadline(CaseStep.Accept, acceptDeadline);
        HandOffCount++;
        DispatchCount++;
        var involved = InvolvedOrganisationIds.Append(leadOrganisationId).Concat(assisting).Distinct().ToList();
        InvolvedOrganisationIds = involved;
        InvolvedOrganisationCount = involved.Count;
        Record(actor, now, CaseActions.Dispatch, from, note,
            new { lead = leadOrganisationId, assisting, acceptDeadline, resolveDeadline });
    }

    /// <summary>签收: the lead organisation takes the case on; the handling deadline now runs.</summary>
    public void Accept(CaseActor actor, DateTimeOffset now, string? note = null)
    {
        RequireState(CaseActions.Accept, CaseState.Dispatched);
        var from = State;
        // The deadline of the Dispatched step is the accept deadline that the dispatch set.
        AcceptedOnTime = Deadline is { } acceptDeadline && now <= acceptDeadline;
        if (LetGoAt is { } since)
        {
            HandOverWaitHours = [.. HandOverWaitHours, (now - since).TotalHours];
            LetGoAt = null;
        }
        State = CaseState.Accepted;
        AcceptedAt = now;
        SetDeadline(CaseStep.Resolve, ResolveDeadline!.Value);
        Record(actor, now, CaseActions.Accept, from, note, null);
    }

    /// <summary>退单: the organisation says it is not theirs; the case goes back to the dispatcher, counted as a bounce.</summary>
    public void Return(CaseActor actor, DateTimeOffset now, string reason, DateTimeOffset redispatchDeadline)
    {
        RequireState(CaseActions.Return, CaseState.Dispatched);
        var text = RequireText(reason, "退单需要说明理由。", "A return needs a reason.");
        var from = State;
        var returnedBy = LeadOrganisationId;
        State = CaseState.Registered;
        LeadOrganisationId = null;
        AssistingOrganisationIds = [];
        ResolveDeadline = null;
        ReturnCount++;
        LetGoAt ??= now;
        SetDeadline(CaseStep.Dispatch, redispatchDeadline);
        Record(actor, now, CaseActions.Return, from, text, new { returnedBy, deadline = redispatchDeadline });
    }

    /// <summary>处置反馈: the organisation reports what it did, with photos; the case waits for verification.</summary>
    public void Resolve(CaseActor actor, DateTimeOffset now, string note, IReadOnlyCollection<Guid>? photoIds, DateTimeOffset verifyDeadline)
    {
        RequireState(CaseActions.Resolve, CaseState.Accepted);
        var text = RequireText(note, "处置反馈需要填写处置情况。", "A resolution needs a note of what was done.");
        var from = State;
        var moot = PendingExtensionHours;
        State = CaseState.Resolved;
        ResolvedAt = now;
        ResolutionNote = text;
        ResolutionPhotoIds = photoIds?.Distinct().ToList() ?? [];
        ClearPendingExtension();
        SetDeadline(CaseStep.Verify, verifyDeadline);
        Record(actor, now, CaseActions.Resolve, from, text,
            new { photos = ResolutionPhotoIds, deadline = verifyDeadline, withdrawnExtensionHours = moot });
    }

    /// <summary>核查 passed: the grid worker or the reporter confirms the fix.</summary>
    public void Verify(CaseActor actor, DateTimeOffset now, string? note = null)
    {
        RequireState(CaseActions.Verify, CaseState.Resolved);
        var from = State;
        State = CaseState.Verified;
        VerifiedAt = now;
        ClearDeadline();
        Record(actor, now, CaseActions.Verify, from, note, null);
    }

    /// <summary>返工: verification failed; the lead organisation handles the case again, counted.</summary>
    public void Rework(CaseActor actor, DateTimeOffset now, string reason, DateTimeOffset resolveDeadline)
    {
        RequireState(CaseActions.Rework, CaseState.Resolved);
        var text = RequireText(reason, "返工需要说明理由。", "A rework needs a reason.");
        RequireFuture(resolveDeadline, now);
        var from = State;
        State = CaseState.Accepted;
        ResolvedAt = null;
        ReworkCount++;
        SetDeadline(CaseStep.Resolve, resolveDeadline);
        Record(actor, now, CaseActions.Rework, from, text, new { deadline = resolveDeadline });
    }

    /// <summary>结案.</summary>
    public void Close(CaseActor actor, DateTimeOffset now, string? note = null)
    {
        RequireState(CaseActions.Close, CaseState.Verified);
        var from = State;
        State = CaseState.Closed;
        ClosedAt = now;
        Record(actor, now, CaseActions.Close, from, note, null);
    }

    /// <summary>The reporter's verdict on a closed case.</summary>
    public void Evaluate(CaseActor actor, DateTimeOffset now, Satisfaction satisfaction, string? comment = null)
    {
        RequireState(CaseActions.Evaluate, CaseState.Closed);
        var from = State;
        State = CaseState.Evaluated;
        Satisfaction = satisfaction;
        EvaluationComment = string.IsNullOrWhiteSpace(comment) ? null : Clip(comment.Trim());
        EvaluatedAt = now;
        Record(actor, now, CaseActions.Evaluate, from, EvaluationComment, new { satisfaction });
    }

    /// <summary>A dissatisfied reporter may send the case back once; it returns to the dispatcher.</summary>
    public void Reopen(CaseActor actor, DateTimeOffset now, string reason, DateTimeOffset dispatchDeadline)
    {
        RequireState(CaseActions.Reopen, CaseState.Evaluated);
        if (Satisfaction != Cases.Satisfaction.Dissatisfied)
        {
            throw Rule("只有评价为不满意的案件可以重新办理。", "Only a case rated dissatisfied can be reopened.");
        }
        if (ReopenCount > 0)
        {
            throw Rule("每个案件只能重新办理一次。", "A case can be reopened only once.");
        }
        var text = RequireText(reason, "重新办理需要说明理由。", "A reopening needs a reason.");
        var from = State;
        var verdict = Satisfaction;
        State = CaseState.Registered;
        ReopenCount++;
        LeadOrganisationId = null;
        AssistingOrganisationIds = [];
        ResolveDeadline = null;
        ResolvedAt = null;
        VerifiedAt = null;
        ClosedAt = null;
        EvaluatedAt = null;
        Satisfaction = null;
        EvaluationComment = null;
        SetDeadline(CaseStep.Dispatch, dispatchDeadline);
        Record(actor, now, CaseActions.Reopen, from, text, new { previousSatisfaction = verdict, deadline = dispatchDeadline });
    }

    /// <summary>延期: the lead organisation asks for more working hours; one request may be pending at a time.</summary>
    public void RequestExtension(CaseActor actor, DateTimeOffset now, double workingHours, string reason)
    {
        RequireState(CaseActions.RequestExtension, CaseState.Accepted);
        if (PendingExtensionHours is not null)
        {
            throw Rule("已有一个延期申请待审批。", "An extension request is already pending.");
        }
        if (workingHours is <= 0 or > MaxExtensionHours || double.IsNaN(workingHours))
        {
            throw Rule($"延期时长须在 0 到 {MaxExtensionHours} 个工作小时之间。", $"An extension must be more than 0 and at most {MaxExtensionHours} working hours.");
        }
        var text = RequireText(reason, "延期申请需要说明理由。", "An extension request needs a reason.");
        PendingExtensionHours = workingHours;
        PendingExtensionReason = text;
        PendingExtensionRequestedAt = now;
        Record(actor, now, CaseActions.RequestExtension, State, text, new { hours = workingHours });
    }

    /// <summary>The dispatcher approves the pending request; the caller computes the new deadline with the calendar.</summary>
    public void ApproveExtension(CaseActor actor, DateTimeOffset now, DateTimeOffset newDeadline, string? note = null)
    {
        RequireState(CaseActions.ApproveExtension, CaseState.Accepted);
        RequirePendingExtension(CaseActions.ApproveExtension);
        if (newDeadline <= Deadline)
        {
            throw Rule("延期后的时限必须晚于原时限。", "The extended deadline must be later than the current one.");
        }
        var hours = PendingExtensionHours;
        var previous = Deadline;
        ClearPendingExtension();
        ExtensionCount++;
        ResolveDeadline = newDeadline;
        SetDeadline(CaseStep.Resolve, newDeadline);
        Record(actor, now, CaseActions.ApproveExtension, State, note, new { hours, previousDeadline = previous, deadline = newDeadline });
    }

    public void RefuseExtension(CaseActor actor, DateTimeOffset now, string reason)
    {
        RequireState(CaseActions.RefuseExtension, CaseState.Accepted);
        RequirePendingExtension(CaseActions.RefuseExtension);
        var text = RequireText(reason, "驳回延期需要说明理由。", "Refusing an extension needs a reason.");
        var hours = PendingExtensionHours;
        ClearPendingExtension();
        Record(actor, now, CaseActions.RefuseExtension, State, text, new { hours });
    }

    /// <summary>
    /// 转办 to another jurisdiction before any organisation has accepted it: the case starts again there
    /// as a report waiting for registration.
    /// </summary>
    public void Transfer(CaseActor actor, DateTimeOffset now, string toJurisdictionCode, string reason, DateTimeOffset registerDeadline)
    {
        RequireState(CaseActions.Transfer, CaseState.Submitted, CaseState.Registered, CaseState.Dispatched);
        if (!Platform.Scoping.JurisdictionCode.IsWellFormed(toJurisdictionCode))
        {
            throw Rule($"“{toJurisdictionCode}”不是辖区编码。", $"'{toJurisdictionCode}' is not a jurisdiction code.");
        }
        if (toJurisdictionCode == JurisdictionCode)
        {
            throw Rule("案件已在该辖区。", "The case already belongs to that jurisdiction.");
        }
        var text = RequireText(reason, "转办需要说明理由。", "A transfer needs a reason.");
        var from = State;
        var fromCode = JurisdictionCode;
        State = CaseState.Submitted;
        JurisdictionCode = toJurisdictionCode;
        LeadOrganisationId = null;
        AssistingOrganisationIds = [];
        ResolveDeadline = null;
        HandOffCount++;
        LetGoAt ??= now;
        SetDeadline(CaseStep.Register, registerDeadline);
        // The line belongs to the jurisdiction that let the case go, so the sender's own timeline and indicators keep it.
        Record(actor, now, CaseActions.Transfer, from, text, new { from = fromCode, to = toJurisdictionCode, deadline = registerDeadline }, fromCode);
    }

    /// <summary>
    /// Folds this duplicate into <paramref name="master"/>: this case ends as Merged and its reporter and
    /// followers follow the master from now on.
    /// </summary>
    public void MergeInto(Case master, CaseActor actor, DateTimeOffset now, string? note = null)
    {
        RequireState(CaseActions.Merge, CaseState.Submitted, CaseState.Registered, CaseState.Dispatched);
        if (master.Id == Id)
        {
            throw Rule("案件不能合并到自身。", "A case cannot be merged into itself.");
        }
        if (!master.IsOpen)
        {
            throw Rule($"主案件 {master.Reference} 已{CaseStates.Zh(master.State)}，不能再合并。",
                $"The master case {master.Reference} is {master.State} and cannot take duplicates.");
        }
        var from = State;
        State = CaseState.Merged;
        MasterCaseId = master.Id;
        ClearDeadline();
        var joining = FollowerUserIds.Append(ReporterUserId).OfType<string>();
        var added = master.AddFollowers(joining);
        Record(actor, now, CaseActions.Merge, from, note, new { master = master.Id, masterReference = master.Reference });
        master.Record(actor, now, CaseActions.MergedIn, master.State, note, new { duplicate = Id, duplicateReference = Reference, followers = added });
    }

    /// <summary>上报 to the level above (street → district → city).</summary>
    public void Escalate(CaseActor actor, DateTimeOffset now, string reason)
    {
        RequireState(CaseActions.Escalate, CaseState.Registered, CaseState.Dispatched, CaseState.Accepted);
        if (HandlingLevel <= JurisdictionLevel.City)
        {
            throw Rule("案件已由市级办理，无法再上报。", "The case is already handled at city level.");
        }
        var text = RequireText(reason, "上报需要说明理由。", "An escalation needs a reason.");
        var fromLevel = HandlingLevel;
        HandlingLevel = fromLevel - 1;
        Record(actor, now, CaseActions.Escalate, State, text, new { fromLevel, toLevel = HandlingLevel });
    }

    /// <summary>督办 / 催办: a notice from above that is counted against the case.</summary>
    public void Supervise(CaseActor actor, DateTimeOffset now, SupervisionKind kind, string note)
    {
        if (!IsOpen)
        {
            throw StateRule(CaseActions.Supervise);
        }
        var text = RequireText(note, "督办需要填写督办意见。", "A supervision notice needs a note.");
        SupervisionCount++;
        Record(actor, now, CaseActions.Supervise, State, text, new { kind });
    }

    /// <summary>
    /// 办理备注: someone working on an open case (the lead, an assisting organisation, a dispatcher) writes
    /// down what they did or found, with photos. The state stays; like a report-in the line does not touch
    /// the case's version, so notes from several organisations never refuse one another.
    /// </summary>
    public void AddNote(CaseActor actor, DateTimeOffset now, string note, IReadOnlyCollection<Guid>? photoIds)
    {
        if (!IsOpen)
        {
            throw StateRule(CaseActions.Note);
        }
        var text = RequireText(note, "备注需要填写内容。", "A note needs some text.");
        Annotate(actor, now, CaseActions.Note, text, new { photos = photoIds?.Distinct().ToList() ?? [] });
    }

    /// <summary>
    /// Flags the current step as overdue once its deadline has passed. Returns false when there is
    /// nothing to mark (no deadline, not yet due, already marked, case finished), so a timer may call
    /// it repeatedly and the timeline gets one line per missed deadline.
    /// </summary>
    public bool MarkOverdue(DateTimeOffset now)
    {
        if (!IsOpen || Deadline is null || now < Deadline || Overdue)
        {
            return false;
        }
        Overdue = true;
        EverOverdue = true;
        OverdueMarkedAt = now;
        Record(CaseActor.System, now, CaseActions.Overdue, State, null, new { step = DeadlineStep, deadline = Deadline });
        return true;
    }
}
