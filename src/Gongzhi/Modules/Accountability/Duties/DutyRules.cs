using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Scoping;

namespace Gongzhi.Modules.Accountability.Duties;

/// <summary>
/// Who changes duty lists: an administrator whose scope covers the duty's area (a street's administrator its street office's and
/// its own area's lines, the district's administrator every line of the district). Staff read the lists of their area and the
/// lines above it that bind them; the scope filter hides the rest.
/// </summary>
internal sealed class DutyRules : IActionRules<Duty>, IActionRules<DutyDecision>
{
    public const string Edit = "edit";
    public const string Decide = "decide";

    public static readonly DutyRules Instance = new();

    public static bool MayEdit(Caller caller, string area) => caller.Administers(area);

    public bool CanSee(Caller caller, Duty record) => true;

    public bool Allows(Caller caller, string action, Duty record) => action == Edit && MayEdit(caller, record.JurisdictionCode);

    public bool CanSee(Caller caller, DutyDecision record) => true;

    public bool Allows(Caller caller, string action, DutyDecision record) => action == Decide && MayEdit(caller, record.JurisdictionCode);
}
