using Gongzhi.Platform.Data;

namespace Gongzhi.Platform.Identity;

/// <summary>
/// A module's part in erasing an account at its owner's request: it removes or anonymises the personal data its own tables
/// hold about the account, and leaves an anonymous stub where a record must stay (a reported case, a counted vote).
/// Registered from the module's <c>Add&lt;Module&gt;</c>; Access runs every part in one transaction.
/// </summary>
public interface IAccountErasure
{
    /// <summary>Runs inside the erasure's transaction, on a context acting as the system.</summary>
    Task EraseAsync(GongzhiDbContext db, string accountId, CancellationToken cancellationToken);
}

/// <summary>What an erased person is called wherever a record of theirs stays.</summary>
public static class ErasedAccount
{
    public const string DisplayName = "已注销用户";
}
