using Gongzhi.Modules.Registry.Addresses;
using Gongzhi.Modules.Registry.Coverage;
using Gongzhi.Modules.Registry.Grants;
using Gongzhi.Modules.Registry.Housing;
using Gongzhi.Modules.Registry.Persons;
using Gongzhi.Modules.Registry.Visits;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.PersonalData;
using Gongzhi.Platform.Scoping;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Registry;

/// <summary>
/// 一标三实 under <c>/api/v1/registry</c>: addresses, persons (masked; reveal with a purpose), visits and
/// worklists, houses and units. Handlers are thin: the services hold the rules.
/// </summary>
internal static class RegistryApi
{
    public static void MapRegistryApi(this IEndpointRouteBuilder app)
    {
        var places = app.MapGroup("/api/v1/registry").WithTags("Registry")
            .RequireAuthorization(p => p.RequireRole(RegistryPermissions.PlaceReaders));
        places.MapGet("/addresses", SearchAddressesAsync);
        places.MapGet("/addresses/{id:guid}", GetAddressAsync);
        places.MapPost("/addresses", CreateAddressAsync).RequireAuthorization(p => p.RequireRole(RegistryPermissions.PlaceKeepers));
        places.MapGet("/houses", ListHousesAsync);
        places.MapPost("/houses", RegisterHouseAsync).RequireAuthorization(p => p.RequireRole(RegistryPermissions.PlaceKeepers));
        places.MapPost("/houses/{id:guid}/rental", LetAsync).RequireAuthorization(p => p.RequireRole(RegistryPermissions.PlaceKeepers));
        places.MapGet("/units", ListUnitsAsync);
        places.MapPost("/units", RegisterUnitAsync).RequireAuthorization(p => p.RequireRole(RegistryPermissions.PlaceKeepers));

        var people = app.MapGroup("/api/v1/registry").WithTags("Registry")
            .RequireAuthorization(p => p.RequireRole(RegistryPermissions.Readers));
        people.MapGet("/purposes", Purposes);
        people.MapGet("/persons", ListPersonsAsync);
        people.MapPost("/persons", CreatePersonAsync).RequireAuthorization(p => p.RequireRole(RegistryPermissions.Keepers));
        people.MapPut("/persons/{id:guid}", UpdatePersonAsync).RequireAuthorization(p => p.RequireRole(RegistryPermissions.Keepers));
        people.MapGet("/persons/{id:guid}/history", HistoryAsync);
        people.MapGet("/persons/{id:guid}/visits", VisitsOfAsync);
        people.MapPost("/persons/{id:guid}/moved-away", MoveAwayAsync).RequireAuthorization(p => p.RequireRole(RegistryPermissions.Keepers));
        people.MapPost("/visits", RecordVisitAsync).RequireAuthorization(p => p.RequireRole(RegistryPermissions.Keepers));
        people.MapPost("/visits/{id:guid}/case", OpenCaseAsync).RequireAuthorization(p => p.RequireRole(RegistryPermissions.Keepers));
        people.MapGet("/care-visits", CareDueAsync);
        people.MapGet("/quality", QualityAsync);

        // A department opens and reveals a person only under a street's grant (the service decides); without one it is a 404.
        var granted = app.MapGroup("/api/v1/registry").WithTags("Registry")
            .RequireAuthorization(p => p.RequireRole([.. RegistryPermissions.Readers, Roles.DepartmentStaff]));
        granted.MapGet("/persons/{id:guid}", GetPersonAsync);
        granted.MapPost("/persons/{id:guid}/reveal", RevealAsync)
            .RequireAuthorization(p => p.RequireRole([.. RegistryPermissions.Revealers, Roles.DepartmentStaff]));
        places.MapGet("/aggregates", AggregatesAsync);

        var grants = app.MapGroup("/api/v1/registry/grants").WithTags("Registry")
            .RequireAuthorization(p => p.RequireRole(Roles.StreetStaff, Roles.DepartmentStaff, Roles.Admin));
        grants.MapGet("/", GrantsAsync);
        grants.MapPost("/", IssueGrantAsync).RequireAuthorization(p => p.RequireRole(Roles.StreetStaff));
        grants.MapPost("/{id:guid}/revoke", RevokeGrantAsync).RequireAuthorization(p => p.RequireRole(Roles.StreetStaff));

        app.MapGroup("/api/v1/registry/coverage").WithTags("Registry")
            .RequireAuthorization(p => p.RequireRole(RegistryPermissions.CoverageReaders))
            .MapGet("/", CoverageAsync);
    }

    /// <summary>Counts of persons per child area, naming no one: what a department sees without a grant.</summary>
    internal static async Task<Ok<List<AreaAggregate>>> AggregatesAsync(string? area, GrantService grants, ICallerAccessor callers,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await grants.AggregatesAsync(callers.Current, area, cancellationToken));

