namespace Gongzhi.Modules.Cases.Open311;

public static class Open311Setup
{
    public static void MapOpen311(this WebApplication app)
    {
        app.MapOpen311Api();
        app.MapOpen311KeysApi();
    }
}
