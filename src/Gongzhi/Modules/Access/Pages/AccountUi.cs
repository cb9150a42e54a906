namespace Gongzhi.Modules.Access.Pages;

internal static class AccountUi
{
    public static AccountState StateOf(AccountResponse account) =>
        account.Deactivated ? AccountState.Deactivated : account.LockedOut ? AccountState.Locked : AccountState.Active;
}
