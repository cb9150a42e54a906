namespace Gongzhi.Components;

public static class WebUiSetup
{
    public static void AddWebUi(this WebApplicationBuilder builder)
    {
    }

    public static void UseWebUi(this WebApplication app)
    {
    }

    public static void MapWebUi(this WebApplication app)
    {
    }
}
