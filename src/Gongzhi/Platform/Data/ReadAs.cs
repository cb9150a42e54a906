using Gongzhi.Platform.Scoping;

namespace Gongzhi.Platform.Data;

public static class ReadAs
{
    /// <summary>
    /// Runs <paramref name="read"/> with <paramref name="caller"/> as the context's caller, so its scope filters apply, and puts
    /// the previous caller back afterwards, also when the read fails.
    /// </summary>
    public static async Task<T> ReadAsAsync<T>(this GongzhiDbContext db, Caller caller, Func<Task<T>> read)
    {
        var previous = db.Caller;
        db.Caller = caller;
        try
        {
            return await read();
        }
        finally
        {
            db.Caller = previous;
        }
    }
}
