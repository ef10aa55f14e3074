using System.Diagnostics;
using System.Globalization;
using Mentoring.Data;
using Mentoring.Domain;
using Mentoring.Infrastructure.Audit;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;

namespace Mentoring.Features.People;

/// <summary>How far an import has got, for the progress bar and the UI status.</summary>
public sealed record ImportProgress(string Phase, int Done, int Total);

/// <summary>The outcome of an import: the counts, or the errors that stopped it.</summary>
public sealed record ImportResult(int Rows, int Created, int Updated, int Unchanged, bool DryRun, IReadOnlyList<ImportError> Errors, ImportGaps? Gaps = null)
{
    public bool Succeeded => Errors.Count == 0;

    /// <summary>The closing line every import prints, e.g. <c>1470 created, 0 updated, 0 unchanged</c>.</summary>
    public string Summary => $"{Created} created, {Updated} updated, {Unchanged} unchanged";
}

/// <summary>
/// What the people in an imported file lack once imported, and what each gap prevents: a thin file
/// imports without an error, so the summary says what it will cost.
/// </summary>
public sealed record ImportGaps(int NoName, int NoEmail, int NoOffice, int NoTimeZone)
{
    public bool Any => NoName + NoEmail + NoOffice + NoTimeZone > 0;

    /// <summary>One line per gap, e.g. <c>1,470 people have no e-mail: no sign-in, no invitations</c>.</summary>
    public IReadOnlyList<string> Warnings =>
        new[]
        {
            Line(NoName, "name", "shown by their HR id (\"Employee 123\"), hard to recognise in proposals and invitations"),
            Line(NoEmail, "e-mail", "no sign-in, no invitations"),
            Line(NoOffice, "office", "no in-person scheduling"),
            Line(NoTimeZone, "time zone (of their own or an office's)", "no working-hours fit"),
        }.OfType<string>().ToList();

    private static string? Line(int count, string what, string prevents) => count == 0
        ? null
        : $"{count.ToString("N0", CultureInfo.InvariantCulture)} {(count == 1 ? "person has" : "people have")} no {what}: {prevents}";
}

/// <summary>
/// Imports a roster CSV into the people table, keyed by external id. All or nothing: every row is
/// read and checked first (against the file and the database), and nothing is written unless
/// every row is good; the writes then run in one transaction. Importing the same file again
/// changes nothing. A column the file does not have leaves that field as it is.
/// On PostgreSQL the new people go in with COPY (<see cref="PostgresRosterCopy"/>), with their audit
/// records, in the same transaction; changed people go through EF Core as on SQLite.
/// </summary>
public sealed class RosterImporter(MentoringDbContext db, AuditContext? audit = null, ILogger<RosterImporter>? logger = null)
{
    /// <summary>How many errors are listed before the import stops looking.</summary>
    public const int MaxErrors = 20;

    /// <summary>Rows per SaveChanges (and per COPY); the change tracker is cleared after each.</summary>
    public const int BatchSize = 2000;
    private static readonly LocalDatePattern IsoDate = LocalDatePattern.Iso;

    /// <summary>Off to make PostgreSQL take the EF Core path too (the tests compare the two).</summary>
    public bool UseCopy { get; set; } = true;

