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
