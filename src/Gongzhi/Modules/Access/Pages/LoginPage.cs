using Gongzhi.Components;

namespace Gongzhi.Modules.Access.Pages;

/// <summary>The sign-in form's answer when its address has used up the minute's attempts.</summary>
public static class LoginPage
{
    public const string Path = "/account/login";

    public static bool IsFormPost(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && request.Path.Equals(Path, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Sends the browser back to the form (303, so that a reload does not post again), which says how long to wait and
    /// keeps where the person was going. The form is shown without a limit; only the attempts count.
    /// </summary>
    public static async Task RedirectToWaitAsync(HttpContext context, int seconds, CancellationToken cancellationToken)
    {
        var returnUrl = await ReturnUrlAsync(context.Request, cancellationToken);
        var query = QueryString.Create(new KeyValuePair<string, string?>[]
        {
            new("wait", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("ReturnUrl", LocalUrl.IsLocal(returnUrl) ? returnUrl : null),
        }.Where(p => p.Value is not null));
        context.Response.StatusCode = StatusCodes.Status303SeeOther;
        context.Response.Headers.Location = Path + query.ToUriComponent();
        context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<string?> ReturnUrlAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
        {
            return null;
        }
        try
        {
            var form = await request.ReadFormAsync(cancellationToken);
            return form["Input.ReturnUrl"].FirstOrDefault();
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or IOException)
        {
            // A malformed form loses only the return address: the person lands on the home page after signing in.
            return null;
        }
    }
}
