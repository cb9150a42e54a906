using Gongzhi.Platform.Data;
using Gongzhi.Platform.Problems;
using Gongzhi.Platform.Scoping;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gongzhi.Modules.Jurisdictions;

/// <summary>
/// A node of the jurisdiction tree: the city, a district, a street, a community or a grid.
/// Reference data every signed-in user may read, so it is deliberately not <see cref="IJurisdictional"/>
/// (no scope filter); only administrators change it, through the boundary import.
/// </summary>
public sealed class Jurisdiction : IVersioned, IAudited
{
    private Jurisdiction()
    {
    }

    public string Code { get; private set; } = "";

    public string Name { get; private set; } = "";

    public JurisdictionLevel Level { get; private set; }

    public string? ParentCode { get; private set; }

    /// <summary>True when the boundary was derived from the parent's (the demo) rather than surveyed and imported.</summary>
    public bool BoundaryDerived { get; private set; }

    /// <summary>A GeoJSON geometry (Polygon or MultiPolygon, WGS 84, 6 decimals).</summary>
    public string? Boundary { get; private set; }

    public double? CentroidLat { get; private set; }

    public double? CentroidLon { get; private set; }

    public long Version { get; set; }

    public string AuditKey => Code;

    public static Jurisdiction Create(string code, string name, string? boundary, bool boundaryDerived, double? centroidLat, double? centroidLon)
    {
        if (!JurisdictionCode.IsWellFormed(code))
        {
            throw new RuleViolationException(JurisdictionsText.Format("Node.InvalidCode", code));
        }
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new RuleViolationException(JurisdictionsText.Format("Node.NameRequired", code));
        }
        return new Jurisdiction
        {
            Code = code,
            Name = name.Trim(),
            Level = JurisdictionCode.LevelOf(code),
            ParentCode = JurisdictionCode.ParentOf(code),
            Boundary = boundary,
            BoundaryDerived = boundaryDerived,
            CentroidLat = centroidLat,
            CentroidLon = centroidLon,
        };
    }

    /// <summary>A derived boundary drawn again, from a parent whose boundary an import replaced; it stays derived.</summary>
    public void RederiveBoundary(string boundary, double centroidLat, double centroidLon) => SetBoundary(boundary, centroidLat, centroidLon);

    /// <summary>A surveyed boundary replaces whatever was there, derived or not.</summary>
    public void ReplaceBoundary(string boundary, double centroidLat, double centroidLon)
    {
        SetBoundary(boundary, centroidLat, centroidLon);
        BoundaryDerived = false;
    }

    private void SetBoundary(string boundary, double centroidLat, double centroidLon)
    {
        Boundary = boundary;
        CentroidLat = centroidLat;
        CentroidLon = centroidLon;
    }
}

internal sealed class JurisdictionConfiguration : IEntityTypeConfiguration<Jurisdiction>
{
    public void Configure(EntityTypeBuilder<Jurisdiction> builder)
    {
        builder.ToTable("jurisdictions");
        builder.HasKey(j => j.Code);
        builder.Property(j => j.Code).HasMaxLength(15);
        builder.Property(j => j.Name).HasMaxLength(64);
        builder.Property(j => j.Level).HasConversion<string>().HasMaxLength(16);
        builder.Property(j => j.ParentCode).HasMaxLength(15);
        builder.HasIndex(j => j.ParentCode);
        builder.HasIndex(j => j.Name);
    }
}
