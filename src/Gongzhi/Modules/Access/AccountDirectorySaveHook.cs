using Gongzhi.Platform.Data;
using Gongzhi.Platform.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Gongzhi.Modules.Access;

/// <summary>A save that adds or removes an account or a role, or moves a scope, clears what <see cref="AccountDirectory"/> keeps.</summary>
internal sealed class AccountDirectorySaveHook(AccountDirectory directory) : ISaveHook
{
    public SaveHookWork? Prepare(ChangeTracker changes) =>
        changes.Entries().Any(ChangesWhoHoldsWhat) ? new SaveHookWork(AfterSave: directory.Invalidate) : null;

    private static bool ChangesWhoHoldsWhat(EntityEntry entry) => entry.State switch
    {
        EntityState.Added or EntityState.Deleted => entry.Entity is GongzhiUser or IdentityUserRole<string>,
        EntityState.Modified => entry.Entity is IdentityUserRole<string>
            || (entry.Entity is GongzhiUser && entry.Property(nameof(GongzhiUser.ScopeCode)).IsModified),
        _ => false,
    };
}
