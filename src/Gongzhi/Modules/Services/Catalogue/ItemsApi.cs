using Gongzhi.Modules.Access;
using Gongzhi.Platform.Scoping;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gongzhi.Modules.Services.Catalogue;

/// <summary>The item catalogue under <c>/api/v1/services/items</c>: public reading, administrators devolve.</summary>
public static class ItemsApi
{
    internal static void MapItemsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/services/items").WithTags("Services");
        group.MapGet("", ListAsync).AllowAnonymous();
        group.MapGet("/{code}", GetAsync).AllowAnonymous();
        group.MapPost("/{code}/devolve", DevolveAsync).RequireAuthorization(p => p.RequireRole(Roles.Admin));
    }

    /// <param name="level">district, street or community, as the answers spell it.</param>
    internal static async Task<Results<Ok<ItemList>, ValidationProblem>> ListAsync(string? q, string? lifeEvent, string? level,
        ServiceCatalogue catalogue, CancellationToken cancellationToken)
    {
        ServiceLevel? wanted = null;
        if (!string.IsNullOrWhiteSpace(level))
        {
            if (!Enum.TryParse<ServiceLevel>(level, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["level"] = [ServicesText.Get("Item.LevelRequired")] });
            }
            wanted = parsed;
        }
        return TypedResults.Ok(new ItemList(await catalogue.SearchAsync(q, lifeEvent, wanted, cancellationToken)));
    }

    internal static async Task<Results<Ok<ItemDetailResponse>, NotFound>> GetAsync(string code, ServiceCatalogue catalogue,
        CancellationToken cancellationToken) =>
        await catalogue.FindAsync(code, cancellationToken) is { } found ? TypedResults.Ok(found) : TypedResults.NotFound();

    internal static async Task<Results<Ok<ItemDetailResponse>, NotFound>> DevolveAsync(string code, DevolveRequest request, ServiceCatalogue catalogue,
        CancellationToken cancellationToken) =>
        await catalogue.DevolveAsync(code, request, cancellationToken) is { } found ? TypedResults.Ok(found) : TypedResults.NotFound();
}

public sealed record ItemList(IReadOnlyList<ItemResponse> Items);
