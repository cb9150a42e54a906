using Gongzhi.Components;
using Gongzhi.Modules.Access;
using Gongzhi.Modules.Access.PhoneCodes;
using Gongzhi.Modules.Participation.Residence;
using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.Identity;
using Gongzhi.Platform.PersonalData;
using Gongzhi.Platform.Scoping;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Participation.Registration;

public sealed record RegistrationRequest(string? Phone, string? Code, string? DisplayName, string? Password, string? CommunityCode, string? Address);

/// <summary>
/// A visitor becomes a resident: proves a mobile number with a one-time code, makes an account with it (Access keeps the
/// number protected) and declares a home in a community, which the community's staff then verify or refuse
/// (<see cref="ResidenceService"/>). Everything of one registration is saved in one transaction.
/// </summary>
public sealed class RegistrationService(GongzhiDbContext db, PhoneCodeService codes, ResidentAccounts accounts, ResidenceService residence,
    IJurisdictionBrowser jurisdictions)
{
    /// <summary>Sends a code to the number, within the number's and the address's limits.</summary>
    public Task<CodeSent> RequestCodeAsync(Caller caller, string? phone, CancellationToken cancellationToken) =>
        codes.RequestAsync(caller, phone, (code, minutes) => ParticipationText.Format("Registration.CodeText", code, minutes), cancellationToken);

    /// <summary>
    /// Creates the resident's account and their declaration of residence, once the code proves the number. Returns the new
    /// account, for the caller to sign in. A wrong, used or expired code is a field message; a registered number a 409.
    /// </summary>
    public async Task<GongzhiUser> RegisterAsync(Caller caller, RegistrationRequest request, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var number = Phones.Normalize(request.Phone);
        if (!Phones.IsMobile(number))
        {
            errors["phone"] = [ParticipationText.Get("Field.Phone")];
        }
        if (PhoneCodeService.CodeError(request.Code) is { } codeError)
        {
            errors["code"] = [codeError];
        }
        var name = request.DisplayName?.Trim() ?? "";
        if (name.Length is 0 or > ResidentAccounts.MaxDisplayNameLength)
        {
            errors["displayName"] = [ParticipationText.Format("Field.DisplayName", ResidentAccounts.MaxDisplayNameLength)];
        }
        var community = request.CommunityCode?.Trim();
        if (community is null || !JurisdictionCode.IsWellFormed(community)
            || await jurisdictions.GetAsync(community, cancellationToken) is not { Level: JurisdictionLevel.Community })
        {
            errors["communityCode"] = [ParticipationText.Get("Field.CommunityCode")];
        }
        var address = request.Address?.Trim() ?? "";
        if (address.Length is 0 or > ResidentProfile.MaxAddressLength)
        {
            errors["address"] = [ParticipationText.Format("Field.Address", ResidentProfile.MaxAddressLength)];
        }
        try
        {
            await accounts.ValidatePasswordAsync(request.Password, "password");
        }
        catch (FieldValidationException e)
        {
            foreach (var (field, texts) in e.Errors)
            {
                errors[field] = texts;
            }
        }
        if (errors.Count > 0)
        {
            throw new FieldValidationException(errors);
        }

        await codes.UseAsync(caller, number, request.Code, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var user = await accounts.CreateResidentAsync(number, name, request.Password!, community!, cancellationToken);
        var resident = new Caller(user.Id, user.UserName, community!, new HashSet<string> { Roles.Resident }, null, caller.RemoteIp, false);
        await residence.DeclareAsync(resident, community, address, cancellationToken, name);
        await transaction.CommitAsync(cancellationToken);
        return user;
    }
}
