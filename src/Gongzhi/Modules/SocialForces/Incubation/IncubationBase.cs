using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Data;

namespace Gongzhi.Modules.SocialForces.Incubation;

/// <summary>Who runs a base day to day: the street or district office itself, or a social organisation it contracted.</summary>
public enum BaseOperator
{
    Government,
    Organisation,
}

/// <summary>
/// An incubation base (社会组织孵化基地) of a street or a district. <see cref="Occupied"/> counts the organisations
/// incubating in it; it changes only with an admission or the end of an incubation, by one conditional update of this
/// row that keeps it within <see cref="Places"/> (a check constraint too).
/// </summary>
public sealed class IncubationBase : IJurisdictional, IAudited
{
    public const int MaxNameLength = 100;
    public const int MaxAddressLength = 200;
    public const int MaxPlaces = 500;

    private IncubationBase()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>The street (9 digits) or district (6 digits) that runs the base; its records lie there too.</summary>
    public string JurisdictionCode { get; private set; } = "";

    public string Name { get; private set; } = "";

    public string Address { get; private set; } = "";

    public int Places { get; private set; }

    public int Occupied { get; private set; }

    public BaseOperator Operator { get; private set; }

    /// <summary>The contracted social organisation, when one runs the base.</summary>
    public Guid? OperatorOrganisationId { get; private set; }

    public string? OperatorName { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public string AuditKey => Id.ToString();

    /// <param name="operatorOrganisation">The contracted organisation as the registry gave it (id and name), or null when the office runs the base.</param>
    public static IncubationBase Open(string? name, string? jurisdictionCode, string? address, int? places,
        (Guid Id, string Name)? operatorOrganisation, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>();
        var title = name?.Trim() ?? "";
        if (title.Length is 0 or > MaxNameLength)
        {
            errors["name"] = [SocialText.Format("Field.Required", MaxNameLength)];
        }
        // A base belongs to a street or a district: a community's activity room is not an incubator.
        if (!Gongzhi.Platform.Scoping.JurisdictionCode.IsWellFormed(jurisdictionCode) || jurisdictionCode!.Length is not (6 or 9))
        {
            errors["jurisdictionCode"] = [SocialText.Get("Incubation.BaseArea")];
        }
        var where = address?.Trim() ?? "";
        if (where.Length is 0 or > MaxAddressLength)
        {
            errors["address"] = [SocialText.Format("Field.Required", MaxAddressLength)];
        }
        if (places is not (> 0 and <= MaxPlaces))
        {
            errors["places"] = [SocialText.Format("Incubation.Places", MaxPlaces)];
        }
        if (errors.Count > 0)
        {
            throw new FieldValidationException(errors);
        }
        return new IncubationBase
        {
            Id = Guid.CreateVersion7(),
            Name = title,
            JurisdictionCode = jurisdictionCode!,
            Address = where,
            Places = places!.Value,
            Operator = operatorOrganisation is null ? BaseOperator.Government : BaseOperator.Organisation,
            OperatorOrganisationId = operatorOrganisation?.Id,
            OperatorName = operatorOrganisation?.Name,
            CreatedAt = now,
        };
    }

    /// <summary>Whether the organisation's staff run this base (and so keep its support and assessments).</summary>
    public bool IsRunBy(Guid? organisationId) => organisationId is not null && OperatorOrganisationId == organisationId;
}
