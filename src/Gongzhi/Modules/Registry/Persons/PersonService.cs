using Gongzhi.Modules.Registry.Addresses;
using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.PersonalData;
using Gongzhi.Platform.Problems;
using Gongzhi.Platform.Scoping;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gongzhi.Modules.Registry.Persons;

/// <summary>
/// The one writer of persons (实有人口): registration, corrections with their history, and reveals. Personal
/// data enters here in plaintext and leaves encrypted, hashed and masked; only a reveal decrypts, and it
/// writes its audit line in the same save.
/// </summary>
public sealed class PersonService(
    GongzhiDbContext db,
    RecordActions actions,
    PersonalDataProtector protector,
    RevealLog reveals,
    IOptions<RegistryOptions> options,
    Grants.GrantService grants,
    TimeProvider clock)
{
    public const int MaxPhoneLength = 20;

    public async Task<Person> CreateAsync(Caller caller, CreatePersonRequest request, CancellationToken cancellationToken)
    {
        db.Caller = caller;
        var address = request.AddressId is { } addressId
            ? await db.Set<StandardAddress>().AsNoTracking().Where(a => a.Id == addressId)
                .Select(a => new AddressPlace(a.Id, a.JurisdictionCode)).FirstOrDefaultAsync(cancellationToken)
            : null;
        var (person, created) = Register(caller, request, address);
        db.Add(created);
        return await actions.CreateAsync(caller, person, RegistryPermissions.Create, RegistryPermissions.PersonRules.Instance, cancellationToken);
    }

    /// <summary>
    /// Checks a registration and makes the person (encrypted, hashed, masked) with its first history line, without
    /// saving either: the one place a person is made, for a single registration and for every row of an import.
    /// </summary>
    /// <param name="address">The address named by <see cref="CreatePersonRequest.AddressId"/> as the caller sees it; null when there is none.</param>
    /// <exception cref="FieldValidationException">The request is refused, naming every bad field.</exception>
    internal (Person Person, PersonChange Created) Register(Caller caller, CreatePersonRequest request, AddressPlace? address)
    {
        var errors = new Dictionary<string, string[]>();
        var name = ValidName(request.Name, errors);
        var idNumber = IdNumbers.Normalize(request.IdNumber);
        if (!IdNumbers.IsValid(idNumber))
        {
            errors["idNumber"] = [RegistryText.Get("Person.IdNumberInvalid")];
        }
        var phone = ValidPhone(request.Phone, errors);
        var tags = ValidTags(request.CareTags, errors);
        var code = request.JurisdictionCode?.Trim();
        if (string.IsNullOrEmpty(code) && address is not null)
        {
            // The address places the person: its grid is the jurisdiction.
            code = address.JurisdictionCode;
        }
        if (!JurisdictionCode.IsWellFormed(code) || code!.Length < 12)
        {
            errors["jurisdictionCode"] = [RegistryText.Get("Person.JurisdictionInvalid")];
            code = null;
        }
        CheckHousehold(request.Household, request.Relation, errors);
        if (request.AddressId is not null && (address is null || (code is not null && !JurisdictionCode.IsWithin(address.JurisdictionCode, code))))
        {
            errors["addressId"] = [RegistryText.Get("Person.AddressOutside")];
        }
        if (errors.Count > 0)
        {
            throw new FieldValidationException(errors);
        }
        var now = clock.GetUtcNow();
        var person = Person.Register(address?.JurisdictionCode ?? code!, name!, idNumber, protector.ProtectIdNumber(idNumber), protector.ProtectPhone(phone),
            ProtectTags(tags), options.Value.CadenceFor(tags ?? []), address?.Id, request.ResidenceStatus ?? ResidenceStatus.Registered, now);
        person.SetHousehold(Clean(request.Household), Clean(request.Relation), person.ResidenceStatus);
        return (person, PersonChange.Of(person, now, caller.UserId, caller.UserName, "created", null, person.IdNumberMasked, null));
    }

    public Task<Person> UpdateAsync(Caller caller, Guid id, UpdatePersonRequest request, CancellationToken cancellationToken)
    {
        db.Caller = caller;
        return actions.RunAsync(caller, p => p.Id == id, RegistryPermissions.Update, request.Version, RegistryPermissions.PersonRules.Instance,
            async person => await ApplyAsync(caller, person, request, null, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// Applies a correction to a loaded person and writes one history line per changed field (masked values).
    /// Returns the names of the fields that changed. Used by updates and by visits.
    /// </summary>
    internal async Task<IReadOnlyList<string>> ApplyAsync(Caller caller, Person person, UpdatePersonRequest request, Guid? visitId,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var name = request.Name is null ? null : ValidName(request.Name, errors);
        var phone = request.Phone is null ? null : ValidPhone(request.Phone, errors);
        var tags = request.CareTags is null ? null : ValidTags(request.CareTags, errors) ?? [];
        CheckHousehold(request.Household, request.Relation, errors);
        var parent = JurisdictionCode.LevelOf(person.JurisdictionCode) == JurisdictionLevel.Grid
            ? JurisdictionCode.ParentOf(person.JurisdictionCode)
            : person.JurisdictionCode;
        var address = await ValidAddressAsync(request.AddressId, parent, errors, cancellationToken);
        if (errors.Count > 0)
        {
            throw new FieldValidationException(errors);
        }
        var now = clock.GetUtcNow();
        var changed = new List<string>();
        void Log(string field, string? before, string? after)
        {
            if (before != after)
            {
                changed.Add(field);
                db.Add(PersonChange.Of(person, now, caller.UserId, caller.UserName, field, before, after, visitId));
            }
        }
        if (name is not null)
        {
            Log("name", Masks.Name(person.Name), Masks.Name(name));
            person.Rename(name);
        }
        if (phone is not null)
        {
            var before = person.PhoneMasked;
            var value = protector.ProtectPhone(phone.Length == 0 ? null : phone);
            // Masks can coincide for different numbers: a changed number is a change even when its mask is not.
            if (value?.Masked != before || (person.PhoneProtected is { } old && protector.Unprotect(old) != phone))
            {
                changed.Add("phone");
                db.Add(PersonChange.Of(person, now, caller.UserId, caller.UserName, "phone", before, value?.Masked, visitId));
                person.SetPhone(value);
            }
        }
        if (tags is not null)
        {
            var before = TagsOf(person);
            if (!before.ToHashSet().SetEquals(tags))
            {
                // Care tags are sensitive: the history says how many, not which.
                Log("careTags", RegistryText.Format("Person.TagCount", before.Count), RegistryText.Format("Person.TagCount", tags.Count));
                person.SetCareTags(ProtectTags(tags), options.Value.CadenceFor(tags), now);
            }
        }
        if (address is not null && address.Id != person.AddressId)
        {
            Log("address", person.AddressId?.ToString(), address.Id.ToString());
            person.Move(address.JurisdictionCode, address.Id);
        }
        var household = request.Household is null ? person.Household : Clean(request.Household);
        var relation = request.Relation is null ? person.Relation : Clean(request.Relation);
        var status = request.ResidenceStatus ?? person.ResidenceStatus;
        Log("household", person.Household, household);
        Log("relation", person.Relation, relation);
        Log("residenceStatus", person.ResidenceStatus.ToString(), status.ToString());
        person.SetHousehold(household, relation, status);
        if (changed.Count > 0)
        {
            person.Touch(now);
        }
        return changed;
    }

    /// <summary>Records that the person moved away (迁出): archiving and erasure follow on their periods (<see cref="Retention.PersonRetention"/>).</summary>
    public Task<Person> MoveAwayAsync(Caller caller, Guid id, MoveAwayRequest request, CancellationToken cancellationToken)
    {
        db.Caller = caller;
        return actions.RunAsync(caller, p => p.Id == id, RegistryPermissions.MoveAway, request.Version, RegistryPermissions.PersonRules.Instance,
            person =>
            {
                var now = clock.GetUtcNow();
                person.MoveAway(request.MovedAt ?? now, now);
                db.Add(PersonChange.Of(person, now, caller.UserId, caller.UserName, "movedAway", null,
                    person.MovedAwayAt!.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), null));
                return Task.CompletedTask;
            }, cancellationToken);
    }

    public async Task<RevealedPerson> RevealAsync(Caller caller, Guid id, string? purpose, CancellationToken cancellationToken)
    {
        db.Caller = caller;
        purpose = purpose?.Trim();
        RevealLog.RequirePurpose(purpose);
        // A department reveals under its street's grant, for the grant's purpose only; the registry's readers under its own rules.
        var rules = await grants.PersonRulesForAsync(caller, purpose, cancellationToken);
        var person = await actions.RunAsync(caller, p => p.Id == id, RegistryPermissions.Reveal, null, rules,
            p => p.ErasedAt is not null
                // Retention erased what there was to reveal; the record stays only as a stub.
                ? throw new RuleViolationException(RegistryText.Get("Person.Erased"))
                : reveals.RecordAsync(caller, nameof(Person), p.Id.ToString(), p.JurisdictionCode, purpose!,
                    p.PhoneProtected is null ? ["idNumber"] : ["idNumber", "phone"], cancellationToken), cancellationToken);
        return new RevealedPerson(person.Id, person.Name, protector.Unprotect(person.IdNumberProtected),
            person.PhoneProtected is { } phone ? protector.Unprotect(phone) : null, purpose!);
    }

    /// <summary>The person as the caller may see them, or <see cref="RecordNotFoundException"/>.</summary>
    public async Task<PersonResponse> GetAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        db.Caller = caller;
        var person = await db.Set<Person>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (person is null || !(await grants.PersonRulesForAsync(caller, null, cancellationToken)).CanSee(caller, person))
        {
            throw new RecordNotFoundException();
        }
        var address = person.AddressId is { } addressId
            ? await db.Set<StandardAddress>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == addressId, cancellationToken)
            : null;
        return Response(caller, person, address?.Label);
    }

    /// <summary>Exact search by ID number: the keyed hash of the normalised number, never a scan of ciphertexts.</summary>
    public string IdNumberHash(string? idNumber)
    {
        var normalized = IdNumbers.Normalize(idNumber);
        if (!IdNumbers.IsValid(normalized))
        {
            throw FieldValidationException.Field("idNumber", RegistryText.Get("Person.IdNumberInvalid"));
        }
        return protector.Hash(normalized);
    }

    internal PersonResponse Response(Caller caller, Person person, string? address) => new(person.Id, person.JurisdictionCode, person.Name,
        person.IdNumberMasked, person.PhoneMasked, person.Sex, person.BirthDate, person.ResidenceStatus, person.Household, person.Relation,
        person.AddressId, address, RegistryPermissions.MaySeeCareTags(caller) ? TagsOf(person) : null, person.NextCareVisitDue,
        person.LastVisitedAt, person.Version, person.MovedAwayAt, person.ArchivedAt, person.ErasedAt);

    internal List<CareTag> TagsOf(Person person) => person.CareTagsProtected is { } tags
        ? protector.Unprotect(tags).Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(t => Enum.TryParse<CareTag>(t, out var tag) ? tag : (CareTag?)null).OfType<CareTag>().ToList()
        : [];

    private string? ProtectTags(IReadOnlyList<CareTag>? tags) =>
        tags is { Count: > 0 } ? protector.Protect(string.Join(',', tags.Distinct().Order())) : null;

    private static string? ValidName(string? value, Dictionary<string, string[]> errors)
    {
        var name = value?.Trim() ?? "";
        if (name.Length is 0 or > Person.MaxNameLength)
        {
            errors["name"] = [RegistryText.Format("Person.NameRequired", Person.MaxNameLength)];
            return null;
        }
        return name;
    }

    /// <summary>Digits only (a leading + kept); an empty value means “no phone”.</summary>
    private static string? ValidPhone(string? value, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return value is null ? null : "";
        }
        var trimmed = value.Trim();
        var digits = new string(trimmed.Where(char.IsAsciiDigit).ToArray());
        var plus = trimmed.StartsWith('+') ? "+" : "";
        if (digits.Length is < 7 or > MaxPhoneLength || trimmed.Any(c => !char.IsAsciiDigit(c) && c is not (' ' or '-' or '+')))
        {
            errors["phone"] = [RegistryText.Get("Person.PhoneInvalid")];
            return null;
        }
        return plus + digits;
    }

    private static List<CareTag>? ValidTags(IReadOnlyList<string>? values, Dictionary<string, string[]> errors)
    {
        if (values is null)
        {
            return null;
        }
        var tags = new List<CareTag>();
        foreach (var value in values)
        {
            if (!Enum.TryParse<CareTag>(value, ignoreCase: true, out var tag) || !Enum.IsDefined(tag) || int.TryParse(value, out _))
            {
                errors["careTags"] = [RegistryText.Format("Person.CareTagUnknown", value)];
                return null;
            }
            tags.Add(tag);
        }
        return tags.Distinct().ToList();
    }

    private static void CheckHousehold(string? household, string? relation, Dictionary<string, string[]> errors)
    {
        if (household is { Length: > Person.MaxHouseholdLength })
        {
            errors["household"] = [RegistryText.Format("Field.TooLong", Person.MaxHouseholdLength)];
        }
        if (relation is { Length: > Person.MaxRelationLength })
        {
            errors["relation"] = [RegistryText.Format("Field.TooLong", Person.MaxRelationLength)];
        }
    }

    /// <summary>The address must exist, be visible to the caller and lie inside the given community or grid.</summary>
    private async Task<StandardAddress?> ValidAddressAsync(Guid? addressId, string? within, Dictionary<string, string[]> errors,
        CancellationToken cancellationToken)
    {
        if (addressId is not { } id)
        {
            return null;
        }
        var address = await db.Set<StandardAddress>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (address is null || (within is not null && !JurisdictionCode.IsWithin(address.JurisdictionCode, within)))
        {
            errors["addressId"] = [RegistryText.Get("Person.AddressOutside")];
            return null;
        }
        return address;
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>Where an address is, as a registration needs it.</summary>
internal sealed record AddressPlace(Guid Id, string JurisdictionCode);
