using Gongzhi.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gongzhi.Modules.Webhooks;

internal sealed class WebhookSubscriptionConfiguration : IEntityTypeConfiguration<WebhookSubscription>
{
    public void Configure(EntityTypeBuilder<WebhookSubscription> builder)
    {
        builder.ToTable("webhook_subscriptions");
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.JurisdictionCode).HasMaxLength(15);
        builder.Property(s => s.Url).HasMaxLength(WebhookSubscription.MaxUrlLength);
        builder.Property(s => s.Events).HasJsonListConversion();
        builder.Property(s => s.SecretProtected).HasMaxLength(2000);
        builder.Property(s => s.CreatedBy).HasMaxLength(64);
        // The outbox looks up the active subscriptions of a case's organisations on every save that writes a line.
        builder.HasIndex(s => new { s.OrganisationId, s.Active });
        builder.HasIndex(s => s.JurisdictionCode);
    }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> builder)
    {
        builder.ToTable("webhook_deliveries");
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.JurisdictionCode).HasMaxLength(15);
        builder.Property(d => d.Event).HasMaxLength(32);
        builder.Property(d => d.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(d => d.LastError).HasMaxLength(WebhookDelivery.MaxErrorLength);
        builder.HasOne<WebhookSubscription>().WithMany().HasForeignKey(d => d.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
        // The worker's scan: pending rows that are due. Few rows are pending at any time: the index holds just those.
        builder.HasIndex(d => d.NextAttemptAt).HasFilter("\"State\" = 'Pending'").HasDatabaseName("IX_webhook_deliveries_due");
        // A case's earlier deliveries to the same subscription, which must go first; and a subscription's recent ones.
        builder.HasIndex(d => new { d.SubscriptionId, d.CaseId, d.Sequence });
        builder.HasIndex(d => new { d.SubscriptionId, d.CreatedAt });
    }
}
