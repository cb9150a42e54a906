using Gongzhi.Platform.Identity;
using Gongzhi.Platform.Problems;
using Microsoft.AspNetCore.Identity;

namespace Gongzhi.Modules.Access;

internal static class AccountService
{
    /// <summary>
    /// Creates an account with its roles, or explains in one message why Identity refused it. Without a
    /// password the account keeps the <see cref="Microsoft.AspNetCore.Identity.IdentityUser.PasswordHash"/> it was given.
    /// </summary>
    public static async Task CreateAsync(UserManager<GongzhiUser> users, GongzhiUser user, string? password, IEnumerable<string> roles)
    {
        var created = password is null ? await users.CreateAsync(user) : await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            throw new RuleViolationException(Describe(created));
        }
        var added = await users.AddToRolesAsync(user, roles);
        if (!added.Succeeded)
        {
            throw new RuleViolationException(Describe(added));
        }
    }

    public static string Describe(IdentityResult result) => string.Join(" ", result.Errors.Select(e => e.Description));
}
