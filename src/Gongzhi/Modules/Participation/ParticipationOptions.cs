namespace Gongzhi.Modules.Participation;

/// <summary>Defaults a community has until it sets its own rule (<c>Participation</c> section).</summary>
public sealed class ParticipationOptions
{
    public const string Section = "Participation";

    /// <summary>Supporters that put a proposal on the agenda where a community set no rule of its own.</summary>
    public int DefaultMinSupporters { get; set; } = 20;

    /// <summary>Days after submission within which the supporters must come together.</summary>
    public int DefaultWindowDays { get; set; } = 30;

    /// <summary>Minutes a registration code stays good.</summary>
    public int CodeMinutes { get; set; } = 10;

    /// <summary>Wrong tries a code allows before a new one must be asked for.</summary>
    public int CodeAttempts { get; set; } = 5;

    /// <summary>Seconds before a number may be sent another code.</summary>
    public int CodeResendSeconds { get; set; } = 60;

    /// <summary>Codes one number may be sent in an hour.</summary>
    public int CodesPerPhonePerHour { get; set; } = 5;

    /// <summary>Minutes between sweeps of spent registration codes (<see cref="Registration.PhoneCodeSweep"/>); 0 turns the sweep off.</summary>
    public int CodeSweepMinutes { get; set; } = 60;

    /// <summary>Codes one client address may ask for in an hour (a neighbourhood's shared address registers several people).</summary>
    public int CodesPerAddressPerHour { get; set; } = 30;
}
