using Microsoft.AspNetCore.Http;

namespace Gongzhi.Components.Kit;

/// <summary>
/// What the user typed into the form the page was posted with, so that a form that comes back with errors shows it
/// again instead of empty fields.
/// </summary>
public static class PostedForm
{
    /// <summary>Whether the request posted a form (Blazor names it in <c>_handler</c>); with <paramref name="form"/>, that form.</summary>
    public static bool IsPosted(HttpContext http, string? form = null) =>
        HttpMethods.IsPost(http.Request.Method) && http.Request.HasFormContentType
        && (form is null || http.Request.Form["_handler"] == form);

    /// <summary>The posted value of <paramref name="field"/>, or <paramref name="fallback"/> when the page was not posted
    /// (or posted by another of its forms than <paramref name="form"/>).</summary>
    public static string? Value(HttpContext http, string field, string? fallback = null, string? form = null) =>
        IsPosted(http, form) ? http.Request.Form[field].ToString() : fallback;

    /// <summary>The <paramref name="index"/>-th posted value of a field the form repeats (rows of a table), or
    /// <paramref name="fallback"/> when the page was not posted.</summary>
    public static string? Value(HttpContext http, string field, int index, string? fallback = null) =>
        IsPosted(http) ? (http.Request.Form[field] is var posted && index < posted.Count ? posted[index] : null) : fallback;
}
