namespace Mentoring.Features.People;

/// <summary>The person fields a roster column can fill.</summary>
internal enum RosterField
{
    ExternalId,
    Name,
    FirstName,
    LastName,
    Email,
    Department,
    JobTitle,
    Level,
    Office,
    TimeZone,
    Manager,
    HireDate,
    Interests,
    Skills,
    Values,
    Active,
}

/// <summary>
/// Maps roster headers to fields, case-insensitively and ignoring spaces, dashes and underscores,
/// with the aliases common HR exports use (Workday, BambooHR, the IBM attrition set …), so files
/// import as they are. Columns that match no field are kept on the person as attributes.
/// </summary>
internal static class RosterColumns
{
    private static readonly Dictionary<string, RosterField> Aliases = BuildAliases();

    /// <summary>The header each field is written under by <c>export people</c>.</summary>
    public static IReadOnlyDictionary<RosterField, string> CanonicalHeaders { get; } = new Dictionary<RosterField, string>
    {
        [RosterField.ExternalId] = "ExternalId",
        [RosterField.Name] = "Name",
        [RosterField.Email] = "Email",
        [RosterField.Department] = "Department",
        [RosterField.JobTitle] = "JobTitle",
        [RosterField.Level] = "Level",
        [RosterField.Office] = "Office",
        [RosterField.TimeZone] = "TimeZone",
        [RosterField.Manager] = "ManagerId",
        [RosterField.HireDate] = "HireDate",
        [RosterField.Interests] = "Interests",
        [RosterField.Skills] = "Skills",
        [RosterField.Values] = "Values",
        [RosterField.Active] = "Active",
    };

    /// <summary>
    /// A spreadsheet runs a cell that starts with = + - @ (or a tab or CR before them) as a formula:
    /// export prefixes such a cell with a single quote (OWASP's advice), which spreadsheets show as
    /// text. A cell that already starts with a quote gets one too, so that import, which takes one
    /// quote off, gives back exactly what was stored. Plain numbers ("-3") are left as they are.
    /// </summary>
    public static string? Neutralize(string? value) =>
        value is { Length: > 0 } && (IsFormulaStart(value[0]) || value[0] == '\'') && !IsPlainNumber(value) ? "'" + value : value;

    /// <summary>Reverses <see cref="Neutralize"/> on an imported cell; any other value is kept as it is.</summary>
    public static string Restore(string value) =>
        value.Length > 1 && value[0] == '\'' && (IsFormulaStart(value[1]) || value[1] == '\'') && !IsPlainNumber(value[1..]) ? value[1..] : value;

    private static bool IsFormulaStart(char c) => c is '=' or '+' or '-' or '@' or '\t' or '\r';

    private static bool IsPlainNumber(string value) =>
        double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _);

    public static RosterField? Match(string header) =>
        Aliases.TryGetValue(Normalize(header), out var field) ? field : null;

    private static string Normalize(string header) =>
        new(header.Trim().Trim('\uFEFF').Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());

    private static Dictionary<string, RosterField> BuildAliases()
    {
        var aliases = new Dictionary<RosterField, string[]>
        {
            [RosterField.ExternalId] = ["ExternalId", "EmployeeNumber", "EmployeeId", "EmployeeNo", "EmpId", "EmpNo", "Id",
                "PersonId", "StaffId", "StaffNumber", "WorkerId", "PersonnelNumber", "UserId"],
            [RosterField.Name] = ["Name", "FullName", "EmployeeName", "DisplayName", "PreferredName", "WorkerName"],
            [RosterField.FirstName] = ["FirstName", "GivenName", "Forename"],
            [RosterField.LastName] = ["LastName", "Surname", "FamilyName"],
            [RosterField.Email] = ["Email", "EmailAddress", "WorkEmail", "WorkEmailAddress", "Mail", "CorporateEmail"],
            [RosterField.Department] = ["Department", "Dept", "DepartmentName", "BusinessUnit", "Division", "OrgUnit"],
            [RosterField.JobTitle] = ["JobTitle", "Title", "JobRole", "Role", "Position", "PositionTitle", "JobName"],
            [RosterField.Level] = ["Level", "JobLevel", "Grade", "JobGrade", "CareerLevel", "Seniority", "SeniorityLevel"],
            [RosterField.Office] = ["Office", "OfficeName", "Location", "WorkLocation", "Site"],
            [RosterField.TimeZone] = ["TimeZone", "TZ", "TimeZoneId", "Zone"],
            [RosterField.Manager] = ["ManagerId", "Manager", "ManagerExternalId", "ManagerEmployeeNumber", "ManagerEmployeeId",
                "ReportsTo", "SupervisorId", "LineManagerId"],
            [RosterField.HireDate] = ["HireDate", "StartDate", "DateOfJoining", "JoinDate", "DateHired", "OriginalHireDate"],
            [RosterField.Interests] = ["Interests", "Interest", "Hobbies"],
            [RosterField.Skills] = ["Skills", "Skill", "Expertise", "Competencies"],
            [RosterField.Values] = ["Values", "Value", "PersonalValues"],
            [RosterField.Active] = ["Active", "IsActive", "Enabled"],
        };
        var map = new Dictionary<string, RosterField>(StringComparer.Ordinal);
        foreach (var (field, names) in aliases)
        {
            foreach (var name in names)
            {
                map.Add(Normalize(name), field);
            }
        }
        return map;
    }
}
