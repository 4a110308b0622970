using CrmPlatform.Contracts.Accounting;
using CrmPlatform.Customers.Accounts;
using CrmPlatform.Customers.Duplicates;
using CrmPlatform.Customers.Infrastructure;
using CrmPlatform.Integrations;
using CrmPlatform.Messaging.Inbox;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Customers.Qualification;

/// <summary>
/// Accounting's payment reports move the customer's payment capacity: an overdue invoice caps it, its
/// payment lifts the cap. When the open overdue count changes and the customer was assessed before,
/// the last assessment is repeated with the new cap (source <c>accounting</c>).
/// </summary>
public sealed class PaymentStanding(CustomersDbContext db, CustomerCache cache, TimeProvider clock, ILogger<PaymentStanding> logger)
{
    public async Task ApplyAsync<T>(EventContext<T> context, Guid customerId, Func<Guid, Task<bool>> change, CancellationToken cancellationToken)
        where T : class
    {
        var id = await MergedCustomers.SurvivorOfAsync(db, customerId, cancellationToken) ?? customerId;
        var customer = await db.Customers.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (customer is null)
        {
            logger.LogWarning("Accounting reported a payment for unknown customer {CustomerId}; ignored", customerId);
            return;
        }

        if (!await change(id))
        {
            return; // a repeated report: nothing moved
        }

        await db.SaveChangesAsync(cancellationToken);
        customer.OverdueInvoices = await db.OverdueInvoices.CountAsync(i => i.CustomerId == id, cancellationToken);
        var last = await db.Assessments.AsNoTracking().Where(a => a.CustomerId == id && a.Source == "seller")
            .OrderByDescending(a => a.AssessedAt).FirstOrDefaultAsync(cancellationToken);
        var now = clock.GetUtcNow().ToPostgresPrecision();
        if (last is null)
        {
            customer.UpdatedAt = now;
            customer.Version++;
        }
        else
        {
            Qualifier.Assess(db, customer, last.ProfileFit, last.PurchaseCapacity, last.PaymentCapacityAssessed, last.RetentionWorth,
                "accounting", Actor.System, $"Overdue invoices now {customer.OverdueInvoices}.", now);
        }

        context.AfterCommit(() => cache.InvalidateAsync(customer.Id, customer.Version));
    }
}

public sealed class CustomerPaymentOverdueHandler(CustomersDbContext db, PaymentStanding standing) : IEventHandler<CustomerPaymentOverdue>
{
    public Task HandleAsync(EventContext<CustomerPaymentOverdue> context, CancellationToken cancellationToken) =>
        standing.ApplyAsync(context, context.Message.CustomerId, async id =>
        {
            var report = context.Message;
            if (await db.OverdueInvoices.AnyAsync(i => i.CustomerId == id && i.InvoiceId == report.InvoiceId, cancellationToken))
            {
                return false;
            }

            db.OverdueInvoices.Add(new OverdueInvoice
            {
                CustomerId = id,
                InvoiceId = report.InvoiceId,
                Amount = report.Amount,
                Currency = report.Currency,
                DueDate = report.DueDate,
                ReportedAt = report.ReportedAt,
            });
            return true;
        }, cancellationToken);
}

public sealed class CustomerPaymentReceivedHandler(CustomersDbContext db, PaymentStanding standing) : IEventHandler<CustomerPaymentReceived>
{
    public Task HandleAsync(EventContext<CustomerPaymentReceived> context, CancellationToken cancellationToken) =>
        standing.ApplyAsync(context, context.Message.CustomerId, async id =>
        {
            var invoice = await db.OverdueInvoices.FirstOrDefaultAsync(i => i.CustomerId == id && i.InvoiceId == context.Message.InvoiceId, cancellationToken);
            if (invoice is null)
            {
                return false; // paid on time, or already settled
            }

            db.OverdueInvoices.Remove(invoice);
            return true;
        }, cancellationToken);
}
