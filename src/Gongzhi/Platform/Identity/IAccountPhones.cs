namespace Gongzhi.Platform.Identity;

/// <summary>
/// The mobile number an account was registered with, for the texts the platform sends it (a notice sent by SMS too, an
/// urgent reminder). Access keeps the numbers, encrypted; the sender asks here, so it needs no module of its own to ask.
/// </summary>
public interface IAccountPhones
{
    /// <summary>The number in plain digits, or null when the account registered none (most staff accounts).</summary>
    Task<string?> PhoneOfAsync(string accountId, CancellationToken cancellationToken);
}
