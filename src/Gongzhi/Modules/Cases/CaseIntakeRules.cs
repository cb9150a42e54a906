namespace Gongzhi.Modules.Cases;

/// <summary>
/// What a report must be to become a case, written once: <see cref="Case.Submit"/> refuses a report that breaks
/// it, and intake asks it for every field at once so that a form shows all its errors together. Each error names
/// the field it is about.
/// </summary>
public static class CaseIntakeRules
{
    /// <summary>
    /// The errors of a report, by field (<c>title</c>, <c>description</c>, <c>location</c>, <c>categoryCode</c>,
    /// <c>anonymous</c>, <c>attributes.NAME</c>); empty when it may become a case. A null <paramref name="category"/>
    /// (intake could not find one, and says so itself) skips the checks that need it. <paramref name="checkedAttributes"/>
    /// are the category's extra fields, normalised.
    /// </summary>
    public static Dictionary<string, string[]> Check(string? title, string? description, double? latitude, double? longitude, string? address,
        bool anonymous, CaseCategory? category, IReadOnlyDictionary<string, string>? attributes,
        out IReadOnlyDictionary<string, string> checkedAttributes)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        checkedAttributes = new Dictionary<string, string>();
        if ((title?.Trim() ?? "").Length is 0 or > Case.TitleMaxLength)
        {
            errors["title"] = [CasesText.Format("Intake.TitleCharactersRequired", Case.TitleMaxLength)];
        }
        if ((description?.Trim() ?? "").Length is 0 or > Case.DescriptionMaxLength)
        {
            errors["description"] = [CasesText.Format("Intake.DescriptionCharactersRequired", Case.DescriptionMaxLength)];
        }
        if (latitude is null != longitude is null || latitude is < -90 or > 90 || longitude is < -180 or > 180
            || (latitude is { } lat && double.IsNaN(lat)) || (longitude is { } lon && double.IsNaN(lon)))
        {
            errors["location"] = [CasesText.Get("Intake.PositionValidLatitudeLongitude")];
        }
        else if (latitude is null && string.IsNullOrWhiteSpace(address))
        {
            errors["location"] = [CasesText.Get("Intake.PositionAddressRequired")];
        }
        if (category is null)
        {
            return errors;
        }
        if (category.IsMajor || !category.Active)
        {
            errors["categoryCode"] = [CasesText.Format("Intake.ActiveMinorCategory", category.Code)];
        }
        if (anonymous && !category.AllowAnonymous)
        {
            errors["anonymous"] = [CasesText.Format("Intake.DoesAcceptAnonymousReports", category.NameZh, category.NameEn)];
        }
        var (values, attributeErrors) = category.CheckAttributes(attributes);
        checkedAttributes = values;
        foreach (var (field, messages) in attributeErrors)
        {
            errors[$"attributes.{field}"] = messages;
        }
        return errors;
    }
}
