using Mentoring.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mentoring.Features.Enrollments;

/// <summary>Enrolling people in bulk, by rule or by HR ids. Admins only.</summary>
public static class EnrollmentApi
{
    public static IServiceCollection AddEnrollmentFeature(this IServiceCollection services)
    {
        services.AddScoped<EnrollmentService>();
        // After the app's own Razor Pages set-up, which the conventions need first.
        // The enroll page sits with its feature and is served under /Programs/{id}/Enroll; the
        // dashboard reaches it for a program chosen in a form, as /Programs/Enroll?id=….
        services.PostConfigure<RazorPagesOptions>(options =>
        {
            options.Conventions.AuthorizeFolder("/Enrollment", Policies.Admin);
            options.Conventions.AddPageRoute("/Enrollment/Enroll", "Programs/Enroll");
        });
        return services;
    }

    public static RouteGroupBuilder MapEnrollmentApi(this RouteGroupBuilder api)
    {
        api.MapPost("/programs/{id:int}/enrollments/bulk", Bulk).WithTags("Programs").WithName("EnrollInBulk")
            .WithSummary("Enroll everyone a rule matches (levels, departments, offices, job titles, hire dates, "
                + "in no active program, never mentored, HR ids); with dryRun, only count.")
            .RequireAuthorization(Policies.Admin);
        return api;
    }

    private static async Task<Results<Ok<BulkEnrollmentResult>, NotFound, ValidationProblem>> Bulk(
        int id, EnrollmentRule rule, EnrollmentService enrollment, CancellationToken cancellationToken) =>
        (await enrollment.EnrollAsync(id, rule, cancellationToken)).ToOk();
}
