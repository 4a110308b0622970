using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmPlatform.Analytics.Lifetime;

/// <summary>
/// A fit of the lifetime-value model on all purchases up to a day, kept so that value profiles predict from a stored
/// model instead of refitting the whole base whenever a purchase arrives. Every fit is kept (a few hundred rows a year),
/// so drifting parameters can be followed; the newest is the one in use.
/// </summary>
public sealed class FittedLifetimeModel
{
    public Guid Id { get; init; }
    public DateTimeOffset FittedAt { get; init; }
    public DateOnly CalibrationEnd { get; init; }
    public int PeriodDays { get; init; }
    public double R { get; init; }
    public double Alpha { get; init; }
    public double A { get; init; }
    public double B { get; init; }
    public double LogLikelihood { get; init; }
    public double P { get; init; }
    public double Q { get; init; }
    public double Gamma { get; init; }
    public int Customers { get; init; }
    public int ReturningCustomers { get; init; }

    /// <summary>Seconds spent reading the purchases and fitting, for operators watching the cost grow with the base.</summary>
    public double FitSeconds { get; init; }

    public LifetimeValueModel ToModel() => new(
        new BgNbdModel(R, Alpha, A, B, LogLikelihood), new GammaGammaModel(P, Q, Gamma, 0), Customers, ReturningCustomers, PeriodDays);

    public static FittedLifetimeModel From(LifetimeValueModel model, DateTimeOffset fittedAt, DateOnly calibrationEnd, double fitSeconds) => new()
    {
        Id = Guid.CreateVersion7(fittedAt),
        FittedAt = fittedAt,
        CalibrationEnd = calibrationEnd,
        PeriodDays = (int)model.PeriodDays,
        R = model.BgNbd.R,
        Alpha = model.BgNbd.Alpha,
        A = model.BgNbd.A,
        B = model.BgNbd.B,
        LogLikelihood = model.BgNbd.LogLikelihood,
        P = model.GammaGamma.P,
        Q = model.GammaGamma.Q,
        Gamma = model.GammaGamma.Gamma,
        Customers = model.Customers,
        ReturningCustomers = model.ReturningCustomers,
        FitSeconds = fitSeconds,
    };
}

internal sealed class FittedLifetimeModelConfiguration : IEntityTypeConfiguration<FittedLifetimeModel>
{
    public void Configure(EntityTypeBuilder<FittedLifetimeModel> model)
    {
        model.ToTable("lifetime_models");
        model.HasKey(m => m.Id);
        model.HasIndex(m => m.FittedAt).HasDatabaseName("ix_lifetime_models_fitted_at");
    }
}
