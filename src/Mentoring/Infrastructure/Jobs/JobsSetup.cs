namespace Mentoring.Infrastructure.Jobs;

public static class JobsSetup
{
    /// <summary>The job table's runner and queue; features add their handlers with <see cref="AddJobHandler{THandler}"/>.</summary>
    public static IServiceCollection AddMentoringJobs(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<JobsOptions>().Bind(configuration.GetSection("Jobs"));
        services.AddSingleton<JobSignal>();
        services.AddSingleton<JobProgressBoard>();
        services.AddSingleton<JobLeases>();
        services.AddSingleton<JobMetrics>();
        services.AddScoped<JobQueue>();
        services.AddHostedService<JobRunner>();
        return services;
    }

    /// <summary>Runs jobs of this kind with <typeparamref name="THandler"/>, resolved in the job's own scope.</summary>
    public static IServiceCollection AddJobHandler<THandler>(this IServiceCollection services, string kind)
        where THandler : class, IJobHandler =>
        services.AddKeyedScoped<IJobHandler, THandler>(kind);
}
