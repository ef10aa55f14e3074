using Mentoring.Data;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.EntityFrameworkCore;

namespace Mentoring.Infrastructure;

/// <summary>
/// A page read (GET or HEAD) keeps one database connection open from its handler through its rendering, instead of
/// taking one from the pool and giving it back around each of its queries: each such round costs about as much as a
/// small query (SQLite's pool lock and its per-connection functions; PostgreSQL's pool), and a page runs five to ten.
/// Code that opens and closes the connection itself nests inside this (EF counts the opens).
/// </summary>
public sealed class PageConnectionFilter(MentoringDbContext db) : IAsyncResourceFilter
{
    public async Task OnResourceExecutionAsync(ResourceExecutingContext context, ResourceExecutionDelegate next)
    {
        if (!HttpMethods.IsGet(context.HttpContext.Request.Method) && !HttpMethods.IsHead(context.HttpContext.Request.Method))
        {
            await next();
            return;
        }
        await db.Database.OpenConnectionAsync(context.HttpContext.RequestAborted);
        try
        {
            await next();
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