    public async Task<ImportResult> ImportAsync(
        Stream csv, bool dryRun, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var watch = Stopwatch.StartNew();
        using var text = new StreamReader(csv, detectEncodingFromByteOrderMarks: true);
        var file = RosterCsvReader.Read(text, MaxErrors);
        Phase(watch, "read", file.Rows.Count);
        if (file.Errors.Count > 0 && file.Rows.Count == 0)
        {
            return Failed(file.Rows.Count, file.Errors, dryRun);
        }
        progress?.Report(new ImportProgress("Checking", 0, file.Rows.Count));

        var errors = new List<ImportError>(file.Errors);
        var offices = await db.Offices.AsNoTracking().ToListAsync(cancellationToken);
        var officeByName = offices.ToDictionary(o => o.Name, StringComparer.OrdinalIgnoreCase);
        // Untracked: each batch attaches only the people it changes, so the tracker stays small.
        var existing = await db.People.AsNoTracking().ToDictionaryAsync(p => p.ExternalId, StringComparer.Ordinal, cancellationToken);
        Phase(watch, "load", existing.Count);

        var limits = ColumnLimits(db.Model);

        // Check every row before anything is written.
        var plans = new List<RowPlan>(file.Rows.Count);
        var firstLineOf = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in file.Rows)
        {
            if (errors.Count >= MaxErrors)
            {
                break;
            }
            var plan = CheckFieldRules(row, file.HeaderOf, limits, errors)
                ? Check(row, file.HeaderOf, officeByName, firstLineOf, errors)
                : null;
            if (plan is not null)
            {
                plans.Add(plan);
            }
        }
        foreach (var plan in plans)
        {
            if (errors.Count >= MaxErrors)
            {
                break;
            }
            if (plan.ManagerExternalId is { } manager)
            {
                if (manager == plan.ExternalId)
                {
                    errors.Add(new ImportError(plan.Line, file.HeaderOf[RosterField.Manager], $"{Quote(manager)} is the person themself"));
                }
                else if (!firstLineOf.ContainsKey(manager) && !existing.ContainsKey(manager))
                {
                    errors.Add(new ImportError(plan.Line, file.HeaderOf[RosterField.Manager], $"unknown manager id {Quote(manager)}"));
                }
            }
        }
        if (errors.Count == 0)
        {
            CheckForLoops(plans, existing, file.HeaderOf.GetValueOrDefault(RosterField.Manager), errors);
        }
        if (errors.Count > 0)
        {
            return Failed(file.Rows.Count, errors, dryRun);
        }
        Phase(watch, "check", plans.Count);

        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = dryRun ? null : await db.Database.BeginTransactionAsync(cancellationToken);
            var result = await ApplyAsync(plans, existing, dryRun, progress, cancellationToken);
            Phase(watch, "write", plans.Count);
            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken);
                Phase(watch, "commit", plans.Count);
            }
            return result;
        });
    }

    private async Task<ImportResult> ApplyAsync(
        List<RowPlan> plans, Dictionary<string, Person> existing, bool dryRun,
        IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        // Change tracking is done by hand, per person touched: scanning every tracked person on
        // each save is what makes large imports slow.
        var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            int created = 0, updated = 0, done = 0;
            var personOf = new Dictionary<string, Person>(existing, StringComparer.Ordinal);
            var ordered = ManagersFirst(plans);
            var copy = dryRun || !UseCopy ? null : PostgresRosterCopy.For(db, audit);
            // COPY names the new people's ids itself, so a report can point at a manager of the same batch.
            var newIds = copy is null ? null : new Queue<int>(await copy.ReserveIdsAsync(plans.Count(p => !existing.ContainsKey(p.ExternalId)), cancellationToken));
            // Managers go before their reports, so a new manager is in the store before anyone points at them.
            foreach (var batch in ordered.Chunk(BatchSize))
            {
                var copied = new List<Person>();
                foreach (var plan in batch)
                {
                    var isNew = !existing.TryGetValue(plan.ExternalId, out var person);
                    person ??= new Person { ExternalId = plan.ExternalId, Name = "", Id = newIds?.Dequeue() ?? 0 };
                    // Only a person the row changes is tracked (from their stored values, so the save writes and audits just that).
                    var attached = !isNew && !dryRun && (plan.ApplyTo(RowPlan.Probe(person)) || !plan.Links(person, personOf));
                    if (attached)
                    {
                        db.People.Attach(person);
                    }
                    var changed = plan.ApplyTo(person);
                    if (plan.SetsManager)
                    {
                        var manager = plan.ManagerExternalId is null ? null : personOf[plan.ManagerExternalId];
                        if (!plan.Links(person, personOf))
                        {
                            // A manager saved in an earlier batch is no longer tracked: point at them by id.
                            person.Manager = manager?.Id is 0 ? manager : null;
                            person.ManagerId = manager?.Id is 0 ? null : manager?.Id;
                            changed = true;
                        }
                    }
                    if (isNew)
                    {
                        personOf[plan.ExternalId] = person;
                        created++;
                        if (copy is not null)
                        {
                            copied.Add(person);
                        }
                        else if (!dryRun)
                        {
                            db.People.Add(person);
                        }
                    }
                    else if (changed)
                    {
                        updated++;
                        if (!dryRun)
                        {
                            db.Entry(person).DetectChanges();
                        }
                    }
                    else if (attached)
                    {
                        db.Entry(person).State = EntityState.Detached;
                    }
                }
                if (!dryRun)
                {
                    if (copy is not null && copied.Count > 0)
                    {
                        await copy.WriteAsync(copied, cancellationToken);
                    }
                    await db.SaveChangesAsync(cancellationToken);
                    // What is saved needs no tracking; a tracker that grows makes every later save slower.
                    db.ChangeTracker.Clear();
                }
                done += batch.Length;
                progress?.Report(new ImportProgress("Writing", done, plans.Count));
            }
            return new ImportResult(plans.Count, created, updated, plans.Count - created - updated, dryRun, [], Gaps(plans, personOf));
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }
    }

    private void Phase(Stopwatch watch, string phase, int rows)
    {
        logger?.LogDebug("Roster import: {Phase} done at {Milliseconds} ms ({Rows} rows), CPU {Cpu} ms, {Memory} MiB",
            phase, watch.ElapsedMilliseconds, rows, (long)Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds,
            Environment.WorkingSet / (1024 * 1024));
    }

    /// <summary>What the file's people lack as they stand after the import (a dry run counts them as they would stand).</summary>
    private static ImportGaps Gaps(List<RowPlan> plans, Dictionary<string, Person> personOf)
    {
        int noName = 0, noEmail = 0, noOffice = 0, noZone = 0;
        foreach (var plan in plans)
        {
            var person = personOf[plan.ExternalId];
            // A person without a name in the file or the store is named after their HR id.
            noName += string.IsNullOrWhiteSpace(plan.Name) && person.Name == $"Employee {plan.ExternalId}" ? 1 : 0;
            noEmail += string.IsNullOrWhiteSpace(person.Email) ? 1 : 0;
            noOffice += person.OfficeId is null ? 1 : 0;
            noZone += person.TimeZone is null && person.OfficeId is null ? 1 : 0;
        }
        return new ImportGaps(noName, noEmail, noOffice, noZone);
    }

    /// <summary>The rows ordered so that a manager listed in the file comes before their reports (the file order otherwise).</summary>
    private static List<RowPlan> ManagersFirst(List<RowPlan> plans)
    {
        var inFile = plans.ToDictionary(p => p.ExternalId, StringComparer.Ordinal);
        var ordered = new List<RowPlan>(plans.Count);
        var placed = new HashSet<string>(StringComparer.Ordinal);
        var chain = new Stack<RowPlan>();
        foreach (var plan in plans)
        {
            // Walk up to the first manager not yet placed (or not in the file), then place the chain top-down.
            for (var current = plan; current is not null && !placed.Contains(current.ExternalId);)
            {
                chain.Push(current);
                placed.Add(current.ExternalId);
                current = current.SetsManager && current.ManagerExternalId is { } manager ? inFile.GetValueOrDefault(manager) : null;
            }
            while (chain.Count > 0)
            {
                ordered.Add(chain.Pop());
            }
        }
        return ordered;
    }

    /// <summary>Reports a reporting line that would loop (A manages B manages A) once the file is applied.</summary>
    private static void CheckForLoops(
        List<RowPlan> plans, Dictionary<string, Person> existing, string? managerColumn, List<ImportError> errors)
    {
        if (managerColumn is null)
        {
            return;
        }
        var externalIdOf = existing.Values.ToDictionary(p => p.Id, p => p.ExternalId);
        var managerOf = existing.Values.Where(p => p.ManagerId is not null)
            .ToDictionary(p => p.ExternalId, p => externalIdOf.GetValueOrDefault(p.ManagerId!.Value), StringComparer.Ordinal);
        foreach (var plan in plans.Where(p => p.SetsManager))
        {
            managerOf[plan.ExternalId] = plan.ManagerExternalId;
        }
        var cleared = new HashSet<string>(StringComparer.Ordinal);
        foreach (var plan in plans.Where(p => p.SetsManager))
        {
            var path = new HashSet<string>(StringComparer.Ordinal);
            for (var id = plan.ExternalId; id is not null && !cleared.Contains(id); id = managerOf.GetValueOrDefault(id))
            {
                if (!path.Add(id))
                {
                    errors.Add(new ImportError(plan.Line, managerColumn,
                        $"the reporting line loops: {string.Join(" → ", path.Append(id).Select(Quote))}"));
                    break;
                }
            }
            cleared.UnionWith(path);
            if (errors.Count >= MaxErrors)
            {
                return;
            }
        }
    }

    private static RowPlan? Check(
        RosterRow row,
        IReadOnlyDictionary<RosterField, string> headerOf,
        Dictionary<string, Office> officeByName,
        Dictionary<string, int> firstLineOf,
        List<ImportError> errors)
    {
        var before = errors.Count;
        void Error(RosterField field, string message) => errors.Add(new ImportError(row.Line, headerOf[field], message));
        string? Value(RosterField field) => row.Fields.TryGetValue(field, out var v) ? v : null;

        var id = Value(RosterField.ExternalId) ?? "";
        if (id.Length == 0)
        {
            Error(RosterField.ExternalId, "the id is empty");
        }
        else if (id.Length > 64)
        {
            Error(RosterField.ExternalId, "the id is longer than 64 characters");
        }
        else if (!firstLineOf.TryAdd(id, row.Line))
        {
            Error(RosterField.ExternalId, $"duplicate id {Quote(id)} (first on line {firstLineOf[id]})");
        }

        var plan = new RowPlan(id, row.Line, row.Attributes);
        if (Value(RosterField.Name) is { } name)
        {
            plan.Name = name;
        }
        if (Value(RosterField.FirstName) is not null || Value(RosterField.LastName) is not null)
        {
            var joined = $"{Value(RosterField.FirstName)} {Value(RosterField.LastName)}".Trim();
            plan.Name = string.IsNullOrEmpty(plan.Name) ? joined : plan.Name;
        }
        if (Value(RosterField.Email) is { } email)
        {
            if (email.Length > 0 && (!email.Contains('@', StringComparison.Ordinal) || email.Length > 320))
            {
                Error(RosterField.Email, $"{Quote(email)} is not an e-mail address");
            }
            plan.Email = (true, Optional(email));
        }
        if (Value(RosterField.Department) is { } department)
        {
            plan.Department = (true, Optional(department));
        }
        if (Value(RosterField.JobTitle) is { } title)
        {
            plan.JobTitle = (true, Optional(title));
        }
        if (Value(RosterField.Level) is { } level)
        {
            if (int.TryParse(level, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
                && number is >= Person.MinLevel and <= Person.MaxLevel)
            {
                plan.Level = number;
            }
            else
            {
                Error(RosterField.Level, $"{Quote(level)} is not a level from {Person.MinLevel} to {Person.MaxLevel}");
            }
        }
        if (Value(RosterField.Office) is { } office)
        {
            if (office.Length == 0)
            {
                plan.Office = (true, null);
            }
            else if (officeByName.TryGetValue(office, out var known))
            {
                plan.Office = (true, known);
            }
            else
            {
                var names = officeByName.Count == 0 ? "none is set up yet" : "known: " + string.Join(", ", officeByName.Keys.Order());
                Error(RosterField.Office, $"unknown office {Quote(office)} ({names})");
            }
        }
        if (Value(RosterField.TimeZone) is { } zone)
        {
            if (zone.Length > 0 && DateTimeZoneProviders.Tzdb.GetZoneOrNull(zone) is null)
            {
                Error(RosterField.TimeZone, $"unknown time zone {Quote(zone)} (use an IANA id such as Europe/London)");
            }
            plan.TimeZone = (true, Optional(zone));
        }
        if (Value(RosterField.Manager) is { } manager)
        {
            plan.SetsManager = true;
            plan.ManagerExternalId = Optional(manager);
        }
        if (Value(RosterField.HireDate) is { } hired)
        {
            if (hired.Length == 0)
            {
                plan.HireDate = (true, null);
            }
            else if (IsoDate.Parse(hired) is { Success: true } parsed)
            {
                plan.HireDate = (true, parsed.Value);
            }
            else
            {
                Error(RosterField.HireDate, $"{Quote(hired)} is not a date (yyyy-MM-dd)");
            }
        }
        if (Value(RosterField.Interests) is { } interests)
        {
            plan.Interests = SplitList(interests);
        }
        if (Value(RosterField.Skills) is { } skills)
        {
            plan.Skills = SplitList(skills);
        }
        if (Value(RosterField.Values) is { } values)
        {
            plan.Values = SplitList(values);
        }
        if (Value(RosterField.Active) is { } active)
        {
            switch (active.ToLowerInvariant())
            {
                case "" or "true" or "yes" or "y" or "1" or "active":
                    plan.Active = true;
                    break;
                case "false" or "no" or "n" or "0" or "inactive":
                    plan.Active = false;
                    break;
                default:
                    Error(RosterField.Active, $"{Quote(active)} is not yes or no");
                    break;
            }
        }
        return errors.Count == before ? plan : null;
    }

    /// <summary>The stored column each roster field lands in, and its limit, from the model.</summary>
    private static Dictionary<RosterField, int?> ColumnLimits(Microsoft.EntityFrameworkCore.Metadata.IModel model) => new()
    {
        [RosterField.ExternalId] = FieldRules.MaxLength<Person>(model, nameof(Person.ExternalId)),
        [RosterField.Name] = FieldRules.MaxLength<Person>(model, nameof(Person.Name)),
        [RosterField.FirstName] = FieldRules.MaxLength<Person>(model, nameof(Person.Name)),
        [RosterField.LastName] = FieldRules.MaxLength<Person>(model, nameof(Person.Name)),
        [RosterField.Email] = FieldRules.MaxLength<Person>(model, nameof(Person.Email)),
        [RosterField.Department] = FieldRules.MaxLength<Person>(model, nameof(Person.Department)),
        [RosterField.JobTitle] = FieldRules.MaxLength<Person>(model, nameof(Person.JobTitle)),
        [RosterField.TimeZone] = FieldRules.MaxLength<Person>(model, nameof(Person.TimeZone)),
        [RosterField.Manager] = FieldRules.MaxLength<Person>(model, nameof(Person.ExternalId)),
    };

    /// <summary>The shared field rules (length, no control characters) on every cell of a row, attributes too.</summary>
    private static bool CheckFieldRules(
        RosterRow row, IReadOnlyDictionary<RosterField, string> headerOf, Dictionary<RosterField, int?> limits, List<ImportError> errors)
    {
        var before = errors.Count;
        foreach (var (field, value) in row.Fields)
        {
            if (FieldRules.Check(value, limits.GetValueOrDefault(field)) is { } reason)
            {
                errors.Add(new ImportError(row.Line, headerOf.GetValueOrDefault(field, field.ToString()), $"the value {reason}"));
            }
        }
        foreach (var (name, value) in row.Attributes)
        {
            if (FieldRules.Check(value, maxLength: null) is { } reason)
            {
                errors.Add(new ImportError(row.Line, name, $"the value {reason}"));
            }
        }
        return errors.Count == before;
    }

    private static string? Optional(string value) => value.Length == 0 ? null : value;

    /// <summary>Lists in a cell are separated by semicolons (or by commas in a semicolon-free cell).</summary>
    internal static List<string> SplitList(string cell) =>
        cell.Split(cell.Contains(';', StringComparison.Ordinal) ? ';' : ',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();

    private static string Quote(string value) => "\"" + value + "\"";

    private static ImportResult Failed(int rows, IReadOnlyList<ImportError> errors, bool dryRun) =>
        new(rows, 0, 0, 0, dryRun, errors.OrderBy(e => e.Line).Take(MaxErrors).ToList());

    /// <summary>What one good row will set; fields the file lacks stay null and are left alone.</summary>
    private sealed class RowPlan(string externalId, int line, Dictionary<string, string> attributes)
    {
        public string ExternalId { get; } = externalId;
        public int Line { get; } = line;
        public string? Name { get; set; }
        public (bool Set, string? Value) Email { get; set; }
        public (bool Set, string? Value) Department { get; set; }
        public (bool Set, string? Value) JobTitle { get; set; }
        public int? Level { get; set; }
        public (bool Set, Office? Value) Office { get; set; }
        public (bool Set, string? Value) TimeZone { get; set; }
        public bool SetsManager { get; set; }
        public string? ManagerExternalId { get; set; }
        public (bool Set, LocalDate? Value) HireDate { get; set; }
        public List<string>? Interests { get; set; }
        public List<string>? Skills { get; set; }
        public List<string>? Values { get; set; }
        public bool? Active { get; set; }

        /// <summary>A copy of what <see cref="ApplyTo"/> reads and writes, to learn whether a row changes a stored person without touching them.</summary>
        public static Person Probe(Person person)
        {
            var probe = new Person
            {
                ExternalId = person.ExternalId,
                Name = person.Name,
                Email = person.Email,
                Department = person.Department,
                JobTitle = person.JobTitle,
                Level = person.Level,
                OfficeId = person.OfficeId,
                TimeZone = person.TimeZone,
                HireDate = person.HireDate,
                Interests = person.Interests,
                Skills = person.Skills,
                Values = person.Values,
                Active = person.Active,
                Attributes = person.Attributes,
            };
            return probe;
        }

        /// <summary>Whether the person already reports to the row's manager (true when the row sets none).</summary>
        public bool Links(Person person, Dictionary<string, Person> personOf)
        {
            if (!SetsManager)
            {
                return true;
            }
            var manager = ManagerExternalId is null ? null : personOf[ManagerExternalId];
            return manager is null ? person.ManagerId is null : manager.Id != 0 && person.ManagerId == manager.Id;
        }

        /// <summary>Copies the row onto the person; true when anything changed.</summary>
        public bool ApplyTo(Person person)
        {
            var changed = false;
            void Set<T>(T current, T value, Action<T> assign)
            {
                if (!EqualityComparer<T>.Default.Equals(current, value))
                {
                    assign(value);
                    changed = true;
                }
            }

            var name = string.IsNullOrWhiteSpace(Name) ? null : Name;
            if (name is not null)
            {
                Set(person.Name, name, v => person.Name = v);
            }
            else if (string.IsNullOrEmpty(person.Name))
            {
                Set(person.Name, $"Employee {ExternalId}", v => person.Name = v);
            }
            if (Email.Set)
            {
                Set(person.Email, Email.Value, v => person.Email = v);
            }
            if (Department.Set)
            {
                Set(person.Department, Department.Value, v => person.Department = v);
            }
            if (JobTitle.Set)
            {
                Set(person.JobTitle, JobTitle.Value, v => person.JobTitle = v);
            }
            if (Level is { } level)
            {
                Set(person.Level, level, v => person.Level = v);
            }
            if (Office.Set)
            {
                Set(person.OfficeId, Office.Value?.Id, v => person.OfficeId = v);
            }
            if (TimeZone.Set)
            {
                Set(person.TimeZone, TimeZone.Value, v => person.TimeZone = v);
            }
            if (HireDate.Set)
            {
                Set(person.HireDate, HireDate.Value, v => person.HireDate = v);
            }
            if (Interests is not null && !Interests.SequenceEqual(person.Interests))
            {
                person.Interests = Interests;
                changed = true;
            }
            if (Skills is not null && !Skills.SequenceEqual(person.Skills))
            {
                person.Skills = Skills;
                changed = true;
            }
            if (Values is not null && !Values.SequenceEqual(person.Values))
            {
                person.Values = Values;
                changed = true;
            }
            if (Active is { } active)
            {
                Set(person.Active, active, v => person.Active = v);
            }
            if (!AttributesEqual(person.Attributes, attributes))
            {
                person.Attributes = new Dictionary<string, string>(attributes, StringComparer.Ordinal);
                changed = true;
            }
            if (changed || string.IsNullOrEmpty(person.SearchText))
            {
                person.RefreshSearchText();
            }
            return changed;
        }

        private static bool AttributesEqual(Dictionary<string, string> a, Dictionary<string, string> b) =>
            a.Count == b.Count && a.All(pair => b.TryGetValue(pair.Key, out var v) && v == pair.Value);
    }
}
