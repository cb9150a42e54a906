using Gongzhi.Platform.Data;
using Gongzhi.Platform.Startup;
using Microsoft.EntityFrameworkCore;

namespace Gongzhi.Modules.Participation.Proposals;

/// <summary>
/// The pair index of the proposals' words (<see cref="ProposalWords"/>) on PostgreSQL: the platform's term function of the
/// case search (<see cref="TextSearch"/>, made after the migrations) over the title, the text and the area. EF Core models no
/// expression index, so it is made at every start with idempotent DDL, before anyone is served. On a large database make it
/// by hand first (<c>CREATE INDEX CONCURRENTLY</c>, same name and definition): start-up then finds it.
/// </summary>
internal sealed class ProposalSearchIndex : ISeeder
{
    // Nodes starting together would race on the catalogue: the advisory lock lets one create and the others find it done.
    private const string Create = """
        BEGIN;
        SELECT pg_advisory_xact_lock(74051716);
        CREATE INDEX IF NOT EXISTS ix_participation_proposals_terms ON participation_proposals
            USING gin (gongzhi_case_terms("Title", "Body", "JurisdictionCode"));
        COMMIT;
        """;

    /// <summary>First of all: it needs only the schema, and the demo's proposals are then indexed as they are written.</summary>
    public int Order => 1;

    public async Task SeedAsync(GongzhiDbContext db, SeedContext context, CancellationToken cancellationToken)
    {
        if (TextSearch.IsIndexed(db))
        {
            await db.Database.ExecuteSqlRawAsync(Create, cancellationToken);
        }
    }
}