    internal static async Task<Ok<List<GrantResponse>>> GrantsAsync(GrantService grants, ICallerAccessor callers, CancellationToken cancellationToken) =>
        TypedResults.Ok(await grants.ListAsync(callers.Current, cancellationToken));

    /// <summary>A street grants a department access to reveal the persons of an area for one purpose, until a set time.</summary>
    internal static async Task<Created<GrantResponse>> IssueGrantAsync(IssueGrantRequest request, GrantService grants, ICallerAccessor callers,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var grant = await grants.IssueAsync(callers.Current, request, cancellationToken);
        return TypedResults.Created($"/api/v1/registry/grants/{grant.Id}", GrantService.Response(grant, clock.GetUtcNow()));
    }

    internal static async Task<Ok<GrantResponse>> RevokeGrantAsync(Guid id, GrantService grants, ICallerAccessor callers, TimeProvider clock,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(GrantService.Response(await grants.RevokeAsync(callers.Current, id, cancellationToken), clock.GetUtcNow()));

    /// <summary>The grids of a street or community, those without a responsible grid worker, and workers over the load limit.</summary>
    internal static async Task<Ok<CoverageReport>> CoverageAsync(string? area, int? maxPersons, int? maxHouseholds, GridCoverage coverage,
        ICallerAccessor callers, CancellationToken cancellationToken) =>
        TypedResults.Ok(await coverage.ReportAsync(callers.Current, area, maxPersons, maxHouseholds, cancellationToken));

    internal static async Task<Ok<PersonResponse>> MoveAwayAsync(Guid id, MoveAwayRequest request, PersonService persons, ICallerAccessor callers,
        CancellationToken cancellationToken)
    {
        await persons.MoveAwayAsync(callers.Current, id, request, cancellationToken);
        return TypedResults.Ok(await persons.GetAsync(callers.Current, id, cancellationToken));
    }

    internal static Ok<List<PurposeResponse>> Purposes() =>
        TypedResults.Ok(RevealPurposes.All.Select(p => new PurposeResponse(p.Code, p.Label)).ToList());

    internal static async Task<Ok<List<AddressResponse>>> SearchAddressesAsync(string? q, string? area, AddressService addresses,
        ICallerAccessor callers, CancellationToken cancellationToken) =>
        TypedResults.Ok((await addresses.SearchAsync(callers.Current, q, area, cancellationToken)).Select(AddressResponse.From).ToList());

    internal static async Task<Results<Ok<AddressResponse>, NotFound>> GetAddressAsync(Guid id, GongzhiDbContext db, CancellationToken cancellationToken)
    {
        var address = await db.Set<StandardAddress>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        return address is null ? TypedResults.NotFound() : TypedResults.Ok(AddressResponse.From(address));
    }

    internal static async Task<Created<AddressResponse>> CreateAddressAsync(CreateAddressRequest request, AddressService addresses,
        ICallerAccessor callers, CancellationToken cancellationToken)
    {
        var address = await addresses.CreateAsync(callers.Current, request, cancellationToken);
        return TypedResults.Created($"/api/v1/registry/addresses/{address.Id}", AddressResponse.From(address));
    }

    internal static async Task<Ok<List<HouseResponse>>> ListHousesAsync(Guid? addressId, string? area, GongzhiDbContext db,
        CancellationToken cancellationToken)
    {
        var query = db.Set<House>().AsNoTracking();
        if (addressId is { } id)
        {
            query = query.Where(h => h.AddressId == id);
        }
        if (JurisdictionCode.IsWellFormed(area))
        {
            var prefix = JurisdictionCode.QueryPrefix(area!);
            query = query.Where(h => h.JurisdictionCode.StartsWith(prefix));
        }
        var houses = await query.OrderBy(h => h.JurisdictionCode).Take(Worklists.MaxRows).ToListAsync(cancellationToken);
        return TypedResults.Ok(houses.Select(HouseResponse.From).ToList());
    }

    internal static async Task<Created<HouseResponse>> RegisterHouseAsync(RegisterHouseRequest request, HousingService housing,
        ICallerAccessor callers, CancellationToken cancellationToken)
    {
        var house = await housing.RegisterHouseAsync(callers.Current, request, cancellationToken);
        return TypedResults.Created($"/api/v1/registry/houses/{house.Id}", HouseResponse.From(house));
    }

    internal static async Task<Ok<HouseResponse>> LetAsync(Guid id, RentalRequest request, HousingService housing, ICallerAccessor callers,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(HouseResponse.From(await housing.LetAsync(callers.Current, id, request, cancellationToken)));

    internal static async Task<Ok<List<UnitResponse>>> ListUnitsAsync(string? q, GongzhiDbContext db, CancellationToken cancellationToken)
    {
        var query = db.Set<RegisteredUnit>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q))
        {
            var text = q.Trim();
            query = query.Where(u => u.Name.Contains(text) || u.CreditCode == text);
        }
        var units = await query.OrderBy(u => u.Name).Take(Worklists.MaxRows).ToListAsync(cancellationToken);
        return TypedResults.Ok(units.Select(UnitResponse.From).ToList());
    }

