using System.Globalization;

namespace Gongzhi.Modules.Services.Training;

/// <summary>How training's figures are written on its pages and the dashboard.</summary>
internal static class TrainingText
{
    public static string Share(double? share) => share is { } s ? s.ToString("P0", CultureInfo.CurrentCulture) : "—";

    public static string Date(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "—";
}
