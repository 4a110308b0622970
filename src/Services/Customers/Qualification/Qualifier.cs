using CrmPlatform.Contracts.Customers;
using CrmPlatform.Customers.Accounts;
using CrmPlatform.Customers.History;
using CrmPlatform.Customers.Infrastructure;
using CrmPlatform.Messaging.Outbox;

namespace CrmPlatform.Customers.Qualification;

/// <summary>Records an assessment on a tracked customer: the assessment row, the customer's summary, history and event.</summary>
public static class Qualifier
{
    public static QualificationAssessment Assess(
        CustomersDbContext db, Customer customer, int profileFit, int purchaseCapacity, int paymentCapacityAssessed, int retentionWorth,
        string source, string actor, string? notes, DateTimeOffset now)
    {
        var payment = Scoring.EffectivePaymentCapacity(paymentCapacityAssessed, customer.OverdueInvoices);
        var score = Scoring.Score(profileFit, purchaseCapacity, payment, retentionWorth);
        var assessment = new QualificationAssessment
        {
            Id = Guid.CreateVersion7(),
            CustomerId = customer.Id,
            ProfileFit = profileFit,
            PurchaseCapacity = purchaseCapacity,
            PaymentCapacityAssessed = paymentCapacityAssessed,
            PaymentCapacity = payment,
            RetentionWorth = retentionWorth,
            Score = score,
            Decision = Scoring.Decide(score, profileFit, payment),
            Source = source,
            AssessedBy = actor,
            Notes = notes,
            AssessedAt = now,
        };
        db.Assessments.Add(assessment);

        var oldScore = customer.QualificationScore;
        var oldDecision = customer.QualificationDecision;
        customer.QualificationScore = assessment.Score;
        customer.QualificationDecision = assessment.Decision;
        customer.QualifiedAt = now;
        customer.UpdatedAt = now;
        customer.Version++;
        db.Record(customer.Id, actor, "qualified", now,
        [
            new FieldChange("qualification.score", oldScore?.ToString(System.Globalization.CultureInfo.InvariantCulture), assessment.Score.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new FieldChange("qualification.decision", oldDecision is null ? null : $"\"{oldDecision}\"", $"\"{assessment.Decision}\""),
        ]);
        db.AddEvent(new CustomerQualified
        {
            CustomerId = customer.Id,
            AssessmentId = assessment.Id,
            Score = assessment.Score,
            Decision = assessment.Decision,
            ProfileFit = profileFit,
            PurchaseCapacity = purchaseCapacity,
            PaymentCapacity = payment,
            RetentionWorth = retentionWorth,
            Source = source,
            AssessedBy = actor,
            AssessedAt = now,
        }, customer.Id, now);
        return assessment;
    }
}
