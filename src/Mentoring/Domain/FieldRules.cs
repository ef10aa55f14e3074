using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Mentoring.Domain;

/// <summary>
/// What any stored text may hold, whoever writes it (the API, the pages, the roster import, the
/// command line): no NUL (PostgreSQL refuses it), no control characters in single-line fields (a
/// CR/LF in a name would start a new line in an iCalendar feed or an e-mail header), and no more
/// characters than the column holds. The column limits come from the model (Data/Configurations).
/// </summary>
public static class FieldRules
{
    /// <summary>Columns this long or longer hold free text that may run over several lines.</summary>
    public const int MultiLineFrom = 1000;

    /// <summary>Why <paramref name="value"/> cannot be stored, or null when it can.</summary>
    public static string? Check(string? value, int? maxLength, bool multiLine = false)
    {
        if (value is null)
        {
            return null;
        }
        if (maxLength is { } max && value.Length > max)
        {
            return $"is longer than {max.ToString(CultureInfo.InvariantCulture)} characters";
        }
        foreach (var c in value)
        {
            if (c == '\0')
            {
                return "contains a NUL character";
            }
            if (IsControl(c) && !(multiLine && c is '\t' or '\n' or '\r'))
            {
                return multiLine ? "contains a control character" : "contains a line break or another control character";
            }
        }
        return null;
    }

    /// <summary>C0 and C1 controls, DEL, and the Unicode line and paragraph separators.</summary>
    public static bool IsControl(char c) => char.IsControl(c) || c is '\u2028' or '\u2029';

    /// <summary>The rule for one stored property: its column length, and whether it is free text.</summary>
    public static string? Check(IProperty property, string? value)
    {
        var max = property.GetMaxLength();
        return Check(value, max, multiLine: max is null or >= MultiLineFrom);
    }

    /// <summary>The column limit of <typeparamref name="TEntity"/>.<paramref name="property"/> in <paramref name="model"/>.</summary>
    public static int? MaxLength<TEntity>(IModel model, string property) =>
        model.FindEntityType(typeof(TEntity))?.FindProperty(property)?.GetMaxLength();

    /// <summary>The camel-case name a JSON caller knows the field by.</summary>
    public static string JsonName(string property) =>
        property.Length == 0 ? property : char.ToLowerInvariant(property[0]) + property[1..];
}

/// <summary>A value that breaks <see cref="FieldRules"/>; the HTTP edge answers it with 400 naming the field.</summary>
public sealed class FieldRuleException(string entity, string field, string reason)
    : Exception($"{field} {reason}")
{
    public string Entity { get; } = entity;

    public string Field { get; } = field;

    public string Reason { get; } = reason;
}

/// <summary>
/// The last line of defence: every string written through EF Core is checked against
/// <see cref="FieldRules"/> before it reaches the database, so no path (even one that forgot to
/// validate) can store a NUL, a control character in a name, or an over-long value.
/// </summary>
public sealed class FieldRulesInterceptor : SaveChangesInterceptor
{
    public static readonly FieldRulesInterceptor Instance = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Validate(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Validate(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void Validate(DbContext? context)
    {
        if (context is null)
        {
            return;
        }
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified))
            {
                continue;
            }
            foreach (var property in entry.Properties)
            {
                if (property.Metadata.ClrType != typeof(string) || property.Metadata.GetValueConverter() is not null
                    || entry.State == EntityState.Modified && !property.IsModified)
                {
                    continue;
                }
                if (FieldRules.Check(property.Metadata, property.CurrentValue as string) is { } reason)
                {
                    throw new FieldRuleException(entry.Metadata.ClrType.Name, FieldRules.JsonName(property.Metadata.Name), reason);
                }
            }
        }
    }
}
