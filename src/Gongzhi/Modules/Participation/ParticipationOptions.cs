namespace Gongzhi.Modules.Participation;

/// <summary>Defaults a community has until it sets its own rule (<c>Participation</c> section).</summary>
public sealed class ParticipationOptions
{
    public const string Section = "Participation";

    /// <summary>Supporters that put a proposal on the agenda where a community set no rule of its own.</summary>
    public int DefaultMinSupporters { get; set; } = 20;

    /// <summary>Days after submission within which the supporters must come together.</summary>
    public int DefaultWindowDays { get; set; } = 30;
}
