using Gongzhi.Modules.SocialForces.Purchase;
using Gongzhi.Platform.Actions;
using Gongzhi.Platform.Data;
using Gongzhi.Platform.PersonalData;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gongzhi.Modules.SocialForces.Funds;

public enum FundMovementKind
{
    Received,
    Allocated,
    Used,
}

public enum DonationForm
{
    Money,
    Goods,
}

/// <summary>
/// A community fund (社区基金) or donation account of an area. <see cref="Balance"/> is the money held and
/// <see cref="Reserved"/> what is allocated to needs or projects and not used yet; both change only together with a
/// movement, by one conditional update of this row (check constraints keep them non-negative and the reserve within
/// the balance), so the balance is always the sum of the movements' deltas.
/// </summary>
public sealed class CommunityFund : IJurisdictional, IAudited
{
    public const int MaxNameLength = 100;

    private CommunityFund()
    {
    }

    public Guid Id { get; private set; }

    public string JurisdictionCode { get; private set; } = "";

    public string Name { get; private set; } = "";

    /// <summary>In fen.</summary>
    public long Balance { get; private set; }

    /// <summary>Allocated and not used yet, in fen.</summary>
    public long Reserved { get; private set; }

    /// <summary>The number of movements: the next one's sequence number.</summary>
    public long Movements { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public string AuditKey => Id.ToString();

    public static CommunityFund Open(string? name, string? jurisdictionCode, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>();
        var title = name?.Trim() ?? "";
        if (title.Length is 0 or > MaxNameLength)
        {
            errors["name"] = [SocialText.Format("Field.Required", MaxNameLength)];
        }
        if (!Gongzhi.Platform.Scoping.JurisdictionCode.IsWellFormed(jurisdictionCode))
        {
            errors["jurisdictionCode"] = [SocialText.Get("Field.JurisdictionCode")];
        }
        if (errors.Count > 0)
        {
            throw new FieldValidationException(errors);
        }
        return new CommunityFund { Id = Guid.CreateVersion7(), Name = title, JurisdictionCode = jurisdictionCode!, CreatedAt = now };
    }
}

/// <summary>
/// One line of a fund's public ledger (公示): money or goods received, an allocation to a need or project, or a use of
/// an allocation. <see cref="Delta"/> is the change of the money balance (goods and allocations change none);
/// <see cref="BalanceAfter"/> the running balance after it.
/// </summary>
public sealed class FundMovement : IJurisdictional, IAudited
{
    public const int MaxTextLength = 200;

    private FundMovement()
    {
    }

    public Guid Id { get; private set; }

    public Guid FundId { get; private set; }

    public string JurisdictionCode { get; private set; } = "";

    public long Sequence { get; private set; }

    public FundMovementKind Kind { get; private set; }

    public DonationForm Form { get; private set; }

    /// <summary>The nominal amount in fen (money received, allocated or used; the declared value of goods).</summary>
    public long Amount { get; private set; }

    public long Delta { get; private set; }

    public long BalanceAfter { get; private set; }

    /// <summary>The donor as published: masked (张*) or 匿名; the fund keeps no donor's full name.</summary>
    public string? Donor { get; private set; }

    /// <summary>Goods received, the need allocated to, or what a use paid for.</summary>
    public string Purpose { get; private set; } = "";

    public Guid? ProjectId { get; private set; }

    /// <summary>For a use: the allocation it draws on.</summary>
    public Guid? AllocationId { get; private set; }

    public DateTimeOffset At { get; private set; }

    public string RecordedBy { get; private set; } = "";

    public string AuditKey => Id.ToString();

    /// <summary>A movement as asked for, checked; its sequence and running balance are set under the fund's row lock.</summary>
    public static FundMovement Ask(CommunityFund fund, FundMovementKind kind, DonationForm? form, decimal? amount, string? donor, string? purpose,
        Guid? projectId, Guid? allocationId, string recordedBy, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>();
        var fen = Fen.From(amount);
        if (fen is not > 0)
        {
            errors["amount"] = [SocialText.Get("Field.Amount")];
        }
        var text = purpose?.Trim() ?? "";
        if (text.Length is 0 or > MaxTextLength)
        {
            errors["purpose"] = [SocialText.Format("Field.Required", MaxTextLength)];
        }
        var givenForm = kind == FundMovementKind.Received ? form : DonationForm.Money;
        if (givenForm is null || !Enum.IsDefined(givenForm.Value))
        {
            errors["form"] = [SocialText.Get("Fund.Form")];
        }
        if (donor?.Trim().Length > 50)
        {
            errors["donor"] = [SocialText.Format("Field.TooLong", 50)];
        }
        if (errors.Count > 0)
        {
            throw new FieldValidationException(errors);
        }
        var money = givenForm == DonationForm.Money;
        return new FundMovement
        {
            Id = Guid.CreateVersion7(),
            FundId = fund.Id,
            JurisdictionCode = fund.JurisdictionCode,
            Kind = kind,
            Form = givenForm!.Value,
            Amount = fen!.Value,
            Delta = kind switch
            {
                FundMovementKind.Received when money => fen.Value,
                FundMovementKind.Used => -fen.Value,
                _ => 0,
            },
            Donor = kind != FundMovementKind.Received ? null : string.IsNullOrWhiteSpace(donor) ? SocialText.Get("Fund.Anonymous") : Masks.Name(donor.Trim()),
            Purpose = text,
            ProjectId = projectId,
            AllocationId = allocationId,
            At = now,
            RecordedBy = recordedBy,
        };
    }

    /// <summary>How the movement changes the reserve: an allocation reserves, a use releases what it uses.</summary>
    public long ReserveDelta => Kind switch
    {
        FundMovementKind.Allocated => Amount,
        FundMovementKind.Used => -Amount,
        _ => 0,
    };

    internal void Place(long sequence, long balanceAfter)
    {
        Sequence = sequence;
        BalanceAfter = balanceAfter;
    }
}

internal sealed class CommunityFundConfiguration : IEntityTypeConfiguration<CommunityFund>
{
    public void Configure(EntityTypeBuilder<CommunityFund> builder)
    {
        builder.ToTable("social_funds", t => t.HasCheckConstraint("CK_social_funds_balance",
            "\"Balance\" >= 0 AND \"Reserved\" >= 0 AND \"Reserved\" <= \"Balance\""));
        builder.Property(f => f.Id).ValueGeneratedNever();
        builder.Property(f => f.JurisdictionCode).HasMaxLength(15);
        builder.Property(f => f.Name).HasMaxLength(CommunityFund.MaxNameLength);
        builder.HasIndex(f => f.JurisdictionCode);
    }
}

internal sealed class FundMovementConfiguration : IEntityTypeConfiguration<FundMovement>
{
    public void Configure(EntityTypeBuilder<FundMovement> builder)
    {
        builder.ToTable("social_fund_movements");
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.JurisdictionCode).HasMaxLength(15);
        builder.Property(m => m.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.Form).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.Donor).HasMaxLength(64);
        builder.Property(m => m.Purpose).HasMaxLength(FundMovement.MaxTextLength);
        builder.Property(m => m.RecordedBy).HasMaxLength(64);
        builder.Ignore(m => m.ReserveDelta);
        builder.HasIndex(m => new { m.FundId, m.Sequence }).IsUnique();
        builder.HasIndex(m => m.AllocationId);
        builder.HasOne<CommunityFund>().WithMany().HasForeignKey(m => m.FundId).OnDelete(DeleteBehavior.Cascade);
    }
}
