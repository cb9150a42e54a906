using Gongzhi.Modules.Cases.Catalogue;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Gongzhi.Modules.Cases.Intake;

public sealed partial class CaseIntakeService
{
    /// <summary>
    /// The application's <see cref="CategoryCatalogue"/> singleton, reached through the context's services (which
    /// fall back to the application's) rather than the constructor.
    /// </summary>
    private CategoryCatalogue Categories => db.GetService<CategoryCatalogue>();
}
