using System.Globalization;
using System.Text;

namespace Mentoring.Benchmarks;

/// <summary>Writes a synthetic HR roster of any size: ids, names, e-mails, departments, levels, managers.</summary>
internal static class RosterGenerator
{
    private static readonly string[] Departments = ["Engineering", "Sales", "Product", "Design", "Finance", "People", "Marketing", "Support"];

    public static string Generate(int rows, int seed = 7)
    {
        var random = new Random(seed);
        var csv = new StringBuilder(rows * 120);
        csv.Append("EmployeeNumber,Name,Email,Department,JobRole,JobLevel,ManagerId,HireDate,Interests,YearsAtCompany\r\n");
        for (var i = 1; i <= rows; i++)
        {
            var level = random.Next(100) switch { < 40 => 1, < 70 => 2, < 87 => 3, < 96 => 4, _ => 5 };
            // Managers are earlier rows at a higher level, as in an org chart exported top-down.
            var manager = i > 50 ? random.Next(1, Math.Min(i, 5000)).ToString(CultureInfo.InvariantCulture) : "";
            csv.Append(CultureInfo.InvariantCulture, $"{i},Person {i},person{i}@example.com,{Departments[i % Departments.Length]},Role {level},{level},{manager},")
               .Append(CultureInfo.InvariantCulture, $"{new DateOnly(2015, 1, 1).AddDays(random.Next(3800)):yyyy-MM-dd},chess;running,{random.Next(20)}\r\n");
        }
        return csv.ToString();
    }
}
