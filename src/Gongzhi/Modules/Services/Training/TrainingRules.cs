using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Scoping;

namespace Gongzhi.Modules.Services.Training;

internal static class TrainingActions
{
    public const string Define = "define";
    public const string Schedule = "schedule";
    public const string Enrol = "enrol";
    public const string Attendance = "attendance";
    public const string Assess = "assess";
    public const string Record = "record";
    public const string Change = "change";
    public const string Cancel = "cancel";
    public const string Withdraw = "withdraw";
    public const string Correct = "correct";
    public const string Revoke = "revoke";
}

/// <summary>
/// Who does what in training: an administrator over a jurisdiction, or its street office's staff, sets courses and organises
/// sessions there and keeps their registers; staff enrol themselves in sessions organised above them, or are enrolled by their
/// organiser; supervisors read the area's compliance. The scope filter keeps everything else out of sight.
/// </summary>
internal sealed class TrainingRules : IActionRules<TrainingCourse>, IActionRules<CourseSession>, IActionRules<Enrolment>, IActionRules<TrainingCertificate>
{
    public static readonly TrainingRules Instance = new();

    private static readonly string[] Supervisors = [Roles.Admin, Roles.CommandCenter, Roles.Leader, Roles.StreetStaff, Roles.StreetDispatcher, Roles.CommunityStaff];

    public static bool MayOrganise(Caller caller, string code) =>
        caller.Administers(code) || (caller.IsInRole(Roles.StreetStaff) && caller.Covers(code));

    /// <summary>Training is for staff: anyone signed in but a resident reads courses, sessions and certificates.</summary>
    public static bool MayRead(Caller caller) => caller.IsSystem || caller.Roles.Any(r => r != Roles.Resident);

    /// <summary>Refuses (403) a caller who may not read training at all.</summary>
    public static void EnsureMayRead(Caller caller)
    {
        if (!MayRead(caller))
        {
            throw new ActionForbiddenException();
        }
    }

    public static bool IsStaff(Caller caller) => TrainingCourse.StaffRoles.Any(caller.IsInRole);

    public static bool MaySupervise(Caller caller, string code) => (caller.IsSystem || Supervisors.Any(caller.IsInRole)) && caller.Covers(code);

    private static bool Own(Caller caller, string userId) => caller.UserId is { } me && me == userId;

    public bool CanSee(Caller caller, TrainingCourse record) => true;

    public bool Allows(Caller caller, string action, TrainingCourse record) =>
        action == TrainingActions.Define && MayOrganise(caller, record.JurisdictionCode);

    public bool CanSee(Caller caller, CourseSession record) => true;

    public bool Allows(Caller caller, string action, CourseSession record) =>
        action is TrainingActions.Schedule or TrainingActions.Change or TrainingActions.Cancel && MayOrganise(caller, record.JurisdictionCode);

    public bool CanSee(Caller caller, Enrolment record) =>
        Own(caller, record.StaffUserId) || MayOrganise(caller, record.SessionCode) || MaySupervise(caller, record.JurisdictionCode);

    public bool Allows(Caller caller, string action, Enrolment record) => action switch
    {
        TrainingActions.Enrol => (Own(caller, record.StaffUserId) && IsStaff(caller)) || MayOrganise(caller, record.SessionCode),
        TrainingActions.Attendance or TrainingActions.Assess => MayOrganise(caller, record.SessionCode),
        // The person gives up their own place; the organiser may free it for them.
        TrainingActions.Withdraw => Own(caller, record.StaffUserId) || MayOrganise(caller, record.SessionCode),
        _ => false,
    };

    public bool CanSee(Caller caller, TrainingCertificate record) => Own(caller, record.HolderUserId) || MaySupervise(caller, record.JurisdictionCode);

    public bool Allows(Caller caller, string action, TrainingCertificate record) =>
        action is TrainingActions.Record or TrainingActions.Correct or TrainingActions.Revoke && MayOrganise(caller, record.JurisdictionCode);
}
