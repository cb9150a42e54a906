using Gongzhi.Platform.Scoping;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gongzhi.Modules.SocialForces.Registry;

public sealed record RegisterOrganisationRequest(string? Name, string? JurisdictionCode, OrganisationKind? Kind, ServiceField? Field,
    string? CreditCode, string? LegalRepresentative, string? ContactPhone, int? Rating);

public sealed record StandingRequest(AnnualReportStatus? AnnualReport, int? Rating, long? Version);

public sealed record RevealRequest(string? Purpose);

public sealed record LinkMemberRequest(string? UserId);

public sealed record OrganisationMemberResponse(string UserId, Guid OrganisationId, DateTimeOffset LinkedAt);

public sealed record RevealedContact(string LegalRepresentative, string ContactPhone);

public sealed record SocialOrganisationResponse(Guid Id, string Name, string JurisdictionCode, OrganisationKind Kind, ServiceField Field,
    string? CreditCode, string LegalRepresentative, string ContactPhone, AnnualReportStatus AnnualReport, int? Rating, long Version)
{
    internal static SocialOrganisationResponse From(SocialOrganisation o) => new(o.Id, o.Name, o.JurisdictionCode, o.Kind, o.Field, o.CreditCode,
        o.LegalRepresentativeMasked, o.ContactPhoneMasked, o.AnnualReport, o.Rating, o.Version);
}

/// <summary>The registry of social organisations under <c>/api/v1/social/organisations</c>.</summary>
public static class OrganisationsApi
{
    internal static void MapOrganisationsApi(this RouteGroupBuilder social)
    {
        var group = social.MapGroup("/organisations");
        group.MapGet("/", ListAsync);
        group.MapPost("/", RegisterAsync);
        group.MapGet("/{id:guid}", GetAsync);
        group.MapPost("/{id:guid}/standing", StandingAsync);
        group.MapPost("/{id:guid}/reveal", RevealAsync);
        group.MapPost("/{id:guid}/members", LinkMemberAsync);
    }

    /// <summary>Links a SocialOrg account to the organisation it works for (replacing an earlier link).</summary>
    internal static async Task<Ok<OrganisationMemberResponse>> LinkMemberAsync(Guid id, LinkMemberRequest request, ICallerAccessor callers,
        OrganisationRegistry registry, CancellationToken cancellationToken)
    {
        var member = await registry.LinkMemberAsync(callers.Current, id, request.UserId, cancellationToken);
        return TypedResults.Ok(new OrganisationMemberResponse(member.UserId, member.OrganisationId, member.LinkedAt));
    }

    internal static async Task<Ok<List<SocialOrganisationResponse>>> ListAsync(string? scope, ICallerAccessor callers, OrganisationRegistry registry,
        CancellationToken cancellationToken) =>
        TypedResults.Ok((await registry.ListAsync(callers.Current, scope, cancellationToken)).Select(SocialOrganisationResponse.From).ToList());

    internal static async Task<Results<Ok<SocialOrganisationResponse>, NotFound, ForbidHttpResult>> GetAsync(Guid id, ICallerAccessor callers,
        OrganisationRegistry registry, CancellationToken cancellationToken)
    {
        if (!SocialPermissions.Reads(callers.Current))
        {
            return TypedResults.Forbid();
        }
        return await registry.FindAsync(callers.Current, id, cancellationToken) is { } o
            ? TypedResults.Ok(SocialOrganisationResponse.From(o))
            : TypedResults.NotFound();
    }

    internal static async Task<Created<SocialOrganisationResponse>> RegisterAsync(RegisterOrganisationRequest request, ICallerAccessor callers,
        OrganisationRegistry registry, CancellationToken cancellationToken)
    {
        var organisation = await registry.RegisterAsync(callers.Current, request, cancellationToken);
        return TypedResults.Created($"/api/v1/social/organisations/{organisation.Id}", SocialOrganisationResponse.From(organisation));
    }

    internal static async Task<Ok<SocialOrganisationResponse>> StandingAsync(Guid id, StandingRequest request, ICallerAccessor callers,
        OrganisationRegistry registry, CancellationToken cancellationToken) =>
        TypedResults.Ok(SocialOrganisationResponse.From(
            await registry.UpdateStandingAsync(callers.Current, id, request.AnnualReport, request.Rating, request.Version, cancellationToken)));

    internal static async Task<Ok<RevealedContact>> RevealAsync(Guid id, RevealRequest request, ICallerAccessor callers, OrganisationRegistry registry,
        CancellationToken cancellationToken)
    {
        var (representative, phone) = await registry.RevealAsync(callers.Current, id, request.Purpose, cancellationToken);
        return TypedResults.Ok(new RevealedContact(representative, phone));
    }
}
