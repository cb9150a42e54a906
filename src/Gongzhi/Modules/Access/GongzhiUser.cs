using Microsoft.AspNetCore.Identity;

namespace Gongzhi.Modules.Access;

/// <summary>An account: an Identity user with the jurisdiction it acts in and, for staff, its organisation.</summary>
public sealed class GongzhiUser : IdentityUser
{
    public required string ScopeCode { get; set; }

    public Guid? OrganisationId { get; set; }

    public required string DisplayName { get; set; }
}