    internal static async Task<Created<UnitResponse>> RegisterUnitAsync(RegisterUnitRequest request, HousingService housing,
        ICallerAccessor callers, CancellationToken cancellationToken)
    {
        var unit = await housing.RegisterUnitAsync(callers.Current, request, cancellationToken);
        return TypedResults.Created($"/api/v1/registry/units/{unit.Id}", UnitResponse.From(unit));
    }

    /// <summary>People of an area, masked; <c>idNumber</c> finds by the keyed hash of the exact number.</summary>
    internal static async Task<Ok<List<PersonListItem>>> ListPersonsAsync(string? idNumber, string? area, string? name, Guid? addressId,
        Worklists lists, PersonService persons, ICallerAccessor callers, CancellationToken cancellationToken)
    {
        var hash = idNumber is null ? null : persons.IdNumberHash(idNumber);
        return TypedResults.Ok(await lists.PeopleAsync(callers.Current, area, name, addressId, hash, cancellationToken));
    }

    internal static async Task<Created<PersonResponse>> CreatePersonAsync(CreatePersonRequest request, PersonService persons,
        ICallerAccessor callers, CancellationToken cancellationToken)
    {
        var person = await persons.CreateAsync(callers.Current, request, cancellationToken);
        return TypedResults.Created($"/api/v1/registry/persons/{person.Id}", await persons.GetAsync(callers.Current, person.Id, cancellationToken));
    }

    internal static async Task<Ok<PersonResponse>> GetPersonAsync(Guid id, PersonService persons, ICallerAccessor callers,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await persons.GetAsync(callers.Current, id, cancellationToken));

    internal static async Task<Ok<PersonResponse>> UpdatePersonAsync(Guid id, UpdatePersonRequest request, PersonService persons,
        ICallerAccessor callers, CancellationToken cancellationToken)
    {
        await persons.UpdateAsync(callers.Current, id, request, cancellationToken);
        return TypedResults.Ok(await persons.GetAsync(callers.Current, id, cancellationToken));
    }

    internal static async Task<Ok<List<PersonChangeResponse>>> HistoryAsync(Guid id, PersonService persons, GongzhiDbContext db,
        ICallerAccessor callers, CancellationToken cancellationToken)
    {
        await persons.GetAsync(callers.Current, id, cancellationToken);
        var changes = await db.Set<PersonChange>().AsNoTracking().Where(c => c.PersonId == id).OrderByDescending(c => c.At)
            .Take(Worklists.MaxRows).ToListAsync(cancellationToken);
        return TypedResults.Ok(changes.Select(c => new PersonChangeResponse(c.At, c.ByName, c.Field, c.Before, c.After, c.VisitId)).ToList());
    }

    internal static async Task<Ok<List<VisitResponse>>> VisitsOfAsync(Guid id, PersonService persons, GongzhiDbContext db,
        ICallerAccessor callers, CancellationToken cancellationToken)
    {
        await persons.GetAsync(callers.Current, id, cancellationToken);
        var visits = await db.Set<Visit>().AsNoTracking().Where(v => v.PersonId == id).OrderByDescending(v => v.At).Take(Worklists.MaxRows)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(visits.Select(VisitResponse.From).ToList());
    }

    internal static async Task<Ok<RevealedPerson>> RevealAsync(Guid id, RevealRequest? request, PersonService persons, ICallerAccessor callers,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await persons.RevealAsync(callers.Current, id, request?.Purpose, cancellationToken));

    internal static async Task<Created<VisitResponse>> RecordVisitAsync(RecordVisitRequest request, VisitService visits, ICallerAccessor callers,
        CancellationToken cancellationToken)
    {
        var visit = await visits.RecordAsync(callers.Current, request, cancellationToken);
        return TypedResults.Created($"/api/v1/registry/visits/{visit.Id}", VisitResponse.From(visit));
    }

    internal static async Task<Created<VisitResponse>> OpenCaseAsync(Guid id, OpenCaseRequest request, VisitService visits,
        ICallerAccessor callers, CancellationToken cancellationToken)
    {
        var visit = await visits.OpenCaseAsync(callers.Current, id, request, cancellationToken);
        return TypedResults.Created($"/api/v1/cases/{visit.CaseId}", VisitResponse.From(visit));
    }

    internal static async Task<Ok<List<PersonListItem>>> CareDueAsync(string? area, Worklists lists, ICallerAccessor callers,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await lists.CareDueAsync(callers.Current, area, cancellationToken));

    internal static async Task<Ok<List<PersonListItem>>> QualityAsync(string? check, string? area, Worklists lists, ICallerAccessor callers,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await lists.QualityAsync(callers.Current, check, area, cancellationToken));
}
