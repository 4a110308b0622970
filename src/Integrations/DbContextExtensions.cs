using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CrmPlatform.Integrations;

public static class DbContextExtensions
{
    /// <summary>
    /// Inserts <paramref name="entity"/> unless a row with its key exists: the database's key, not a
    /// read-then-write check, decides, so a redelivered event or a concurrent twin inserts once.
    /// Returns whether this call inserted it.
    /// </summary>
    public static async Task<bool> InsertIfAbsentAsync<TEntity>(this DbContext db, TEntity entity, CancellationToken cancellationToken)
        where TEntity : class
    {
        var entry = db.Add(entity);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } unique
            && unique.ConstraintName == entry.Metadata.FindPrimaryKey()?.GetName())
        {
            entry.State = EntityState.Detached;
            return false;
        }
    }
}
