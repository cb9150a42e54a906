using Gongzhi.Platform.Data;

namespace Gongzhi.Modules.Registry.Persons;

/// <summary>
/// One line of a person's history: who changed which field when, before and after. Personal data appears
/// here only masked, so the history can be shown to everyone who may see the person.
/// </summary>
public sealed class PersonChange : IJurisdictional
{
    public const int MaxValueLength = 200;

    private PersonChange()
    {
    }

    public Guid Id { get; private set; }

    public Guid PersonId { get; private set; }

    public string JurisdictionCode { get; private set; } = "";

    public DateTimeOffset At { get; private set; }

    public string? ByUserId { get; private set; }

    public string? ByName { get; private set; }

    public string Field { get; private set; } = "";

    public string? Before { get; private set; }

    public string? After { get; private set; }

    /// <summary>The visit the change was made on, when it was.</summary>
    public Guid? VisitId { get; private set; }

    internal static PersonChange Of(Person person, DateTimeOffset at, string? userId, string? userName, string field, string? before,
        string? after, Guid? visitId) => new()
    {
        Id = Guid.NewGuid(),
        PersonId = person.Id,
        JurisdictionCode = person.JurisdictionCode,
        At = at,
        ByUserId = userId,
        ByName = userName,
        Field = field,
        Before = Cut(before),
        After = Cut(after),
        VisitId = visitId,
    };

    /// <summary>The person's data is erased: the masked values go, the line that a field changed stays.</summary>
    internal void Erase()
    {
        Before = null;
        After = null;
    }

    private static string? Cut(string? value) => value is { Length: > MaxValueLength } ? value[..MaxValueLength] : value;
}
