using Mentoring.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Mentoring.Data.Configurations;

/// <summary>
/// On PostgreSQL, the roster search (<c>SearchText LIKE '%term%'</c>) reads a trigram index instead of
/// every person: pg_trgm ships with PostgreSQL and is a trusted extension, so the database owner can add it.
/// SQLite has no such index: there the search reads the table, which stays quick at 100,000 people.
/// </summary>
internal static class PostgresSearch
{
    public static void Configure(ModelBuilder builder, DatabaseFacade database)
    {
        if (!database.IsNpgsql())
        {
            return;
        }
        builder.HasPostgresExtension("pg_trgm");
        builder.Entity<Person>().HasIndex(p => p.SearchText).HasMethod("gin").HasOperators("gin_trgm_ops");
    }
}
