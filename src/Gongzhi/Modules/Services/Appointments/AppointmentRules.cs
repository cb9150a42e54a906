using Gongzhi.Modules.Services.Queue;
using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Scoping;

namespace Gongzhi.Modules.Services.Appointments;

internal static class AppointmentActions
{
    public const string Book = "book";
    public const string Cancel = "cancel";
    public const string CheckIn = "check-in";
}

/// <summary>A resident books and cancels their own appointments at any centre; the centre's clerks see its bookings, check them in and may cancel.</summary>
internal sealed class AppointmentRules : IActionRules<Appointment>
{
    public static readonly AppointmentRules Instance = new();

    public static bool IsOwner(Caller caller, Appointment record) => caller.UserId is { } me && record.ResidentUserId == me;

    public bool CanSee(Caller caller, Appointment record) => IsOwner(caller, record) || QueueRules.MayWork(caller, record.JurisdictionCode);

    public bool Allows(Caller caller, string action, Appointment record) => action switch
    {
        AppointmentActions.Book => caller.IsInRole(Roles.Resident) && IsOwner(caller, record),
        AppointmentActions.Cancel => IsOwner(caller, record) || QueueRules.MayWork(caller, record.JurisdictionCode),
        AppointmentActions.CheckIn => QueueRules.MayWork(caller, record.JurisdictionCode),
        _ => false,
    };
}
