using Gongzhi.Modules.Accountability.Duties;
using Gongzhi.Modules.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Tests.Authorization;

/// <summary>The duty records: a line of each street office's seeded duty list.</summary>
internal sealed partial class MatrixRecords
{
    private async Task MakeDutiesAsync()
    {
        foreach (var (records, office) in new[] { (own, "420103001.office"), (foreign, $"{ForeignStreet}.office") })
        {
            var organisation = (await App.WithDbAsync(db => db.FindByCodeAsync(office, Cancel)))!.Id;
            records["duty"] = (await App.WithDbAsync(db => db.Set<Duty>().AsNoTracking().Where(d => d.OrganisationId == organisation)
                .OrderBy(d => d.Id).Select(d => d.Id).FirstAsync(Cancel))).ToString();
        }
    }
}
