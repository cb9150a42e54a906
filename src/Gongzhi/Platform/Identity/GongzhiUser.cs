using Microsoft.AspNetCore.Identity;

namespace Gongzhi.Platform.Identity;

/// <summary>
/// An account: an Identity user with the jurisdiction it acts in and, for staff, its organisation. It sits in
/// Platform because the one context stores it; Access owns what is done with accounts.
/// </summary>
public sealed class GongzhiUser : IdentityUser
{
    public required string ScopeCode { get; set; }

    public Guid? OrganisationId { get; set; }

    public required string DisplayName { get; set; }

    /// <summary>
    /// Set when an administrator gave the account a new password: the administrator knows it, so the person must choose
    /// their own before doing anything else.
    /// </summary>
    public bool MustChangePassword { get; set; }
}
