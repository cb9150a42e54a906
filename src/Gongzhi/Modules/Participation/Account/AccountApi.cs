using Gongzhi.Platform.Scoping;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gongzhi.Modules.Participation.Account;

/// <summary>The caller's own account under <c>/api/v1/participation/account</c>.</summary>
internal static class AccountApi
{
    public static void MapAccountApi(this RouteGroupBuilder participation) =>
        participation.MapGroup("/account").MapGet("/", GetAsync);

    internal static async Task<Ok<AccountOverviewResponse>> GetAsync(AccountOverview overview, ICallerAccessor callers,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await overview.GetAsync(callers.Current, cancellationToken));
}
