using static Gongzhi.Tests.Cases.Api.CaseApiKit;

namespace Gongzhi.Tests.Authorization;

/// <summary>The training records: in each street a course set by its street office, a session ahead, a staff member enrolled, and a certificate of theirs.</summary>
internal sealed partial class MatrixRecords
{
    private async Task MakeTrainingAsync(HttpClient foreignStreet, string suffix)
    {
        const string api = "/api/v1/services/training";
        foreach (var (records, client, street, staffScope, name) in new[]
        {
            (own, Clients[MatrixRole.StreetDispatcher], "420103001", WanNianGrid, "trainee"), (foreign, foreignStreet, ForeignStreet, ForeignCommunity, "trainee2"),
        })
        {
            // A staff member of the matrix's own: enrolling a demo account would change what other tests see of its training.
            var (trainee, _) = await AccountAsync($"mx.{name}.{suffix}", staffScope,
                [staffScope.Length == 15 ? Gongzhi.Platform.Scoping.Roles.GridWorker : Gongzhi.Platform.Scoping.Roles.CommunityStaff], null);
            records["trainee"] = trainee;
            records["trainingcourse"] = await CreatedIdAsync(client, $"{api}/courses", new
            {
                jurisdictionCode = street, code = $"MX{name}{suffix}".ToUpperInvariant(), name = "矩阵培训课程", kind = "PolicyBusiness", hours = 2,
                requiredFor = Array.Empty<string>(),
            });
            records["trainingsession"] = await CreatedIdAsync(client, $"{api}/sessions", new
            {
                courseId = records["trainingcourse"], jurisdictionCode = street, startsAt = DateTimeOffset.UtcNow.AddDays(3), minutes = 60, place = "矩阵培训室",
                capacity = 50,
            });
            records["enrolment"] = await CreatedIdAsync(client, $"{api}/sessions/{records["trainingsession"]}/enrolments", new { userName = trainee });
            records["trainingcertificate"] = await CreatedIdAsync(client, $"{api}/certificates", new
            {
                userName = trainee, kind = "矩阵培训证书", number = $"MX-{name}-{suffix}", issuedOn = new DateOnly(2024, 3, 1),
            });
        }
    }
}
