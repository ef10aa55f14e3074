using System.Net;
using Mentoring.Domain;
using Mentoring.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Mentoring.Tests.ScaleOut;

/// <summary>
/// Two app instances on one PostgreSQL behind nginx, as a company that outgrew one server runs it:
/// what one instance signs or protects the other reads, and the jobs both run happen once.
/// </summary>
public sealed class ScaleOutTests : IAsyncLifetime
{
    private ScaleOutCluster cluster = null!;

    public async Task InitializeAsync() => cluster = await ScaleOutCluster.CreateAsync();

    public async Task DisposeAsync() => await cluster.DisposeAsync();

    [Fact]
    public async Task Two_instances_behind_nginx_share_sign_ins_and_forms_and_draw_a_round_and_send_its_introductions_once()
    {
        // A first instance, jobs off, migrates and seeds the demo organisation; the roulette waits in draft.
        var seeding = await cluster.StartInstanceAsync(jobs: false);
        int rouletteId;
        await using (var db = cluster.Store.OpenContext())
        {
            var roulette = await db.Programs.SingleAsync(p => p.Kind == ProgramKind.CoffeeRoulette && p.Status == ProgramStatus.Active);
            rouletteId = roulette.Id;
            roulette.Status = ProgramStatus.Draft;
            await db.SaveChangesAsync();
        }
        await cluster.StopAsync(seeding);

        var a = await cluster.StartInstanceAsync(jobs: true);
        var b = await cluster.StartInstanceAsync(jobs: true);
        await cluster.StartProxyAsync();

        // The sign-in form from A, posted to B: B reads A's antiforgery cookie and token.
        var cookies = new CookieContainer();
        using var toA = Client(a.Address, cookies);
        using var toB = Client(b.Address, cookies);
        var signIn = await toA.GetStringAsync("/Account/SignIn");
        using (var signedIn = await toB.PostAsync("/Account/SignIn", Form(
            ("Input.Email", AppFixture.EmailOfRole[Roles.Admin]), ("Input.Password", AppFixture.Password),
            ("__RequestVerificationToken", AppFixture.AntiforgeryToken(signIn)))))
        {
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        }

        // B's sign-in cookie opens A's pages; A's form, with A's token, is accepted by B.
        using (var page = await toA.GetAsync("/Offices/Edit"))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            var token = AppFixture.AntiforgeryToken(await page.Content.ReadAsStringAsync());
            using var saved = await toB.PostAsync("/Offices/Edit", Form(
                ("Input.Name", "Scale-out office"), ("Input.TimeZone", "Europe/Berlin"), ("__RequestVerificationToken", token)));
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }
        await using (var db = cluster.Store.OpenContext())
        {
            Assert.True(await db.Offices.AnyAsync(o => o.Name == "Scale-out office"));
        }

        // Through nginx, the one cookie works on whichever instance answers, and both answer.
        using var proxied = Client(cluster.Proxy, cookies);
        var upstreams = new HashSet<string>();
        for (var i = 0; i < 6; i++)
        {
            using var me = await proxied.GetAsync("/Me");
            Assert.Equal(HttpStatusCode.OK, me.StatusCode);
            upstreams.Add(me.Headers.GetValues("X-Upstream").Single());
        }
        Assert.Equal(new[] { a.Address.Authority, b.Address.Authority }.Order(StringComparer.Ordinal), upstreams.Order(StringComparer.Ordinal));

        // The roulette goes live with both instances looking every second: one round, one introduction each.
        await using (var db = cluster.Store.OpenContext())
        {
            await db.Programs.Where(p => p.Id == rouletteId).ExecuteUpdateAsync(set => set.SetProperty(p => p.Status, ProgramStatus.Active));
        }
        const string subject = "Your virtual coffee in";
        var expected = 0;
        for (var i = 0; i < 600; i++)
        {
            await using var db = cluster.Store.OpenContext();
            // Introductions to people in their quiet hours wait (DueAt) for their morning; the rest go now.
            var queued = await db.Notifications.Where(n => n.Subject.StartsWith(subject) && n.DueAt == null).ToListAsync();
            expected = queued.Count;
            if (expected > 0 && queued.All(n => n.SentAt != null) && Introductions().Count >= expected)
            {
                break;
            }
            await Task.Delay(100);
        }
        Assert.True(expected > 10, $"the round's introductions were not sent; A:\n{a.Output}\nB:\n{b.Output}");
        // Several more passes of both instances: nothing is sent again.
        await Task.Delay(TimeSpan.FromSeconds(4));

        var sent = Introductions();
        Assert.Equal(expected, sent.Count);
        Assert.All(sent.GroupBy(m => m.To.Mailboxes.Single().Address), g => Assert.Single(g));
        await using (var db = cluster.Store.OpenContext())
        {
            var round = await db.RouletteRounds.SingleAsync(r => r.ProgramId == rouletteId);
            var waiting = await db.Notifications.CountAsync(n => n.Subject.StartsWith(subject) && n.DueAt != null && n.SentAt == null);
            Assert.Equal(round.Participants, sent.Count + waiting);
        }
        Assert.False(a.Process.HasExited || b.Process.HasExited, "both instances ran the whole time");

        List<MimeKit.MimeMessage> Introductions() =>
            cluster.Smtp.Messages().Where(m => (m.Subject ?? "").StartsWith(subject, StringComparison.Ordinal)).ToList();
    }

    private static HttpClient Client(Uri address, CookieContainer cookies) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = cookies }) { BaseAddress = address };

    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));
}
