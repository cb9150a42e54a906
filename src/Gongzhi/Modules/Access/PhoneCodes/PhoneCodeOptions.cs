namespace Gongzhi.Modules.Access.PhoneCodes;

/// <summary>The one-time phone codes' lifetime and sending limits (<c>PhoneCodes</c> section), the same for every use of them.</summary>
public sealed class PhoneCodeOptions
{
    public const string Section = "PhoneCodes";

    /// <summary>Minutes a code stays good.</summary>
    public int CodeMinutes { get; set; } = 10;

    /// <summary>Wrong tries a code allows before a new one must be asked for.</summary>
    public int CodeAttempts { get; set; } = 5;

    /// <summary>Seconds before a number may be sent another code.</summary>
    public int CodeResendSeconds { get; set; } = 60;

    /// <summary>Codes one number may be sent in an hour.</summary>
    public int CodesPerPhonePerHour { get; set; } = 5;

    /// <summary>Codes one client address may ask for in an hour (a neighbourhood's shared address registers several people).</summary>
    public int CodesPerAddressPerHour { get; set; } = 30;

    /// <summary>Minutes between sweeps of spent codes (<see cref="PhoneCodeSweep"/>); 0 turns the sweep off.</summary>
    public int SweepMinutes { get; set; } = 60;
}
