using Gongzhi.Modules.Cases.Pages;

namespace Gongzhi.Modules.Whistles.Pages;

/// <summary>How the whistle sections write times: as the case page around them does.</summary>
internal static class WhistleUi
{
    public static string Time(DateTimeOffset at) => CaseUi.Time(at);
}
