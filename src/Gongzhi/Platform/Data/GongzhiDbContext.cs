using System.Linq.Expressions;
using Gongzhi.Platform.Audit;
using Gongzhi.Platform.Identity;
using Gongzhi.Platform.Problems;
using Gongzhi.Platform.Scoping;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Gongzhi.Platform.Data;

/// <summary>
/// The one context. Modules contribute their entities through <see cref="IEntityTypeConfiguration{T}"/>
/// classes in their own folders; handlers use <c>Set&lt;T&gt;()</c> directly.
/// </summary>
public sealed class GongzhiDbContext(DbContextOptions<GongzhiDbContext> options, ICallerAccessor callers, TimeProvider clock,
    IEnumerable<ISaveHook> saveHooks)
    : IdentityDbContext<GongzhiUser, IdentityRole, string>(options), IDataProtectionKeyContext
{
    private Caller? caller;

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    /// <summary>The caller whose scope filters queries and guards writes; fixed for the life of the context.</summary>
    public Caller Caller
    {
        get => caller ??= callers.Current;
        set => caller = value;
    }

    /// <summary>Raised when an explicit transaction on this context commits (true) or rolls back (false).</summary>
    public event EventHandler<bool>? TransactionEnded;

    internal void OnTransactionEnded(bool committed) => TransactionEnded?.Invoke(this, committed);

    /// <summary>The modules' parts in every save, from the application's services (EF's own provider would answer an empty list).</summary>
    internal IReadOnlyList<ISaveHook> SaveHooks { get; } = saveHooks.ToList();

    /// <summary>Bulk seeding writes one summary audit entry itself instead of one per record.</summary>
    public bool SuppressRecordAudit { get; set; }

    // Read by the query filters; EF evaluates these per query, so each request sees its own scope.
    internal bool ScopeUnrestricted => Caller.IsSystem || Caller.ScopeCode == JurisdictionCode.City;

    // A caller without a scope (anonymous) matches nothing: "-" starts no jurisdiction code. Public
    // endpoints that show city-wide data read as the system and project only what is public.
    internal string ScopePrefix => Caller.ScopeCode.Length == 0 ? "-" : JurisdictionCode.QueryPrefix(Caller.ScopeCode);

    // Any caller with a scope lies below the city, so sees what the city itself set; a caller without one still sees nothing.
    internal bool SeesCityRecords => Caller.ScopeCode.Length > 0;

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        DatabaseSetup.ConfigureConventions(configurationBuilder);

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(GongzhiDbContext).Assembly);
        DatabaseSetup.ConfigureModel(builder, Database);

        foreach (var entityType in builder.Model.GetEntityTypes().Where(t => t.BaseType is null))
        {
            var clr = entityType.ClrType;
            if (typeof(IJurisdictional).IsAssignableFrom(clr))
            {
                var filter = typeof(IVisibleToDescendants).IsAssignableFrom(clr)
                    ? BuildVisibleFilter(clr)
                    : BuildInsideFilter(clr);
                builder.Entity(clr).HasQueryFilter(filter);
            }
            if (typeof(IVersioned).IsAssignableFrom(clr))
            {
                builder.Entity(clr).Property(nameof(IVersioned.Version)).IsConcurrencyToken();
            }
        }
    }

    private LambdaExpression BuildInsideFilter(Type clr)
    {
        // e => ScopeUnrestricted || e.JurisdictionCode.StartsWith(ScopePrefix)
        var e = Expression.Parameter(clr, "e");
        var code = Expression.Property(e, nameof(IJurisdictional.JurisdictionCode));
        var body = Expression.OrElse(Unrestricted(), StartsWith(code, Prefix()));
        return Expression.Lambda(body, e);
    }

    private LambdaExpression BuildVisibleFilter(Type clr)
    {
        // e => ScopeUnrestricted || e.JurisdictionCode.StartsWith(ScopePrefix) || ScopePrefix.StartsWith(e.JurisdictionCode)
        //      || (SeesCityRecords && e.JurisdictionCode == City)
        // The city's code (420100) is no prefix of its districts' (420103…), so what the city sets for everyone below it is
        // named apart; without it a street would not see the city's own courses, notices or directives.
        var e = Expression.Parameter(clr, "e");
        var code = Expression.Property(e, nameof(IJurisdictional.JurisdictionCode));
        var body = Expression.OrElse(
            Unrestricted(),
            Expression.OrElse(StartsWith(code, Prefix()),
                Expression.OrElse(StartsWith(Prefix(), code),
                    Expression.AndAlso(Expression.Property(Expression.Constant(this), nameof(SeesCityRecords)),
                        Expression.Equal(code, Expression.Constant(JurisdictionCode.City))))));
        return Expression.Lambda(body, e);
    }

    private MemberExpression Unrestricted() => Expression.Property(Expression.Constant(this), nameof(ScopeUnrestricted));

    private MemberExpression Prefix() => Expression.Property(Expression.Constant(this), nameof(ScopePrefix));

    private static MethodCallExpression StartsWith(Expression value, Expression prefix) =>
        Expression.Call(value, typeof(string).GetMethod(nameof(string.StartsWith), [typeof(string)])!, prefix);

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        ChangeTracker.DetectChanges();
        var now = clock.GetUtcNow();
        var who = Caller;
        foreach (var entry in ChangeTracker.Entries().ToList())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
            {
                continue;
            }
            GuardScope(entry, who);
            if (entry.Entity is IVersioned versioned && entry.State == EntityState.Modified)
            {
                versioned.Version++;
            }
            if (entry.Entity is IAudited audited && !SuppressRecordAudit)
            {
                AuditEntries.Add(AuditEntry.ForChange(now, who, entry.Metadata.ClrType.Name, audited.AuditKey,
                    (entry.Entity as IJurisdictional)?.JurisdictionCode, entry.State, ChangedProperties(entry)));
            }
        }
        var work = SaveHooks.Select(h => h.Prepare(ChangeTracker)).OfType<SaveHookWork>().ToList();
        var saved = await SaveWithHooksAsync(acceptAllChangesOnSuccess, work.Where(w => w.InTransaction is not null).ToList(), cancellationToken);
        foreach (var after in work)
        {
            after.AfterSave?.Invoke();
        }
        return saved;
    }

    private async Task<int> SaveWithHooksAsync(bool acceptAllChangesOnSuccess, List<SaveHookWork> inTransaction, CancellationToken cancellationToken)
    {
        if (inTransaction.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        var own = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        // In a transaction of its own the save needs no savepoint (two more round trips): a failure rolls it all back.
        var savepoints = Database.AutoSavepointsEnabled;
        Database.AutoSavepointsEnabled = own is null && savepoints;
        try
        {
            // Changes are accepted only once the hooks' writes are done too, so a failure leaves the context as it was.
            var saved = await base.SaveChangesAsync(false, cancellationToken);
            foreach (var work in inTransaction)
            {
                await work.InTransaction!(this, cancellationToken);
            }
            if (own is not null)
            {
                await own.CommitAsync(cancellationToken);
            }
            if (acceptAllChangesOnSuccess)
            {
                ChangeTracker.AcceptAllChanges();
            }
            return saved;
        }
        finally
        {
            Database.AutoSavepointsEnabled = savepoints;
            if (own is not null)
            {
                await own.DisposeAsync();
            }
        }
    }

    private static void GuardScope(EntityEntry entry, Caller who)
    {
        if (entry.Entity is not IJurisdictional record || who.IsSystem)
        {
            return;
        }
        var original = entry.State == EntityState.Modified
            ? entry.Property(nameof(IJurisdictional.JurisdictionCode)).OriginalValue as string
            : null;
        if (!who.Covers(record.JurisdictionCode) || (original is not null && !who.Covers(original)))
        {
            throw new ScopeViolationException(
                $"{entry.Metadata.ClrType.Name} in {record.JurisdictionCode} is outside your jurisdiction ({who.ScopeCode}).");
        }
    }

    private static string? ChangedProperties(EntityEntry entry) => entry.State == EntityState.Modified
        ? string.Join(",", entry.Properties.Where(p => p.IsModified && p.Metadata.Name != nameof(IVersioned.Version)).Select(p => p.Metadata.Name))
        : null;
}
